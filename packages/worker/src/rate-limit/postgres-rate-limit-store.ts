import type { Pax8RateLimitStartResult, Pax8RateLimitStore } from '@pax8-sync/client';
import { Pax8SyncConfigError } from '@pax8-sync/core';
import { quoteIdentifier } from '../database/identifier';
import { type Queryable, rowsOf } from '../database/queryable';

/** Options of {@link createPostgresRateLimitStore}. */
export interface PostgresRateLimitStoreOptions {
  /** The pool. The worker's schema must be migrated (`worker.migrate()`). */
  pool: Queryable;
  /** The partner account whose starts this store shares (e.g. `clientIdAccountKey(...)`). */
  account: string;
  /** The worker's own schema; default `pax8_sync_worker`. */
  schema?: string;
  /** Told how long each refused start has to wait, ms (the worker's rate-limit metric). */
  onWait?: (ms: number) => void;
}

/**
 * A `Pax8RateLimitStore` (the client's cross-process start slots) on Postgres: one row per partner
 * account in the worker's schema, granted in one atomic statement on the database's clock, so every
 * process (on any host) sharing the database shares the account's limit. Give it to the client's
 * limiter: `createPax8RateLimiter({ store })`.
 * @example
 * const store = createPostgresRateLimitStore({ pool, account: 'partner-account-key' });
 * const client = createPax8Client({ clientId, clientSecret, rateLimiter: createPax8RateLimiter({ store }) });
 */
export function createPostgresRateLimitStore(options: PostgresRateLimitStoreOptions): Pax8RateLimitStore {
  const schema = quoteIdentifier('rateLimit.schema', options.schema ?? 'pax8_sync_worker');
  if (typeof options.account !== 'string' || options.account === '') throw new Pax8SyncConfigError('account', 'is required: the key of the partner account the limit belongs to.');
  const table = `${schema}.rate_starts`;
  return {
    specificationVersion: 'v1',
    async tryStart({ intervalMs }): Promise<Pax8RateLimitStartResult> {
      // The row lock of the upsert makes the check-and-set atomic across processes.
      const [row] = await rowsOf<{ granted: boolean; due: number; now: number }>(
        options.pool,
        `WITH t AS (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now)
         INSERT INTO ${table} AS r (account, last_start_ms) SELECT $1, t.now FROM t
         ON CONFLICT (account) DO UPDATE SET last_start_ms = CASE
           WHEN greatest(r.last_start_ms + $2, r.hold_until_ms) <= excluded.last_start_ms THEN excluded.last_start_ms ELSE r.last_start_ms END
         RETURNING r.last_start_ms = (SELECT now FROM t) AS granted, greatest(r.last_start_ms + $2, r.hold_until_ms) AS due, (SELECT now FROM t) AS now`,
        [options.account, intervalMs],
      );
      if (!row || row.granted) return { granted: true };
      const retryInMs = Math.max(1, Number(row.due) - Number(row.now));
      options.onWait?.(retryInMs);
      return { granted: false, retryInMs };
    },
    async hold(ms) {
      if (!(ms > 0)) return;
      await options.pool.query(
        `INSERT INTO ${table} AS r (account, last_start_ms, hold_until_ms) VALUES ($1, 0, extract(epoch FROM clock_timestamp()) * 1000 + $2)
         ON CONFLICT (account) DO UPDATE SET hold_until_ms = greatest(r.hold_until_ms, excluded.hold_until_ms)`,
        [options.account, ms],
      );
    },
  };
}
