import { createHash } from 'node:crypto';
import { Pax8SyncError } from '@pax8-sync/core';
import type { SqlDriver } from './client';
import { shippedMigrations } from './shipped-migrations';

/** One versioned migration shipped with the package (`migrations/0001_initial.sql` is the first). */
export interface PostgresMigration {
  /** Version number, from the file name (`0001_initial.sql` → 1). */
  version: number;
  /** Name, from the file name (`initial`). */
  name: string;
  /** SHA-256 of the file, recorded when applied; a changed file is refused. */
  checksum: string;
  /** The SQL (runs with `search_path` set to the schema). */
  sql: string;
}

/** Result of {@link PostgresStorage.migrate}. */
export interface MigrateResult {
  /** Migrations this call applied, in order (empty when the schema was current). */
  applied: { version: number; name: string }[];
  /** The schema's version after the call. */
  version: number;
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * The migrations shipped with the package, ordered by version. Their SQL is embedded in the code
 * (generated from the package's `migrations/*.sql`, which are kept as the readable source), so
 * `migrate()` needs no file at run time and works from a bundled application.
 */
export async function loadMigrations(): Promise<PostgresMigration[]> {
  return shippedMigrations.map(({ file, sql }) => {
    const [, version, name] = fileName.exec(file) as RegExpExecArray & [string, string, string];
    return { version: Number(version), name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

function advisoryKey(schema: string): string {
  // pg_advisory_xact_lock takes a bigint: the first 8 bytes of a digest of the schema name.
  return createHash('sha256').update(`pax8-sync:migrate:${schema}`).digest().readBigInt64BE(0).toString();
}

/**
 * Applies the missing migrations in one transaction that holds an advisory lock on the schema,
 * so concurrent callers (other processes included) run them once. @internal
 */
export async function runMigrations(driver: SqlDriver, schema: string, quoted: string): Promise<MigrateResult> {
  const migrations = await loadMigrations();
  return driver.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1::bigint)', [advisoryKey(schema)]);
    await sql.script(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await sql.script(
      `CREATE TABLE IF NOT EXISTS ${quoted}.migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await sql.query<{ version: number; checksum: string }>(`SELECT version, checksum FROM ${quoted}.migrations ORDER BY version`);
    const done = new Map(rows.map((r) => [Number(r.version), r.checksum]));
    for (const m of migrations) {
      const checksum = done.get(m.version);
      if (checksum !== undefined && checksum !== m.checksum) {
        throw new Pax8SyncError(
          'migration-changed',
          `Migration ${m.version} (${m.name}) differs from the one applied to schema "${schema}"; shipped migrations must never change. Reinstall the package version that applied it.`,
        );
      }
    }
    const applied: MigrateResult['applied'] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await sql.script(`SET LOCAL search_path TO ${quoted}`);
      await sql.script(m.sql);
      await sql.query(`INSERT INTO ${quoted}.migrations (version, name, checksum) VALUES ($1, $2, $3)`, [m.version, m.name, m.checksum]);
      applied.push({ version: m.version, name: m.name });
    }
    const known = [...done.keys(), ...applied.map((a) => a.version)];
    return { applied, version: known.length === 0 ? 0 : Math.max(...known) };
  });
}
