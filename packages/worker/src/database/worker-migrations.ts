import type { Pool } from 'pg';

/** One step of the worker's own schema (rate limit, liveness, schedule overrides). @internal */
interface Migration {
  version: number;
  sql: (schema: string) => string;
}

const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: (s) => `
CREATE TABLE ${s}.rate_reservations (
  account text NOT NULL,
  reserved_at timestamptz NOT NULL
);
CREATE INDEX rate_reservations_account_at ON ${s}.rate_reservations (account, reserved_at DESC);
CREATE TABLE ${s}.rate_holds (
  account text PRIMARY KEY,
  until timestamptz NOT NULL
);
CREATE TABLE ${s}.processes (
  pool_id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  beat_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ${s}.schedules (
  connection_id text NOT NULL,
  entity text NOT NULL CHECK (entity IN ('companies', 'products', 'subscriptions')),
  cadence_ms bigint CHECK (cadence_ms IS NULL OR cadence_ms >= 1000),
  size_hint bigint CHECK (size_hint IS NULL OR size_hint >= 0),
  PRIMARY KEY (connection_id, entity)
);
-- Reserves the next request slot of an account and returns how long to wait for it, in ms.
-- Slots are handed out in order; any p_limit + 1 consecutive slots span at least p_window_ms, so no
-- window of that length ever holds more than p_limit requests, whichever process asked.
CREATE FUNCTION ${s}.reserve_request(p_account text, p_limit integer, p_window_ms integer) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
  v_window interval := make_interval(secs => p_window_ms / 1000.0);
  v_now timestamptz;
  v_last timestamptz;
  v_kth timestamptz;
  v_hold timestamptz;
  v_at timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('pax8-sync-worker:rate:' || p_account, 0));
  v_now := clock_timestamp();
  DELETE FROM ${s}.rate_reservations WHERE account = p_account AND reserved_at <= v_now - v_window;
  SELECT max(reserved_at) INTO v_last FROM ${s}.rate_reservations WHERE account = p_account;
  SELECT reserved_at INTO v_kth FROM ${s}.rate_reservations WHERE account = p_account ORDER BY reserved_at DESC OFFSET p_limit - 1 LIMIT 1;
  SELECT until INTO v_hold FROM ${s}.rate_holds WHERE account = p_account;
  v_at := greatest(v_now, v_last, v_kth + v_window, v_hold);
  INSERT INTO ${s}.rate_reservations (account, reserved_at) VALUES (p_account, v_at);
  RETURN extract(epoch FROM v_at - v_now) * 1000;
END
$$;
`,
  },
];

/** Latest version of the worker's schema. @internal */
export const workerSchemaVersion = migrations.length;

/**
 * Creates the worker's schema and applies the steps not applied yet, in one transaction under an
 * advisory lock: safe to run from many processes at once. @internal
 * @param pool - the pool.
 * @param schema - the quoted schema name.
 */
export async function migrateWorkerSchema(pool: Pool, schema: string): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`pax8-sync-worker:migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${schema}.migrations`)).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const step of migrations) {
      if (done.has(step.version)) continue;
      await client.query(step.sql(schema));
      await client.query(`INSERT INTO ${schema}.migrations (version) VALUES ($1)`, [step.version]);
      applied.push(step.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
