/** Reads the current time in epoch milliseconds. */
export type Pax8Now = () => number;

/**
 * Waits `ms` milliseconds; rejects with `signal.reason` when the signal aborts first.
 * Inject a fake one in tests so nothing really waits.
 */
export type Pax8Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real sleep, on `setTimeout`. @internal */
export const realSleep: Pax8Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
