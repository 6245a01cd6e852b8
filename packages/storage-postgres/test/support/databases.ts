import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPostgresStorage, type PostgresClient, type PostgresStorage, type PostgresStorageOptions } from '@pax8-sync/storage-postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/** A test key (the tests' own; never used outside them). */
export const testKey = randomBytes(32);

/** One database the tests run against. */
export interface TestDatabase {
  /** `pglite` or `pg`. */
  name: 'pglite' | 'pg';
  /** The shared client of this test file. */
  client: () => PostgresClient;
  /** Runs raw SQL (bypassing the adapter). */
  query: <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;
  /** Runs several statements without parameters (bypassing the adapter). */
  script: (text: string) => Promise<void>;
  /** Opens the client (once per file). */
  open: () => Promise<void>;
  /** Closes it. */
  close: () => Promise<void>;
}

/** A fresh, unique schema name, so parallel runs never collide. */
export const uniqueSchema = (): string => `pax8_test_${process.pid}_${randomBytes(5).toString('hex')}`;

function pgliteDatabase(): TestDatabase {
  let db: PGlite | undefined;
  const get = () => {
    if (!db) throw new Error('PGlite not opened (beforeAll)');
    return db;
  };
  return {
    name: 'pglite',
    client: get,
    query: async <Row>(text: string, params?: unknown[]) => (await get().query<Row>(text, params)).rows,
    script: async (text) => {
      await get().exec(text);
    },
    open: async () => {
      db = new PGlite();
      await db.waitReady;
    },
    close: async () => {
      await db?.close();
      db = undefined;
    },
  };
}

/** A `pg` Pool on the test server. */
export function createTestPool(url: string, max = 12): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}

function pgDatabase(url: string): TestDatabase {
  let pool: pg.Pool | undefined;
  const get = () => {
    if (!pool) throw new Error('pool not opened (beforeAll)');
    return pool;
  };
  return {
    name: 'pg',
    client: get,
    query: async <Row>(text: string, params?: unknown[]) => (await get().query(text, params)).rows as Row[],
    script: async (text) => {
      await get().query(text);
    },
    open: async () => {
      pool = createTestPool(url);
    },
    close: async () => {
      await pool?.end();
      pool = undefined;
    },
  };
}

/** The URL of the real server, when the environment gives one (`.ci/run` does). */
export const databaseUrl = process.env.PAX8_SYNC_TEST_DATABASE_URL;

/** PGlite always; the real server too when `PAX8_SYNC_TEST_DATABASE_URL` is set. */
export function testDatabases(): TestDatabase[] {
  return databaseUrl ? [pgliteDatabase(), pgDatabase(databaseUrl)] : [pgliteDatabase()];
}

/** A migrated storage in a fresh schema of `db`. */
export async function freshStorage(db: TestDatabase, options: Partial<PostgresStorageOptions> = {}): Promise<PostgresStorage> {
  const storage = createPostgresStorage({ client: db.client(), schema: uniqueSchema(), encryptionKey: testKey, ...options });
  await storage.migrate();
  return storage;
}

/**
 * For the enclosing `describe`: opens `db` and migrates a fresh schema before its tests, drops the
 * schema and closes `db` after them. Returns the storage (available from the next `beforeAll` on).
 */
export function useFreshStorage(db: TestDatabase): () => PostgresStorage {
  let storage: PostgresStorage | undefined;
  beforeAll(async () => {
    await db.open();
    storage = await freshStorage(db);
  });
  afterAll(async () => {
    if (storage) await dropStorage(db, storage);
    await db.close();
  });
  return () => {
    if (!storage) throw new Error('storage not migrated yet (use it in a test or a later beforeAll)');
    return storage;
  };
}

/** Empties every table of the storage's schema except the migrations record (cheaper than a new schema per test). */
export async function emptyStorage(db: TestDatabase, storage: PostgresStorage): Promise<void> {
  const tables = (await tablesOf(db, storage.schema)).filter((t) => t.table !== 'migrations');
  await db.script(tables.map((t) => `DELETE FROM "${storage.schema}"."${t.table}";`).join('\n'));
}

/** Drops the storage's schema. */
export async function dropStorage(db: TestDatabase, storage: PostgresStorage): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS "${storage.schema}" CASCADE`);
}

/** The tables of a schema, from the catalog (so a table added later is covered too). */
export async function tablesOf(db: TestDatabase, schema: string): Promise<{ table: string; hasConnectionId: boolean }[]> {
  const rows = await db.query<{ table_name: string; has: boolean }>(
    `SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'connection_id') AS has
     FROM information_schema.tables t WHERE t.table_schema = $1 AND t.table_type = 'BASE TABLE' ORDER BY t.table_name`,
    [schema],
  );
  return rows.map((r) => ({ table: r.table_name, hasConnectionId: r.has }));
}

/** Every stored row of the connection, from every table, read with plain SQL (`row_to_json`). */
export async function rowsOfConnection(db: TestDatabase, schema: string, connectionId: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const { table, hasConnectionId } of await tablesOf(db, schema)) {
    const column = hasConnectionId ? 'connection_id' : table === 'connections' ? 'id' : undefined;
    if (!column) continue;
    const rows = await db.query<{ row: unknown }>(`SELECT row_to_json(t) AS row FROM "${schema}"."${table}" t WHERE t.${column} = $1`, [connectionId]);
    for (const r of rows) out.push({ table, row: r.row });
  }
  return out;
}

/** The text of every row of every table of the schema (for grepping for secrets). */
export async function dumpSchema(db: TestDatabase, schema: string): Promise<string> {
  const parts: string[] = [];
  for (const { table } of await tablesOf(db, schema)) {
    const rows = await db.query<{ text: string }>(`SELECT t::text AS text FROM "${schema}"."${table}" t`);
    parts.push(...rows.map((r) => r.text));
  }
  return parts.join('\n');
}

/**
 * A second, independent client on the same database: a separate `pg` Pool on the server (another
 * "process"), or the same PGlite instance (PGlite is one in-process database).
 */
export function secondClient(db: TestDatabase): { client: PostgresClient; close: () => Promise<void> } {
  if (db.name === 'pg' && databaseUrl) {
    const pool = createTestPool(databaseUrl);
    return { client: pool, close: () => pool.end() };
  }
  return { client: db.client(), close: async () => undefined };
}
