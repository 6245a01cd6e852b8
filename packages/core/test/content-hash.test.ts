import { contentHash, stableStringify } from '@pax8-sync/core';
import { describe, expect, it } from 'vitest';

describe('content hash', () => {
  it('ignores key order at every depth but not values, array order or nulls', () => {
    const a = { id: 's', nested: { b: 1, a: [{ y: 2, x: 1 }, 'z'] }, none: null };
    const b = { none: null, nested: { a: [{ x: 1, y: 2 }, 'z'], b: 1 }, id: 's' };
    expect(stableStringify(a)).toBe('{"id":"s","nested":{"a":[{"x":1,"y":2},"z"],"b":1},"none":null}');
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash({ ...a, none: 0 }));
    expect(contentHash(a)).not.toBe(contentHash({ ...a, nested: { b: 1, a: ['z', { x: 1, y: 2 }] } }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 1, b: null }));
  });
});
