import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifyOn, startTestServer, type TestServer } from './support/database';
import { setUp, type TestSetup } from './support/harness';

let server: TestServer;
let setup: TestSetup;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await setup.close();
});

const noSetup = { close: async () => undefined } as unknown as TestSetup;

/** A database only this test listens on: the embedded server as it is, or a fresh database on the real one. */
async function ownDatabase(): Promise<{ server: TestServer; drop(): Promise<void> }> {
  if (server.kind === 'pglite') return { server, drop: async () => undefined };
  const name = `pax8_when_stopped_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    server: { ...server, url: url.toString(), notify: (channel, payload) => notifyOn(url.toString(), channel, payload) },
    async drop() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Rows of the heartbeat table of this test's worker schema. */
async function heartbeats(): Promise<string[]> {
  const { rows } = await setup.pool.query<{ pool_id: string }>(`SELECT pool_id FROM "${setup.schemas.worker}".processes`);
  return rows.map((r) => r.pool_id);
}

describe('whenStopped()', { timeout: 120_000 }, () => {
  it('resolves with null at once when the worker never started, and with null after stop()', async () => {
    setup = await setUp(server);
    const worker = setup.worker();
    await worker.migrate();
    expect(await worker.whenStopped()).toBeNull();

    await worker.start();
    const poolId = worker.poolId;
    expect(poolId).toEqual(expect.any(String));
    expect(await heartbeats()).toEqual([poolId]);
    let settled = false;
    const stopped = worker.whenStopped().then((value) => {
      settled = true;
      return value;
    });
    // While the worker runs, the promise stays pending (a reconcile job's round trip is time enough to show it).
    await setup.pool.query('SELECT pg_sleep(0.3)');
    expect(settled).toBe(false);
    await worker.stop();
    expect(await stopped).toBeNull();
    expect(worker.poolId).toBeNull();
    expect(await heartbeats()).toEqual([]);
  });

  it('resolves with the error when graphile-worker gives up on its own: logged, heartbeat removed, restartable', async () => {
    // graphile-worker shuts its pool down by itself when another process announces a breaking
    // migration of its schema (NOTIFY "worker:migrate"). NOTIFY reaches the whole database, so on
    // a shared server the test gets a database of its own.
    const own = await ownDatabase();
    setup = await setUp(own.server);
    const errors: string[] = [];
    const worker = setup.worker({ logger: { error: (_fields: unknown, message: string) => void errors.push(message) } });
    await worker.migrate();
    await worker.start();
    const poolId = worker.poolId;
    expect(await heartbeats()).toEqual([poolId]);

    const exitCode = process.exitCode;
    try {
      expect(await own.server.notify('worker:migrate', JSON.stringify({ migrationNumber: 999_999, breaking: true }))).toBe(1);
      const error = await worker.whenStopped();
      expect(error).toBeInstanceOf(Error);
    } finally {
      // graphile-worker also sets the exit code of the process (57) for a supervisor to see; not this test runner's.
      process.exitCode = exitCode;
    }
    expect(errors).toContain('pax8-sync worker: graphile-worker stopped running jobs on its own; this process runs no more jobs (restart it)');
    expect(worker.poolId).toBeNull();
    // The heartbeat stopped with it: other processes see this one as gone and take its jobs over.
    expect(await heartbeats()).toEqual([]);

    // The same worker object starts afresh, with a promise of its own.
    await worker.start();
    expect(worker.poolId).not.toBe(poolId);
    let settled = false;
    const next = worker.whenStopped().then((value) => {
      settled = true;
      return value;
    });
    await setup.pool.query('SELECT pg_sleep(0.3)');
    expect(settled).toBe(false);
    await worker.stop();
    expect(await next).toBeNull();
    await setup.close();
    setup = noSetup;
    await own.drop();
  });
});
