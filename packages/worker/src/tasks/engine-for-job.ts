import { type ClientFactory, createSyncEngine, type EngineClientOptions, pax8ClientFactory, type SyncEngine } from '@pax8-sync/core';
import { rateLimitedClientFactory } from '../rate-limit/rate-limited-client-factory';
import type { WorkerContext } from '../worker-context';

type Sleep = NonNullable<EngineClientOptions['sleep']>;

const timerSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
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

/**
 * The client's sleep (backoff, rate spacing, timeouts) cut short once the job is told to stop, so a
 * stopping sync fails fast at its next request instead of sleeping through retries; its committed
 * pages stay, and the next run resumes from its checkpoint.
 */
function stoppableSleep(stop: AbortSignal, base: Sleep): Sleep {
  return (ms, signal) => {
    if (stop.aborted) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onStop = () => resolve();
      stop.addEventListener('abort', onStop, { once: true });
      base(ms, signal).then(
        () => {
          stop.removeEventListener('abort', onStop);
          resolve();
        },
        (error: unknown) => {
          stop.removeEventListener('abort', onStop);
          reject(error);
        },
      );
    });
  };
}

/** Waits like `base`, but rejects once the job is told to stop: a request waiting for its rate-limit slot gives up. */
function abortingSleep(stop: AbortSignal, base: Sleep): Sleep {
  return (ms, signal) => base(ms, signal ? AbortSignal.any([signal, stop]) : stop);
}

/** The client factory of one job: the user's or core's, behind the shared rate limit, stopped by `stop`. @internal */
export function clientFactoryForJob(ctx: WorkerContext, stop: AbortSignal): ClientFactory {
  const clientOptions = { ...ctx.clientOptions, sleep: stoppableSleep(stop, ctx.clientOptions.sleep ?? timerSleep) };
  if (!ctx.rateLimit) return ctx.createClient ?? pax8ClientFactory(clientOptions);
  const { store, ...pacing } = ctx.rateLimit;
  return rateLimitedClientFactory({
    clientOptions,
    ...(ctx.createClient ? { createClient: ctx.createClient } : {}),
    accountKey: ctx.accountKey,
    store,
    limiter: { ...pacing, sleep: abortingSleep(stop, ctx.clientOptions.sleep ?? timerSleep) },
  });
}

/** The engine one job syncs with. @internal */
export function engineForJob(ctx: WorkerContext, stop: AbortSignal): SyncEngine {
  return createSyncEngine({
    storage: ctx.storage,
    codec: ctx.codec,
    clock: ctx.clock,
    logger: ctx.logger,
    ...(ctx.ids ? { ids: ctx.ids } : {}),
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    createClient: clientFactoryForJob(ctx, stop),
    syncDefaults: { lockTtlMs: ctx.lockTtlMs, ...ctx.syncDefaults },
  });
}
