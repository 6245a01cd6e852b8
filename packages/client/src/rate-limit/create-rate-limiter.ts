import pLimit from 'p-limit';
import { z } from 'zod';
import { parseOptions } from '../client/parse-options';
import { type Pax8Now, type Pax8Sleep, realSleep } from '../http/clock';
import type { Pax8RateLimitStore } from './rate-limit-store';

/**
 * Paces the requests of one Pax8 partner account. Every HTTP attempt a client sends (API calls,
 * retries, the token request) runs through `run`. Make one with {@link createPax8RateLimiter}
 * and give it to every client of that account (`createPax8Client({ rateLimiter })`).
 */
export interface Pax8RateLimiter {
  /** Version of this contract. */
  readonly specificationVersion: 'v1';
  /** The most requests any 60 s window holds: `floor(requestsPerMinute × safetyMargin)`. */
  readonly limitPerMinute: number;
  /**
   * Runs `task` (one HTTP attempt) once an in-flight slot is free and a start slot is granted.
   * `task` must put its request on the wire at once. Rejects with the store's error when the
   * store fails (the task is then not run).
   */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Pax8 answered 429 with Retry-After: nothing sharing this limiter (or its store) starts within `ms` from now. */
  hold(ms: number): Promise<void>;
}

/** Options of {@link createPax8RateLimiter}. */
export interface Pax8RateLimiterOptions {
  /** Pax8's limit for the partner account, in requests a minute. Default 1000. */
  requestsPerMinute?: number;
  /**
   * The share of the limit used, in (0, 1]. Default 0.9 (900 a minute of 1,000): headroom for
   * clock differences with Pax8 and, with a store, for the time between a grant and its send.
   */
  safetyMargin?: number;
  /** Requests in flight at most, shared by every client using this limiter. Default 10. */
  concurrency?: number;
  /** Start slots shared across processes (see {@link Pax8RateLimitStore}). Default: this process only. */
  store?: Pax8RateLimitStore;
  /** Clock (epoch ms). Default `Date.now`. */
  now?: Pax8Now;
  /** Timer. Default: setTimeout. */
  sleep?: Pax8Sleep;
}

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', { message: `must be ${what}` });

/** The pacing settings shared by the client's `rateLimit` option and {@link createPax8RateLimiter}. @internal */
export const rateLimitSettingsShape = {
  requestsPerMinute: z.number({ message: 'must be a positive number' }).positive('must be a positive number').finite().optional(),
  safetyMargin: z
    .number({ message: 'must be a number in (0, 1], e.g. 0.9' })
    .gt(0, 'must be a number in (0, 1], e.g. 0.9')
    .max(1, 'must be a number in (0, 1], e.g. 0.9')
    .optional(),
  concurrency: z.number({ message: 'must be a whole number of at least 1' }).int('must be a whole number of at least 1').min(1, 'must be a whole number of at least 1').optional(),
};

const optionsSchema = z.strictObject({
  ...rateLimitSettingsShape,
  store: z
    .object({ tryStart: fn('a function returning a Promise'), hold: fn('a function returning a Promise') }, { message: 'must be a Pax8RateLimitStore: { tryStart(), hold() }' })
    .loose()
    .optional(),
  now: fn('a function returning epoch ms').optional(),
  sleep: fn('a function (ms, signal) => Promise<void>').optional(),
});


/**
 * Creates a rate limiter: starts at least `60 000 / limitPerMinute` ms apart, measured between the
 * actual starts (the clock is read again after every sleep), so a late timer delays the next
 * start instead of bunching starts, and no 60 s window ever holds more than `limitPerMinute`.
 * Bad options throw Pax8InvalidArgumentError naming the field.
 *
 * @example
 * ```ts
 * const limiter = createPax8RateLimiter({ requestsPerMinute: 1000 }); // one per partner account
 * const a = createPax8Client({ clientId, clientSecret, rateLimiter: limiter });
 * const b = createPax8Client({ clientId, clientSecret, rateLimiter: limiter }); // shares a's budget
 * ```
 */
export function createPax8RateLimiter(options: Pax8RateLimiterOptions = {}): Pax8RateLimiter {
  parseOptions(optionsSchema, options, 'rate limiter');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const { store } = options;
  const limitPerMinute = Math.max(1, Math.floor((options.requestsPerMinute ?? 1000) * (options.safetyMargin ?? 0.9)));
  const intervalMs = 60_000 / limitPerMinute;
  const inFlight = pLimit(options.concurrency ?? 10);
  let lastStart = Number.NEGATIVE_INFINITY;
  let holdUntil = Number.NEGATIVE_INFINITY;
  let queue: Promise<unknown> = Promise.resolve();
  // A sleep of `ms` lasts at least `ms`: time is never earlier than that, even on a clock that
  // does not move with the timer (an injected `now` without its `sleep`).
  let floor = Number.NEGATIVE_INFINITY;
  const current = () => Math.max(now(), floor);
  const pause = async (ms: number) => {
    // Whole milliseconds, as clocks and timers count them.
    const whole = Math.max(1, Math.ceil(ms));
    const target = current() + whole;
    await sleep(whole);
    floor = Math.max(floor, target);
  };

  const grant = async (): Promise<void> => {
    for (;;) {
      const due = Math.max(lastStart + intervalMs, holdUntil);
      if (current() < due) {
        await pause(due - current());
        continue;
      }
      if (store) {
        const answer = await store.tryStart({ intervalMs, limitPerMinute });
        if (!answer.granted) {
          await pause(answer.retryInMs);
          continue;
        }
      }
      // The clock is read after the last sleep: spacing is between actual starts.
      lastStart = current();
      return;
    }
  };
  // One grant at a time, in arrival order: spacing is measured between consecutive grants.
  const nextStart = (): Promise<void> => {
    const granted = queue.then(grant);
    queue = granted.catch(() => undefined);
    return granted;
  };

  return {
    specificationVersion: 'v1',
    limitPerMinute,
    run: (task) =>
      inFlight(async () => {
        await nextStart();
        return task();
      }),
    hold: async (ms) => {
      holdUntil = Math.max(holdUntil, current() + ms);
      if (store) await store.hold(ms);
    },
  };
}
