import type { Pax8RateLimiter } from '@pax8-sync/client';

const MAX_HOLD_MS = 15 * 60_000;

/** Milliseconds of a `Retry-After` header (seconds or an HTTP date), or undefined. @internal */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_HOLD_MS) : undefined;
}

/**
 * Wraps `fetch` so every request goes through `limiter` (the client's `createPax8RateLimiter`,
 * e.g. with {@link createPostgresRateLimitStore}), and a 429 with `Retry-After` holds it: for a
 * client factory of your own that does not take a `rateLimiter`.
 * @example
 * const fetch = rateLimitedFetch(globalThis.fetch, createPax8RateLimiter({ store }));
 */
export function rateLimitedFetch(inner: typeof fetch, limiter: Pax8RateLimiter): typeof fetch {
  return async (input, init) => {
    const response = await limiter.run(() => inner(input, init));
    if (response.status === 429) {
      const hold = retryAfterMs(response.headers.get('retry-after'), Date.now());
      if (hold !== undefined) await limiter.hold(hold);
    }
    return response;
  };
}
