import type { Pax8Now } from '../http/clock';

/** What the limiter asks a {@link Pax8RateLimitStore} for each start. */
export interface Pax8RateLimitStartRequest {
  /** Least time between two starts of any process sharing the store: 60 000 / `limitPerMinute`. */
  intervalMs: number;
  /** The most starts any 60 s window may hold (a store keeping a window log may use it instead of spacing). */
  limitPerMinute: number;
}

/** The store's answer: start now (the store has counted it), or ask again in `retryInMs`. */
export type Pax8RateLimitStartResult = { granted: true } | { granted: false; retryInMs: number };

/**
 * Start slots and holds shared by every process working for one Pax8 partner account (Pax8's
 * limit is per account). Concurrency stays per process; only starts and holds are shared.
 *
 * Contract (`specificationVersion: 'v1'`):
 * - `tryStart` is atomic and does not block: when the store's now is at least
 *   `max(lastStart + intervalMs, holdUntil)` it sets `lastStart = now` and grants; otherwise it
 *   answers how long to wait. A granted start is sent at once by the caller.
 * - `hold(ms)` sets `holdUntil = max(holdUntil, now + ms)`: it extends a hold, never shortens it.
 * - A rejection fails the request that asked (no silent fallback to a per-process limit).
 */
export interface Pax8RateLimitStore {
  /** Version of this contract. */
  readonly specificationVersion: 'v1';
  /** Takes one start slot now, or says how long to wait. */
  tryStart(request: Pax8RateLimitStartRequest): Promise<Pax8RateLimitStartResult>;
  /** Nothing sharing the store starts within `ms` from now (a 429's Retry-After). */
  hold(ms: number): Promise<void>;
}

/** Options of {@link createMemoryRateLimitStore}. */
export interface Pax8MemoryRateLimitStoreOptions {
  /** The store's clock (epoch ms). Default `Date.now`. */
  now?: Pax8Now;
}

/**
 * The reference {@link Pax8RateLimitStore}, in this process's memory: what a database-backed
 * store does in one atomic statement. Several limiters given the same store share one budget.
 *
 * @example
 * ```ts
 * const store = createMemoryRateLimitStore();
 * const a = createPax8RateLimiter({ store });
 * const b = createPax8RateLimiter({ store }); // a and b together stay under the limit
 * ```
 */
export function createMemoryRateLimitStore(options: Pax8MemoryRateLimitStoreOptions = {}): Pax8RateLimitStore {
  const now = options.now ?? Date.now;
  let lastStart = Number.NEGATIVE_INFINITY;
  let holdUntil = Number.NEGATIVE_INFINITY;
  return {
    specificationVersion: 'v1',
    tryStart: async ({ intervalMs }) => {
      const at = Math.max(lastStart + intervalMs, holdUntil);
      const current = now();
      if (current < at) return { granted: false, retryInMs: at - current };
      lastStart = current;
      return { granted: true };
    },
    hold: async (ms) => {
      holdUntil = Math.max(holdUntil, now() + ms);
    },
  };
}
