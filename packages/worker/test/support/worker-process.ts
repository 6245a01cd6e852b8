/**
 * A worker process for the tests and the bench: `tsx worker-process.ts` with its configuration in
 * PAX8_WORKER_PROCESS (JSON). Prints `ready <poolId>` once running, the engine's and the worker's
 * log lines as JSON, and on SIGTERM stops gracefully and exits 0.
 */
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import pg from 'pg';
import { connectionAccountKey, createPax8SyncWorker, type MeterLike, type Pax8SyncWorkerOptions, workerMetricNames } from '../../src/index';
import { testReconcileCrontab } from './quiet-cron';

/** What a worker process is started with (JSON). */
export interface WorkerProcessConfig {
  url: string;
  schemas: { storage: string; worker: string; graphile: string };
  key: string;
  preparedStatements: boolean;
  /** One account per connection instead of per client id (simulated partners sharing one simulator). */
  accountPerConnection?: boolean;
  /** Worker options that are plain data. */
  worker: Omit<Partial<Pax8SyncWorkerOptions>, 'pgPool' | 'storage' | 'codec' | 'logger' | 'meter' | 'createClient' | 'fetch' | 'clock' | 'ids'>;
  /** The pool's `application_name`, so a test can find (and drop) this process's connections on the server. */
  applicationName?: string;
  /** Print every log line (default: sync start/finish and the worker's warnings only). */
  verbose?: boolean;
  /** Print the worker's lateness and finished-sync measurements, and this process's CPU time every second (the bench). */
  printMetrics?: boolean;
}

const config = JSON.parse(process.env.PAX8_WORKER_PROCESS ?? '{}') as WorkerProcessConfig;
const print = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);
const interesting = (message: string) => config.verbose === true || message.startsWith('pax8-sync: sync') || message.startsWith('pax8-sync worker');
const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
  if (interesting(message) || level === 'error' || level === 'warn') print({ level, message, ...fields, pid: process.pid, at: Date.now() });
};

const reported = new Set<string>([workerMetricNames.syncLateness, workerMetricNames.syncsFinished]);
const meter: MeterLike = {
  createCounter: (name) => ({ add: (value, attributes) => void (reported.has(name) && print({ level: 'metric', name, value, ...attributes, at: Date.now() })) }),
  createHistogram: (name) => ({ record: (value, attributes) => void (reported.has(name) && print({ level: 'metric', name, value, ...attributes, at: Date.now() })) }),
};
const cpu = () => {
  const usage = process.cpuUsage();
  print({ level: 'cpu', seconds: (usage.user + usage.system) / 1e6, pid: process.pid });
};
if (config.printMetrics) setInterval(cpu, 1_000).unref();

// No error listeners of its own: while the worker runs, its guard turns a dropped connection into a warning (tested).
const pool = new pg.Pool({ connectionString: config.url, max: 10, ...(config.applicationName ? { application_name: config.applicationName } : {}) });
const storage = createPostgresStorage({ client: pool, schema: config.schemas.storage, encryptionKey: config.key });
const worker = createPax8SyncWorker({
  pgPool: pool,
  storage,
  codec: storage.codec,
  schema: config.schemas.worker,
  graphileSchema: config.schemas.graphile,
  preparedStatements: config.preparedStatements,
  logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
  ...(config.printMetrics ? { meter } : {}),
  reconcileCrontab: testReconcileCrontab,
  ...config.worker,
  ...(config.accountPerConnection && config.worker.rateLimit !== false ? { rateLimit: { ...config.worker.rateLimit, accountKey: connectionAccountKey } } : {}),
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  print({ level: 'info', message: 'stopping', pid: process.pid });
  worker
    .stop()
    .then(() => pool.end())
    .then(
      () => {
        cpu();
        print({ level: 'info', message: 'stopped', pid: process.pid });
        process.exit(0);
      },
      (error: unknown) => {
        print({ level: 'error', message: `stop failed: ${String(error)}` });
        process.exit(1);
      },
    );
});

await worker.start();
print({ level: 'info', message: 'ready', poolId: worker.poolId, pid: process.pid });
// graphile-worker gave up on its own (logged by the worker): exit non-zero, as a supervisor expects.
void worker.whenStopped().then((error) => {
  if (!error || stopping) return;
  print({ level: 'error', message: `exiting: ${error.message}`, pid: process.pid });
  void pool.end().finally(() => process.exit(1));
});
