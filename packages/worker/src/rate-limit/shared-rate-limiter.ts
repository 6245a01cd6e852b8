/**
 * A request limit shared by every process working for one Pax8 partner account: each request
 * reserves a slot first and waits for it.
 */
export interface SharedRateLimiter {
  /**
   * Reserves the account's next request slot and resolves when it has come (at once when the
   * account is under its limit). Rejects with the signal's reason if `signal` aborts first; the
   * slot stays spent, which only makes the limit stricter.
   * @returns how long the caller waited, ms.
   */
  acquire(account: string, signal?: AbortSignal): Promise<number>;
  /** Starts no request of the account before `ms` from now (Pax8 answered 429 with `Retry-After`). */
  hold(account: string, ms: number): Promise<void>;
}

/** Waits `ms`, rejecting with the signal's reason when it aborts. @internal */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
