import type { Pax8Now, Pax8Sleep } from '@pax8-sync/client';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A discrete-event clock: sleeps never really wait, time jumps to the next wake-up. */
export interface FakeClock {
  now: Pax8Now;
  sleep: Pax8Sleep;
  /** Moves time forward by hand (e.g. to near a token's expiry). */
  advance(ms: number): void;
  /** Every duration passed to sleep, in call order. */
  readonly sleeps: number[];
}

/**
 * Pending sleeps wake one at a time, earliest first, each on its own macrotask, and `now` jumps
 * to the wake time; so concurrent waits see consistent times without any real waiting.
 * `lateness` (ms added to each wake-up) plays a loaded machine whose timers fire late.
 */
export function createFakeClock(start = Date.UTC(2026, 0, 1), options: { lateness?: () => number } = {}): FakeClock {
  let now = start;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  let scheduled = false;

  const drain = () => {
    scheduled = false;
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers.shift();
    if (!next) return;
    now = Math.max(now, next.at);
    next.resolve();
    if (timers.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };

  return {
    now: () => now,
    sleeps,
    advance(ms) {
      now += ms;
    },
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        // A loaded machine wakes timers late, never early.
        const timer: Timer = { at: now + Math.max(0, ms) + (options.lateness?.() ?? 0), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener(
          'abort',
          () => {
            const index = timers.indexOf(timer);
            if (index >= 0) timers.splice(index, 1);
            reject(signal.reason);
          },
          { once: true },
        );
        schedule();
      });
    },
  };
}
