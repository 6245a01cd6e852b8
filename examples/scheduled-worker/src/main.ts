/**
 * The scheduled worker as a process: `pnpm --filter @pax8-sync/example-scheduled-worker start`.
 * Stores in PGlite under ./.pax8-sync (or the Postgres in DATABASE_URL), runs every due sync of
 * every connection on its cadence, and on SIGINT/SIGTERM finishes the sync in progress, releases
 * its lease, closes the database and exits 0.
 */
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createSyncEngine, type SyncCadence, type SyncClock } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient } from '@pax8-sync/storage-postgres';
import pg from 'pg';
import { runWorker, type Wait } from './run-worker';

/** Options of {@link main}; each defaults to the process. */
export interface WorkerMainOptions {
  /** Environment: `DATABASE_URL`, `PAX8_SYNC_KEY`, `PAX8_SYNC_PREVIOUS_KEYS` (comma-separated), `POLL_SECONDS`, `SYNC_BILLING` (`1`: billing too). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where PGlite data and the generated key live; default `./.pax8-sync` (the quickstart's, so it syncs the quickstart's connection). */
  dataDir?: string;
  /** Emits `SIGINT` / `SIGTERM`; default `process`. */
  signals?: Pick<EventEmitter, 'once' | 'off'>;
  /** Prints one log line; default stdout. */
  print?: (line: string) => void;
  /** Schema of the pax8-sync tables; default `pax8_sync`. */
  schema?: string;
  /** The clock (tests inject one). */
  clock?: SyncClock;
  /** How to wait between passes (tests inject one). */
  wait?: Wait;
  /** Cadence overrides. */
  cadence?: Partial<SyncCadence>;
  /** Also run billing for the month due (`runWorker`'s `billing`); default `SYNC_BILLING=1` in the environment, else off. */
  billing?: boolean;
}

async function keyFor(dataDir: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  if (env.PAX8_SYNC_KEY) return env.PAX8_SYNC_KEY;
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

/** Runs the worker until SIGINT or SIGTERM; resolves with the exit code (0 after a graceful stop). */
export async function main(options: WorkerMainOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const signals = options.signals ?? process;
  const dataDir = resolve(options.dataDir ?? '.pax8-sync');

  let client: PostgresClient;
  let close: () => Promise<void>;
  if (env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL });
    client = pool;
    close = () => pool.end();
  } else {
    await mkdir(join(dataDir, 'pglite'), { recursive: true });
    const db = new PGlite(join(dataDir, 'pglite'));
    client = db;
    close = () => db.close();
  }

  const stop = new AbortController();
  const onSignal = (name: string) => () => {
    print(`${name}: finishing the sync in progress, then stopping`);
    stop.abort();
  };
  const onInt = onSignal('SIGINT');
  const onTerm = onSignal('SIGTERM');
  signals.once('SIGINT', onInt);
  signals.once('SIGTERM', onTerm);
  try {
    const previousKeys = (env.PAX8_SYNC_PREVIOUS_KEYS ?? '').split(',').filter((k) => k !== '');
    const storage = createPostgresStorage({ client, schema: options.schema ?? 'pax8_sync', encryptionKey: await keyFor(dataDir, env), previousKeys });
    await storage.migrate();
    const clock = options.clock;
    const engine = createSyncEngine({ storage, codec: storage.codec, ...(clock ? { clock } : {}) });
    const pollMs = Number(env.POLL_SECONDS ?? 60) * 1000;
    print(`worker started: ${(await storage.connections.list()).length} connection(s), checking every ${pollMs / 1000} s`);
    const summary = await runWorker({
      engine,
      storage,
      signal: stop.signal,
      pollMs,
      ...(clock ? { clock } : {}),
      ...(options.wait ? { wait: options.wait } : {}),
      ...(options.cadence ? { cadence: options.cadence } : {}),
      billing: options.billing ?? env.SYNC_BILLING === '1',
      onSync: ({ connectionId, entity, reason, period, result }) => {
        // A failed sync says why; one that ran says what it did, and its flags.
        const why = 'error' in result && result.error ? `: ${result.error}` : '';
        const counts = 'counts' in result && result.outcome !== 'failed' ? ` ${JSON.stringify(result.counts)}` : '';
        const flags = 'flags' in result && result.flags.length > 0 ? ` flags: ${result.flags.join(', ')}` : '';
        const detail = `${why}${counts}${flags}`;
        print(`${connectionId} ${entity}${period === undefined ? '' : ` ${period}`} (${reason}): ${result.outcome}${detail}`);
      },
    });
    print(`worker stopped after ${summary.passes} pass(es): ${JSON.stringify(summary.outcomes)}`);
    return 0;
  } finally {
    signals.off('SIGINT', onInt);
    signals.off('SIGTERM', onTerm);
    await close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
