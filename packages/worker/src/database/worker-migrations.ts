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
-- One row per Pax8 partner account: the last request start granted to any process, and a hold
-- (a 429's Retry-After) nobody starts before. Epoch ms by the database's clock.
CREATE TABLE ${s}.rate_starts (
  account text PRIMARY KEY,
  last_start_ms double precision NOT NULL,
  hold_until_ms double precision NOT NULL DEFAULT 0
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
