import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresClient } from '@pax8-sync/storage-postgres';
import pg from 'pg';

/** The database the quickstart stores into. */
export interface QuickstartDatabase {
  /** The client to hand to `createPostgresStorage`. */
  client: PostgresClient;
  /** Where the data lives, for the output (no password). */
  description: string;
  /** Runs one statement (the quickstart's own bookkeeping). */
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Closes the client. */
  close(): Promise<void>;
}

/** Opens Postgres at `databaseUrl` when given, else PGlite (Postgres in WebAssembly) under `dataDir/pglite`. */
export async function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<QuickstartDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
    const url = new URL(options.databaseUrl);
    return {
      client: pool,
      description: `Postgres ${url.host}${url.pathname}`,
      query: async <Row>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as Row[],
      close: () => pool.end(),
    };
  }
  const dir = join(options.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const db = new PGlite(dir);
  await db.waitReady;
  return {
    client: db,
    description: `PGlite ${dir}`,
    query: async <Row>(text: string, params?: unknown[]) => (await db.query<Row>(text, params)).rows,
    close: () => db.close(),
  };
}

/**
 * The AES-256 key that seals the Pax8 credentials and tokens at rest: `PAX8_SYNC_KEY` when set,
 * otherwise a key generated once into `dataDir/encryption.key` (readable by you only). In
 * production, keep it in your secret manager, never next to the data.
 */
export async function loadOrCreateKey(dataDir: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'encryption.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64');
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    return key;
  }
}

/** What the quickstart remembers between runs, as a PSA would: its connection and its feed cursor. */
export interface QuickstartState {
  /** How many runs finished before this one. */
  runs: number;
  /** The connection created by the first run. */
  connectionId: string | null;
  /** The change-feed cursor the last run read up to. */
  cursor: string | null;
}

/** Reads (creating its table if needed) the quickstart's own state, kept in `schema`. */
export async function readState(db: QuickstartDatabase, schema: string): Promise<QuickstartState> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await db.query(`CREATE TABLE IF NOT EXISTS "${schema}".state (id int PRIMARY KEY, runs int NOT NULL, connection_id text, cursor text)`);
  const [row] = await db.query<{ runs: number; connection_id: string | null; cursor: string | null }>(`SELECT runs, connection_id, cursor FROM "${schema}".state WHERE id = 1`);
  return { runs: row?.runs ?? 0, connectionId: row?.connection_id ?? null, cursor: row?.cursor ?? null };
}

/** Saves the state after a run. */
export async function writeState(db: QuickstartDatabase, schema: string, state: QuickstartState): Promise<void> {
  await db.query(
    `INSERT INTO "${schema}".state (id, runs, connection_id, cursor) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET runs = EXCLUDED.runs, connection_id = EXCLUDED.connection_id, cursor = EXCLUDED.cursor`,
    [state.runs, state.connectionId, state.cursor],
  );
}
