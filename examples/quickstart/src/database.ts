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
  /** How to start again from nothing with this database, in words a person can follow. */
  startClean: string;
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
      startClean: `drop the quickstart's two schemas in ${url.host}${url.pathname} (DROP SCHEMA <schema> CASCADE for pax8_sync and pax8_sync_quickstart, or the schema you gave)`,
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
    startClean: `delete ${options.dataDir} (rm -rf ${options.dataDir})`,
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

/**
 * What the quickstart remembers between runs for one Pax8 account, as a PSA would: which connection
 * is that account's, how many runs it had, and the change-feed cursor the last run read up to.
 */
export interface QuickstartState {
  /** The account (see `accountKey`): one connection per endpoint and client id. */
  account: string;
  /** How many runs finished before this one. */
  runs: number;
  /** The account's connection: reserved before it is created, so an interrupted run finds it again. */
  connectionId: string;
  /** The change-feed cursor the last run read up to, or `null` before the first run finished. */
  cursor: string | null;
}

/** Creates the quickstart's own table in `schema` when missing. */
async function ensureStateTable(db: QuickstartDatabase, schema: string): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await db.query(`CREATE TABLE IF NOT EXISTS "${schema}".accounts (account text PRIMARY KEY, runs int NOT NULL, connection_id text NOT NULL, cursor text)`);
}

/**
 * The state of `account`; the first time, it reserves `newConnectionId()` for it and saves that at
 * once, before the connection exists, so a run interrupted after creating it reuses it next time.
 */
export async function readState(db: QuickstartDatabase, schema: string, account: string, newConnectionId: () => string): Promise<QuickstartState> {
  await ensureStateTable(db, schema);
  await db.query(`INSERT INTO "${schema}".accounts (account, runs, connection_id) VALUES ($1, 0, $2) ON CONFLICT (account) DO NOTHING`, [account, newConnectionId()]);
  const [row] = await db.query<{ runs: number; connection_id: string; cursor: string | null }>(`SELECT runs, connection_id, cursor FROM "${schema}".accounts WHERE account = $1`, [account]);
  if (!row) throw new Error(`the quickstart's state of ${account} could not be read back`);
  return { account, runs: row.runs, connectionId: row.connection_id, cursor: row.cursor };
}

/** Saves the state of one account after a run. */
export async function writeState(db: QuickstartDatabase, schema: string, state: QuickstartState): Promise<void> {
  await db.query(`UPDATE "${schema}".accounts SET runs = $2, connection_id = $3, cursor = $4 WHERE account = $1`, [state.account, state.runs, state.connectionId, state.cursor]);
}
