import { Pax8SyncConfigError } from '@pax8-sync/core';
import { quoteIdentifier } from '../database/identifier';
import { type Queryable, rowsOf } from '../database/queryable';
import { abortableDelay, type SharedRateLimiter } from './shared-rate-limiter';

/** Options of {@link createPostgresRateLimiter}. */
export interface PostgresRateLimiterOptions {
  /** The pool (the worker's `pgPool`). The worker's schema must be migrated (`worker.migrate()`). */
  pool: Queryable;
  /** The worker's own schema; default `pax8_sync_worker`. */
  schema?: string;
  /** Requests allowed per account in any window of `windowMs`. Default 1000 (Pax8's published limit). */
  requestsPerWindow?: number;
  /** The window, ms. Default 60 000. */
  windowMs?: number;
  /**
   * Added to the window, ms, so requests that travel at different speeds still arrive inside the
   * limit as Pax8 counts them. Default 1 000.
   */
  marginMs?: number;
}

function positive(field: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || !Number.isInteger(v) || v < min) throw new Pax8SyncConfigError(field, `must be a whole number of at least ${min} (got ${String(value)}).`);
  return v;
}

/**
 * A {@link SharedRateLimiter} on Postgres: one row per reserved request in the worker's schema,
 * handed out in order under a per-account advisory lock, timed by the database's clock (so hosts
 * with skewed clocks still agree). Every process given the same database shares the limit.
 * @example
 * const limiter = createPostgresRateLimiter({ pool, requestsPerWindow: 1000, windowMs: 60_000 });
 * await limiter.acquire('partner-account-key'); // resolves when the request may go
 */
export function createPostgresRateLimiter(options: PostgresRateLimiterOptions): SharedRateLimiter {
  const schema = quoteIdentifier('rateLimit.schema', options.schema ?? 'pax8_sync_worker');
  const limit = positive('rateLimit.requestsPerWindow', options.requestsPerWindow, 1000, 1);
  const windowMs = positive('rateLimit.windowMs', options.windowMs, 60_000, 1);
  const marginMs = positive('rateLimit.marginMs', options.marginMs, 1_000, 0);
  return {
    async acquire(account, signal) {
      if (signal?.aborted) throw signal.reason;
      const [row] = await rowsOf<{ wait: number }>(options.pool, `SELECT ${schema}.reserve_request($1, $2, $3) AS wait`, [account, limit, windowMs + marginMs]);
      const wait = Math.max(0, Math.ceil(Number(row?.wait ?? 0)));
      await abortableDelay(wait, signal);
      return wait;
    },
    async hold(account, ms) {
      if (!(ms > 0)) return;
      await options.pool.query(
        `INSERT INTO ${schema}.rate_holds (account, until) VALUES ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
         ON CONFLICT (account) DO UPDATE SET until = greatest(${schema}.rate_holds.until, excluded.until)`,
        [account, ms],
      );
    },
  };
}
