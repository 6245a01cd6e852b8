import { PGlite } from '@electric-sql/pglite';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import pg from 'pg';

/** Where the outbox lives: a Postgres server (a schema in it), or a PGlite directory. */
export interface OutboxDatabaseConfig {
  /** `postgres://…` of a server; when absent, `pgliteDir` is used. */
  url?: string;
  /** A PGlite data directory (one process at a time). */
  pgliteDir?: string;
  /** The storage schema. */
  schema: string;
  /** The AES-256 key (base64) that seals credentials at rest. */
  key: string;
}

/** An opened outbox database: the storage and how to close it. */
export interface OutboxDatabase {
  /** The Postgres storage (migrated). */
  storage: PostgresStorage;
  /** Closes the database client. */
  close(): Promise<void>;
}

/**
 * Opens the storage the sender and the PSA share: the real server when `url` is given, else PGlite
 * under `pgliteDir`. Migrates on open (safe from many processes).
 * @param config - where and with which key.
 */
export async function openOutboxDatabase(config: OutboxDatabaseConfig): Promise<OutboxDatabase> {
  if (config.url) {
    const pool = new pg.Pool({ connectionString: config.url, max: 4 });
    const storage = createPostgresStorage({ client: pool, schema: config.schema, encryptionKey: config.key });
    await storage.migrate();
    return { storage, close: () => pool.end() };
  }
  if (!config.pgliteDir) throw new Error('openOutboxDatabase: give url (a Postgres server) or pgliteDir (a PGlite directory)');
  const db = new PGlite(config.pgliteDir);
  await db.waitReady;
  const storage = createPostgresStorage({ client: db, schema: config.schema, encryptionKey: config.key });
  await storage.migrate();
  return { storage, close: () => db.close() };
}
