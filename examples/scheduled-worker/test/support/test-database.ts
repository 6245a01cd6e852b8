import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresClient } from '@pax8-sync/storage-postgres';
import pg from 'pg';

/** The Postgres server of the run, when the environment names one (`.ci/run` does). */
export const serverUrl = process.env.PAX8_SYNC_TEST_DATABASE_URL;

/** A unique schema name, so parallel runs never collide. */
export const uniqueSchema = (prefix: string): string => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/**
 * The database of one test file: PGlite in a temporary data directory by default (a laptop passes
 * with nothing installed), the Postgres server when `PAX8_SYNC_TEST_DATABASE_URL` is set.
 */
export interface WorkerTestDatabase {
  /** `PGlite` or `Postgres server`, for test names. */
  name: string;
  /** The test's own client. */
  client(): PostgresClient;
  /** What `main()` needs to open this same database itself: its environment and data directory. */
  forMain: { env: Record<string, string>; dataDir: string };
  /**
   * Runs `fn` while `main()` owns the database: PGlite is one process's database, so the test's own
   * instance is closed meanwhile and reopened after (take `client()` again); a server is shared.
   */
  handOver<T>(fn: () => Promise<T>): Promise<T>;
  /** Drops the schemas the file made and closes everything. */
  close(schemas: readonly string[]): Promise<void>;
}

/** Opens the database of a test file (see {@link WorkerTestDatabase}). */
export async function openTestDatabase(): Promise<WorkerTestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pax8-worker-'));
  if (serverUrl) {
    const pool = new pg.Pool({ connectionString: serverUrl, max: 8 });
    return {
      name: 'Postgres server',
      client: () => pool,
      forMain: { env: { DATABASE_URL: serverUrl }, dataDir },
      handOver: (fn) => fn(),
      close: async (schemas) => {
        for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  // The folder main() opens when DATABASE_URL is not set.
  const folder = join(dataDir, 'pglite');
  let db = new PGlite(folder);
  return {
    name: 'PGlite',
    client: () => db,
    forMain: { env: {}, dataDir },
    handOver: async (fn) => {
      await db.close();
      try {
        return await fn();
      } finally {
        db = new PGlite(folder);
      }
    },
    close: async () => {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
