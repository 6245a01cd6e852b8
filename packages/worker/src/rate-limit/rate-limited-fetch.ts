import type { SharedRateLimiter } from './shared-rate-limiter';

const MAX_HOLD_MS = 15 * 60_000;

/** Options of {@link rateLimitedFetch}. */
export interface RateLimitedFetchOptions {
  /** The shared limiter. */
  limiter: SharedRateLimiter;
  /** The account the requests count against. */
  account: string;
  /** Aborts waiting requests and requests in flight (the worker's shutdown of a job). */
  signal?: AbortSignal;
  /** Told how long each request waited for its slot, ms. */
  onWait?: (ms: number) => void;
}

/** Milliseconds of a `Retry-After` header (seconds or an HTTP date), or undefined. @internal */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_HOLD_MS) : undefined;
}

/**
 * Wraps `fetch` so every request (token requests and retries included: Pax8 counts them too) first
 * takes a slot of the account's shared limit, and a 429 with `Retry-After` holds the whole account.
 */
export function rateLimitedFetch(inner: typeof fetch, options: RateLimitedFetchOptions): typeof fetch {
  const { limiter, account, signal } = options;
  return async (input, init) => {
    const waited = await limiter.acquire(account, signal);
    options.onWait?.(waited);
    const linked = signal ? { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal } : init;
    const response = await inner(input, linked);
    if (response.status === 429) {
      const hold = retryAfterMs(response.headers.get('retry-after'), Date.now());
      if (hold !== undefined) await limiter.hold(account, hold);
    }
    return response;
  };
}
