import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { createSyncEngine, type EngineClientOptions, type SyncEngine } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import type { Pax8Simulator, Pax8SimulatorOptions } from '@pax8-sync/testing';
import { createAdminConsole } from '../app';
import type { PsaDirectory } from '../console-deps';
import { createSyncJobs, type SyncJobs } from '../sdk/sync-jobs';
import { demoApplication, demoCredentials, startDemoPax8 } from './demo-pax8';
import { demoPsaDirectory } from './demo-psa-directory';
import { runDueSyncs } from './run-due-syncs';

const reportTickFailure = (error: unknown) => process.stderr.write(`scheduled syncs: ${error instanceof Error ? error.message : String(error)}\n`);

/** Options of {@link startConsole}. */
export interface StartConsoleOptions {
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Changes to the simulated Pax8 (faults, a `wait` gate, another world). */
  simulator?: Pax8SimulatorOptions;
  /** Pax8 client options for the engine (retry delays, timeouts). */
  clientOptions?: EngineClientOptions;
  /** Page size of the syncs; default 50, so the progress bar has several steps. */
  pageSize?: number;
  /** Current time for the schedule; default `Date.now`. */
  now?: () => number;
  /** Runs the due syncs every so many ms (`pnpm console`: every minute); default never. */
  scheduleEveryMs?: number;
  /** The PSA's companies; default the quickstart's sample customers. */
  psaDirectory?: PsaDirectory;
  /** Rows per page of the Map screen; default the console's 50. */
  mapPageSize?: number;
}

/** A running console with everything it runs on, so a test can read storage and script Pax8. */
export interface RunningConsole {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The simulated Pax8. */
  sim: Pax8Simulator;
  /** Its loopback URL. */
  pax8Url: string;
  /** The PGlite database (in memory). */
  db: PGlite;
  /** The storage on it. */
  storage: PostgresStorage;
  /** The engine the console calls. */
  engine: SyncEngine;
  /** The console's background syncs. */
  jobs: SyncJobs;
  /** Waits for running syncs, then stops the server, the simulator and the database. */
  close(): Promise<void>;
}

/** Starts the console on the simulator and an in-memory PGlite: what `pnpm console` runs. */
export async function startConsole(options: StartConsoleOptions = {}): Promise<RunningConsole> {
  const { sim, baseUrl: pax8Url } = await startDemoPax8(options.simulator);
  const db = new PGlite();
  await db.waitReady;
  // The database lives in memory and dies with the process, so the key can too.
  const storage = createPostgresStorage({ client: db, encryptionKey: randomBytes(32) });
  await storage.migrate();
  const engine = createSyncEngine({ storage, codec: storage.codec, ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}) });
  const jobs = createSyncJobs({ engine, pageSize: options.pageSize ?? 50 });
  const app = createAdminConsole({
    engine,
    storage,
    codec: storage.codec,
    jobs,
    psaDirectory: options.psaDirectory ?? demoPsaDirectory,
    demo: { baseUrl: pax8Url, ...demoCredentials },
    // "Connect to Pax8" uses the simulator's OAuth application and its login (with the consent page).
    delegated: { ...demoApplication(sim), baseUrl: pax8Url },
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.mapPageSize ? { mapPageSize: options.mapPageSize } : {}),
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port ?? 0 }, (info: AddressInfo) => resolve({ server: started, port: info.port }));
  });
  const now = options.now ?? (() => Date.now());
  const ticker = options.scheduleEveryMs === undefined ? undefined : setInterval(() => void runDueSyncs({ storage, jobs }, now()).catch(reportTickFailure), options.scheduleEveryMs);
  return {
    url: `http://127.0.0.1:${port}`,
    sim,
    pax8Url,
    db,
    storage,
    engine,
    jobs,
    async close() {
      clearInterval(ticker);
      await jobs.idle();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await sim.close();
      await db.close();
    },
  };
}
