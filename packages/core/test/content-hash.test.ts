import { contentHash, stableStringify } from '@pax8-sync/core';
import fc from 'fast-check';
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

describe('content hash stability', () => {
  // Stored rows keep the hash they were written with: the fast form must give exactly the text of
  // the sorted-replacer form every earlier version hashed, or an upgrade would "update" every row.
  const replacerForm = (value: unknown) => {
    const keys = new Set<string>();
    const collect = (v: unknown): void => {
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        for (const item of v) collect(item);
        return;
      }
      for (const [k, item] of Object.entries(v)) {
        keys.add(k);
        collect(item);
      }
    };
    collect(value);
    return JSON.stringify(value, [...keys].sort());
  };

  it('serialises any JSON exactly as the sorted-replacer form (index-like keys, unicode, nesting)', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', 'a', 'B', 'é', '😀', '__proto__', 'constructor'));
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        // The replacer form reads listed keys through the prototype chain: once any object holds an own
        // `__proto__` key, every other object gains an inherited `"__proto__": {...}` there. That text was
        // never the record's content; the copy form writes own keys only (tested below).
        fc.pre(!replacerForm(value).includes('"__proto__"'));
        expect(stableStringify(value as never)).toBe(replacerForm(value));
      }),
      { numRuns: 500 },
    );
  });

  it('records of one shape, their keys in any order and their nested objects alike, serialise as the replacer form one after another', () => {
    // The fast form reuses the sorted key order of the object met before at the same depth while the keys repeat.
    const keys = fc.uniqueArray(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('a', 'b', 'id', 'é', '10')), { minLength: 1, maxLength: 6 });
    const records = keys.chain((names) =>
      fc.array(
        fc.tuple(fc.shuffledSubarray(names, { minLength: names.length }), fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { minLength: names.length, maxLength: names.length }), fc.boolean()),
        { minLength: 2, maxLength: 6 },
      ),
    );
    fc.assert(
      fc.property(records, (list) => {
        for (const [order, values, nest] of list) {
          const inner = Object.fromEntries(order.map((k, i) => [k, values[i] ?? null]));
          const record = Object.fromEntries(order.map((k, i) => [k, nest && i === 0 ? inner : (values[i] ?? null)]));
          expect(stableStringify(record as never)).toBe(replacerForm(record));
          expect(stableStringify([record, inner] as never)).toBe(replacerForm([record, inner]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an own __proto__ key (JSON.parse makes one) is content like any other key, and adds nothing to other objects', () => {
    const record = JSON.parse('[{}, {"b": 1, "__proto__": {"x": null}}, [[{"__proto__": null}]]]');
    expect(stableStringify(record)).toBe('[{},{"__proto__":{"x":null},"b":1},[[{"__proto__":null}]]]');
    expect(stableStringify(JSON.parse('{"__proto__": 1}'))).not.toBe(stableStringify(JSON.parse('{"__proto__": 2}')));
  });
});
