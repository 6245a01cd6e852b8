/** Retry tuning: how many retries and the bounds of the exponential backoff. */
export interface Pax8RetryOptions {
  /** Retries after the first attempt (0 disables retrying). Default 4. */
  retries?: number;
  /** Backoff of the first retry, in ms (before jitter). Default 500. */
  minDelayMs?: number;
  /** Largest backoff, in ms. Default 30 000. */
  maxDelayMs?: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th retry (1-based) waits between half and all
 * of `min(maxDelayMs, minDelayMs * 2^(n-1))`. @internal
 */
export function backoffDelay(retry: number, options: Required<Pax8RetryOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
