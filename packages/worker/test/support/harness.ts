import { randomBytes } from 'node:crypto';
import { createSyncEngine, type Pax8SyncEntity, type SyncEngine, type SyncRun } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import type { Pax8Simulator } from '@pax8-sync/testing';
import type pg from 'pg';
import { createPax8SyncWorker, type Pax8SyncWorker, type Pax8SyncWorkerOptions } from '../../src/index';
import { testReconcileCrontab } from './quiet-cron';
import { dropSchemas, type TestServer, testPool, uniqueSchemas } from './database';

/** Fast client settings for tests: no real backoff, no client-side spacing. */
export const testClientOptions: NonNullable<Pax8SyncWorkerOptions['clientOptions']> = {
  retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
  timeoutMs: 20_000,
  rateLimit: { requestsPerMinute: 1_000_000, concurrency: 8 },
};

/** One test's database objects: a pool, a migrated storage in its own schema, and names of the worker's schemas. */
export interface TestSetup {
  server: TestServer;
  pool: pg.Pool;
  storage: PostgresStorage;
  schemas: { storage: string; worker: string; graphile: string };
  /** Base64 AES key of the storage (child processes need it). */
  key: string;
  /** An engine on the storage, for setting connections up. */
  engine: SyncEngine;
  /** A worker on this setup (in this process); `stop()` it or let `close()` do it. */
  worker(options?: Partial<Pax8SyncWorkerOptions>): Pax8SyncWorker;
  /** Stops the workers made here, drops the schemas, ends the pool. */
  close(): Promise<void>;
}

/** Creates the database objects of one test. */
export async function setUp(server: TestServer): Promise<TestSetup> {
  const pool = testPool(server, 20);
  const schemas = uniqueSchemas();
  const key = randomBytes(32).toString('base64');
  const storage = createPostgresStorage({ client: pool, schema: schemas.storage, encryptionKey: key });
  await storage.migrate();
  const engine = createSyncEngine({ storage, codec: storage.codec, clientOptions: testClientOptions });
  const workers: Pax8SyncWorker[] = [];
  return {
    server,
    pool,
    storage,
    schemas,
    key,
    engine,
    worker(options = {}) {
      const worker = createPax8SyncWorker({
        pgPool: pool,
        storage,
        codec: storage.codec,
        schema: schemas.worker,
        graphileSchema: schemas.graphile,
        preparedStatements: server.preparedStatements,
        pollIntervalMs: 100,
        clientOptions: testClientOptions,
        reconcileCrontab: testReconcileCrontab,
        ...options,
      });
      workers.push(worker);
      return worker;
    },
    async close() {
      for (const worker of workers) await worker.stop();
      await dropSchemas(pool, schemas);
      await pool.end();
    },
  };
}

/** Creates a connection on a listening simulator. */
export async function connectionOn(engine: SyncEngine, sim: Pax8Simulator, baseUrl: string, name = 'Test MSP'): Promise<string> {
  const connection = await engine.createConnection({
    name,
    environment: 'Production',
    baseUrl,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    country: 'US',
    currency: 'USD',
  });
  return connection.id;
}

/** Confirms a mapping for each of the simulator's companies (no sync needed), so the connection's subscriptions sync. */
export async function mapAllCompanies(setup: TestSetup, connectionId: string, sim: Pax8Simulator): Promise<void> {
  await setup.storage.mappings.upsertMany(
    sim.world.companies.ids().map((id) => ({ connectionId, pax8CompanyId: id, psaCompanyId: `psa-${id}`, state: 'confirmed', score: null, source: 'manual', updatedAt: Date.now() })),
  );
}

/** Waits (polling) until `check` returns a value, failing with `what` (read at the timeout) after `timeoutMs`. Bounds a wait; asserts no timing. */
export async function waitFor<T>(what: string | (() => string), check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      // A check that never settles (a database that stopped answering) must not outlast the wait.
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the check did not answer')), Math.max(0, deadline - Date.now()) + 1_000);
      });
      const value = await Promise.race([check(), expired]).finally(() => clearTimeout(timer));
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The runs of one (connection, entity), oldest first. */
export async function runsOf(setup: TestSetup, connectionId: string, entity: Pax8SyncEntity): Promise<SyncRun[]> {
  return (await setup.storage.runs.list(connectionId, { entity, limit: 1000 })).reverse();
}

/** The graphile-worker jobs of the test, read through its public view. */
export async function jobsOf(setup: TestSetup, where = 'true', values: unknown[] = []) {
  const result = await setup.pool.query<{ id: string; key: string | null; task_identifier: string; run_at: Date; locked_at: Date | null; locked_by: string | null; attempts: number; priority: number; queue_name: string | null; last_error: string | null }>(
    `SELECT id, key, task_identifier, run_at, locked_at, locked_by, attempts, priority, queue_name, last_error FROM "${setup.schemas.graphile}".jobs WHERE ${where} ORDER BY id`,
    values,
  );
  return result.rows;
}
