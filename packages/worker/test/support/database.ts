import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { servePglite } from './pglite-server';

/** A Postgres server the worker's tests run on: the real one when PAX8_SYNC_TEST_DATABASE_URL is set, else an embedded PGlite. */
export interface TestServer {
  /** Connection string. */
  url: string;
  /** `pg` (the real server) or `pglite` (embedded, behind a socket server). */
  kind: 'pg' | 'pglite';
  /** Whether to use named prepared statements (both servers support them). */
  preparedStatements: boolean;
  /** Drops, from the server's side, every connection whose `application_name` is `applicationName`; resolves with how many. */
  dropConnections(applicationName: string): Promise<number>;
  /** Sends a notification on the server's database (`pg_notify`; on PGlite, to the clients that LISTEN on the channel); resolves with how many PGlite clients got it (1 on the real server). */
  notify(channel: string, payload: string): Promise<number>;
  /** Stops the embedded server (nothing for the real one). */
  close(): Promise<void>;
}

/** The real server's URL, when the environment gives one (`.ci/run` does). */
export const databaseUrl = process.env.PAX8_SYNC_TEST_DATABASE_URL;

async function reachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PAX8_SYNC_TEST_DATABASE_URL is set but Postgres does not answer at ${url} (${error instanceof Error ? error.message : String(error)}). ` +
        'Start it (`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`) or unset the variable to run on embedded PGlite.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `pg_terminate_backend` of every session with that `application_name` (what a server restart or a failover does to them). */
async function terminateBackends(url: string, applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [applicationName]);
    return rows.filter((r) => r.ok).length;
  } finally {
    await client.end();
  }
}

/** `pg_notify` on the database of `url`. */
export async function notifyOn(url: string, channel: string, payload: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    return 1;
  } finally {
    await client.end();
  }
}

/**
 * Starts the database of a test file. graphile-worker needs a server that many clients (and child
 * processes) connect to, so without a real one PGlite is served over a loopback socket.
 */
export async function startTestServer(): Promise<TestServer> {
  if (databaseUrl) {
    await reachable(databaseUrl);
    const url = databaseUrl;
    return { url, kind: 'pg', preparedStatements: true, dropConnections: (name) => terminateBackends(url, name), notify: (channel, payload) => notifyOn(url, channel, payload), close: async () => undefined };
  }
  const db = await PGlite.create();
  const server = await servePglite(db);
  return {
    url: server.url,
    kind: 'pglite',
    preparedStatements: true,
    dropConnections: async (name) => server.dropClients(name),
    notify: async (channel, payload) => server.notify(channel, payload),
    async close() {
      await server.close();
      await db.close();
    },
  };
}

/** A pool on the test server (errors of idle clients are logged, not thrown). */
export function testPool(server: TestServer, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: server.url, max });
  const report = (error: Error) => process.stderr.write(`test pool: ${error.message}\n`);
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}

/** Unique schema names for one test, so parallel runs never collide. */
export function uniqueSchemas(): { storage: string; worker: string; graphile: string } {
  const tag = `${process.pid}_${randomBytes(4).toString('hex')}`;
  return { storage: `ps_${tag}`, worker: `pw_${tag}`, graphile: `gw_${tag}` };
}

/** Drops the schemas of a test. */
export async function dropSchemas(pool: pg.Pool, schemas: { storage: string; worker: string; graphile: string }): Promise<void> {
  for (const schema of Object.values(schemas)) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
