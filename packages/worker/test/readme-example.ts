import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSyncEngine, toNodeRequestListener } from '@pax8-sync/core';
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator } from '@pax8-sync/testing';
import { createPax8SyncWorker, createRecordingMeter, workerMetricNames } from '@pax8-sync/worker';
import pg from 'pg';

// A simulated Pax8 partner account on 127.0.0.1 (in production: https://api.pax8.com and real credentials).
const pax8 = createPax8Simulator({ companies: 5, subscriptions: 40 });
const baseUrl = await pax8.listen();

// One Postgres for the synced data, the job queue and the worker's tables.
const pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
pgPool.on('error', (error) => console.error('postgres:', error.message)); // an idle client failed; the pool replaces it
const storage = createPostgresStorage({ client: pgPool, encryptionKey: randomBytes(32) }); // keep the key in your secret manager
await storage.migrate();

const meter = createRecordingMeter(); // or metrics.getMeter('pax8-sync') from @opentelemetry/api
const worker = createPax8SyncWorker({ pgPool, storage, codec: storage.codec, concurrency: 4, meter });
await worker.migrate();

// A connection, as your admin screens create it.
const engine = createSyncEngine({ storage, codec: storage.codec });
const connection = await engine.createConnection({
  name: 'Contoso MSP',
  environment: 'Production',
  baseUrl,
  clientId: pax8.credentials.clientId,
  clientSecret: pax8.credentials.clientSecret,
  country: 'US',
  currency: 'USD',
});

// Runs jobs in this process; start as many processes as you like on the same database.
await worker.start();
const finished = () => meter.sum(workerMetricNames.syncsFinished);
while (finished() < 3) await new Promise((resolve) => setTimeout(resolve, 100));
console.log('first syncs done:', finished()); // companies, products, subscriptions (never synced: due at once)

// Each then waits for its own slot: companies every 4 h, subscriptions hourly, products daily, jittered per connection.
const jobs = await pgPool.query("SELECT key, run_at FROM graphile_worker.jobs WHERE task_identifier = 'pax8-sync:sync' ORDER BY key");
console.log(jobs.rows.map((job) => job.key.split(':').at(-1)));

// Your web process: core's receiver answers Pax8's webhook calls and hands each delivery to the worker (one keyed job per target).
const hooks = createServer(toNodeRequestListener(engine.createWebhookReceiver({ onDelivery: worker.onWebhookDelivery })));
await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/pax8/webhooks`; // your public https URL
await engine.ensureWebhook({ connectionId: connection.id, url: hookUrl, topics: ['SUBSCRIPTION', 'COMPANY'] });
// "Sync now" from your screen, and a tenant that wants its subscriptions every 15 minutes.
await worker.syncNow(connection.id, ['products']);
await worker.setSchedule(connection.id, { cadence: { subscriptions: 15 * 60_000 } });
const productRuns = () => storage.runs.list(connection.id, { entity: 'products' });
while ((await productRuns()).length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
console.log('products synced again:', (await productRuns()).length);

await worker.stop(); // SIGTERM handler: running syncs finish (or checkpoint), then this resolves
hooks.close();
await pgPool.end();
await pax8.close();
