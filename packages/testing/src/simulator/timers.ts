/** The timers webhook deliveries wait on: real ones by default, or a manual clock a test advances. */

/** What the deliverer schedules with. */
export interface Pax8Timers {
  /** Runs `callback` after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a scheduled callback. */
  clearTimeout(handle: unknown): void;
}

/** Timers a test drives: nothing runs until `advance` moves the clock past it. */
export interface Pax8ManualTimers extends Pax8Timers {
  /** The manual clock (epoch ms); pass it as the simulator's `now` so stamps follow it. */
  now(): number;
  /** Moves the clock forward, running every callback that falls due, in time order. */
  advance(ms: number): void;
  /** Callbacks scheduled and not yet run. */
  readonly pending: number;
}

/** Real timers that never keep the process alive. */
export const realTimers: Pax8Timers = {
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/**
 * Creates manual timers starting at `start` (epoch ms, default 2026-06-01T00:00:00Z).
 * @example
 * ```ts
 * const timers = createPax8ManualTimers();
 * const sim = createPax8Simulator({ now: timers.now, webhookDelivery: { timers } });
 * timers.advance(10_000); // a receiver that never answered has now timed out
 * await sim.webhooks.settled();
 * ```
 */
export function createPax8ManualTimers(start = Date.parse('2026-06-01T00:00:00Z')): Pax8ManualTimers {
  let clock = start;
  let seq = 0;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => clock,
    setTimeout(callback, ms) {
      seq += 1;
      due.set(seq, { at: clock + Math.max(0, ms), callback });
      return seq;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const target = clock + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= target).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!next) break;
        due.delete(next[0]);
        clock = Math.max(clock, next[1].at);
        next[1].callback();
      }
      clock = target;
    },
    get pending() {
      return due.size;
    },
  };
}
