import { describe, expect, it } from 'vitest';
import { cadenceOffset, nextSlot } from '../src/index';

const HOUR = 3_600_000;

describe('cadence slots with jitter', () => {
  it('5,000 hourly connections spread over the hour instead of starting on it', () => {
    const perMinute = new Array<number>(60).fill(0);
    for (let i = 0; i < 5_000; i += 1) {
      const minute = Math.floor(cadenceOffset(`connection-${i}`, 'subscriptions', HOUR) / 60_000);
      perMinute[minute]! += 1;
    }
    const mean = 5_000 / 60;
    // Uniform enough: no minute gets more than 1.5 times its share (on the hour it would be all 5,000).
    expect(Math.max(...perMinute)).toBeLessThan(1.5 * mean);
    expect(Math.min(...perMinute)).toBeGreaterThan(0.5 * mean);
  });

  it('the offset is deterministic per (connection, entity), the same on every worker', () => {
    expect(cadenceOffset('c-1', 'companies', 4 * HOUR)).toBe(cadenceOffset('c-1', 'companies', 4 * HOUR));
    const offsets = new Set(['companies', 'products', 'subscriptions'].map((e) => cadenceOffset('c-1', e as 'companies', HOUR)));
    expect(offsets.size).toBe(3);
  });

  it('the next slot is after the given time, within one cadence, on the connection\'s own offset', () => {
    const offset = cadenceOffset('c-7', 'subscriptions', HOUR);
    for (const after of [0, 1, HOUR - 1, Date.UTC(2026, 5, 1, 10, 17), Date.UTC(2026, 5, 1) + offset, Date.UTC(2026, 5, 1) + offset - 1]) {
      const slot = nextSlot('c-7', 'subscriptions', HOUR, after);
      expect(slot).toBeGreaterThan(after);
      expect(slot - after).toBeLessThanOrEqual(HOUR);
      expect(((slot % HOUR) + HOUR) % HOUR).toBe(offset);
    }
    // Run after run the minute stays the same.
    const first = nextSlot('c-7', 'subscriptions', HOUR, Date.UTC(2026, 5, 1));
    expect(nextSlot('c-7', 'subscriptions', HOUR, first)).toBe(first + HOUR);
  });
});
