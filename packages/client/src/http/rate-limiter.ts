import pLimit from 'p-limit';
import type { Pax8Now, Pax8Sleep } from './clock';

/** The client's shared limiter: spaces requests evenly and caps how many are in flight. @internal */
export interface RateLimiter {
  /** Runs `task` once a slot is free and its start time has come. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Starts nothing before `ms` from now (Pax8 said `Retry-After`): holds every request of the client. */
  holdFor(ms: number): void;
}

/** What {@link createRateLimiter} needs. @internal */
export interface RateLimiterOptions {
  /** Requests a minute; they are spread evenly (60 000 / n ms apart), never sent in one burst. */
  requestsPerMinute: number;
  /** Requests in flight at most. */
  concurrency: number;
  /** Clock. */
  now: Pax8Now;
  /** Timer. */
  sleep: Pax8Sleep;
}

/** Builds the limiter: p-limit for concurrency, a start-time ledger for even spacing. @internal */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limit = pLimit(options.concurrency);
  const interval = 60_000 / options.requestsPerMinute;
  let nextStart = Number.NEGATIVE_INFINITY;
  return {
    run: (task) =>
      limit(async () => {
        const now = options.now();
        const start = Math.max(now, nextStart);
        nextStart = start + interval;
        if (start > now) await options.sleep(start - now);
        return task();
      }),
    holdFor: (ms) => {
      nextStart = Math.max(nextStart, options.now() + ms);
    },
  };
}
