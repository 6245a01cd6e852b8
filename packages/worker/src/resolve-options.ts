import { createPax8RateLimiter } from '@pax8-sync/client';
import { defaultSyncCadence, Pax8SyncConfigError, systemClock } from '@pax8-sync/core';
import { quoteIdentifier } from './database/identifier';
import type { ResolvedLiveness } from './liveness/liveness';
import { createInstruments } from './metrics/meter';
import { clientIdAccountKey } from './rate-limit/account-key';
import { createPostgresRateLimitStore } from './rate-limit/postgres-rate-limit-store';
import { validateOverride } from './schedule/schedule-overrides';
import { resolveFairShare } from './schedule/fair-share';
import type { WorkerContext } from './worker-context';
import type { Pax8SyncWorkerOptions } from './worker-options';

/** Runtime settings that are not the tasks' business. @internal */
export interface RuntimeSettings {
  concurrency: number;
  graphileSchemaName: string;
  liveness: ResolvedLiveness;
  shutdownTimeoutMs: number;
  pollIntervalMs: number;
  preparedStatements: boolean;
  reconcileCrontab: string;
}

function whole(field: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new Pax8SyncConfigError(field, `must be a whole number of at least ${min} (got ${String(value)}).`);
  return v;
}

function required(options: Pax8SyncWorkerOptions): void {
  if (typeof options !== 'object' || options === null) throw new Pax8SyncConfigError('options', 'are required: pass { pgPool, storage, codec }.');
  const pool = options.pgPool as Partial<Pax8SyncWorkerOptions['pgPool']> | undefined;
  if (typeof pool?.query !== 'function' || typeof pool.connect !== 'function') {
    throw new Pax8SyncConfigError('pgPool', 'is required: pass a `pg` Pool (`new pg.Pool({ connectionString })`) on the database of the job queue.');
  }
  if (typeof options.storage?.connections?.list !== 'function') throw new Pax8SyncConfigError('storage', 'is required: pass a pax8-sync storage adapter (e.g. createPostgresStorage).');
  if (typeof options.codec?.seal !== 'function') throw new Pax8SyncConfigError('codec', 'is required: pass the codec credentials are sealed with (e.g. storage.codec).');
}

function resolveWriteBack(options: Pax8SyncWorkerOptions): WorkerContext['writeBack'] {
  if (options.writeBack === false || options.storage.capabilities?.writeBack !== true) return null;
  const w = options.writeBack ?? {};
  return {
    sendEveryMs: whole('writeBack.sendEveryMs', w.sendEveryMs, 60_000, 100),
    reconcileEveryMs: whole('writeBack.reconcileEveryMs', w.reconcileEveryMs, 300_000, 100),
    staleAfterMs: whole('writeBack.staleAfterMs', w.staleAfterMs, 300_000, 0),
    limit: whole('writeBack.limit', w.limit, 100, 1),
  };
}

/** Validates the options (naming the field at fault) and resolves the tasks' context. @internal */
export function resolveOptions(options: Pax8SyncWorkerOptions): { ctx: WorkerContext; runtime: RuntimeSettings } {
  required(options);
  const workerSchemaName = options.schema ?? 'pax8_sync_worker';
  const workerSchema = quoteIdentifier('schema', workerSchemaName);
  const graphileSchemaName = options.graphileSchema ?? 'graphile_worker';
  const graphileSchema = quoteIdentifier('graphileSchema', graphileSchemaName);
  if (options.billing !== undefined && typeof options.billing !== 'boolean') throw new Pax8SyncConfigError('billing', `must be true or false (got ${JSON.stringify(options.billing)}).`);
  if (options.billing === true && options.storage.capabilities?.billing !== true) {
    throw new Pax8SyncConfigError('billing', 'needs a storage declaring capabilities.billing (the memory and Postgres adapters do): give one, or leave billing off.');
  }
  validateOverride(options.cadence ? { cadence: options.cadence } : {});
  const cadence = { ...defaultSyncCadence, ...options.cadence };
  const rate = options.rateLimit === false ? null : (options.rateLimit ?? {});
  const instruments = createInstruments(options.meter);
  const rateLimit = rate
    ? {
        ...(rate.requestsPerMinute !== undefined ? { requestsPerMinute: rate.requestsPerMinute } : {}),
        ...(rate.safetyMargin !== undefined ? { safetyMargin: rate.safetyMargin } : {}),
        ...(rate.concurrency !== undefined ? { concurrency: rate.concurrency } : {}),
        store:
          rate.store ??
          ((account: string) => createPostgresRateLimitStore({ pool: options.pgPool, schema: workerSchemaName, account, onWait: (ms) => instruments.rateLimitWait.record(ms) })),
      }
    : null;
  if (rateLimit) {
    // The client's limiter validates these too, but only once a sync runs: refuse them at start.
    createPax8RateLimiter({ ...rateLimit, store: rateLimit.store('options-check') });
  }
  const heartbeatMs = whole('liveness.heartbeatMs', options.liveness?.heartbeatMs, 10_000, 100);
  const deadAfterMs = whole('liveness.deadAfterMs', options.liveness?.deadAfterMs, 60_000, 2 * heartbeatMs);
  const logger = options.logger ?? {};
  const noop = () => undefined;
  const ctx: WorkerContext = {
    pool: options.pgPool,
    storage: options.storage,
    codec: options.codec,
    clock: options.clock ?? systemClock,
    ids: options.ids,
    logger: {
      debug: logger.debug?.bind(logger) ?? noop,
      info: logger.info?.bind(logger) ?? noop,
      warn: logger.warn?.bind(logger) ?? noop,
      error: logger.error?.bind(logger) ?? noop,
    },
    createClient: options.createClient,
    clientOptions: { ...options.clientOptions },
    fetch: options.fetch,
    syncDefaults: { ...options.syncDefaults },
    lockTtlMs: whole('lockTtlMs', options.lockTtlMs, 180_000, 1_000),
    rateLimit,
    accountKey: rate?.accountKey ?? clientIdAccountKey,
    jobs: { db: options.pgPool, graphileSchema, maxAttempts: whole('maxAttempts', options.maxAttempts, 25, 1) },
    workerSchema,
    cadence,
    billing: options.billing === true,
    fairShare: resolveFairShare(options.fairShare),
    webhookDebounceMs: whole('webhookDebounceMs', options.webhookDebounceMs, 5_000, 0),
    webhookSweepEveryMs: whole('webhookSweepEveryMs', options.webhookSweepEveryMs, 300_000, 1_000),
    instruments,
    writeBack: resolveWriteBack(options),
  };
  const runtime: RuntimeSettings = {
    concurrency: whole('concurrency', options.concurrency, 4, 1),
    graphileSchemaName,
    liveness: { heartbeatMs, deadAfterMs },
    shutdownTimeoutMs: whole('shutdownTimeoutMs', options.shutdownTimeoutMs, 20_000, 0),
    pollIntervalMs: whole('pollIntervalMs', options.pollIntervalMs, 2_000, 10),
    preparedStatements: options.preparedStatements !== false,
    reconcileCrontab: options.reconcileCrontab ?? '*/10 * * * *',
  };
  return { ctx, runtime };
}
