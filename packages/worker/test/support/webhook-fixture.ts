import { createServer, type Server } from 'node:http';
import { type Pax8SyncStorage, toNodeRequestListener } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';
import { createRecordingMeter, type Pax8SyncWorker, type Pax8SyncWorkerOptions, pax8SyncTaskNames, type RecordingMeter, workerMetricNames } from '../../src/index';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './database';
import { connectionOn, jobsOf, mapAllCompanies, setUp, type TestSetup } from './harness';

/** A synced, fully mapped connection with a webhook registered, a worker (not started) and a receiver over HTTP handing deliveries to it. */
export interface WebhookFixture {
  sim: Pax8Simulator;
  setup: TestSetup;
  /** The simulator's base URL. */
  baseUrl: string;
  /** The connection. */
  id: string;
  worker: Pax8SyncWorker;
  meter: RecordingMeter;
  /** Stops the receiver, the workers (and drops the schemas), then the simulator. */
  close(): Promise<void>;
}

/** What {@link connectedWithWebhook} varies. */
export interface WebhookFixtureOptions {
  /** The worker's `webhookDebounceMs`. */
  debounceMs: number;
  /** Simulator options over the fixture's small world (e.g. a `wait` that holds requests). */
  sim?: Partial<Pax8SimulatorOptions>;
  /** More worker options. */
  worker?: Partial<Pax8SyncWorkerOptions>;
  /** The storage the worker uses, from the test's (e.g. with its lock calls recorded). */
  workerStorage?: (storage: PostgresStorage) => Pax8SyncStorage;
}

/** Sets a {@link WebhookFixture} up on `server`. */
export async function connectedWithWebhook(server: TestServer, options: WebhookFixtureOptions): Promise<WebhookFixture> {
  const sim = createPax8Simulator({ seed: 16, companies: 6, products: 8, subscriptions: 40, webhooks: 0, wait: async () => undefined, ...options.sim });
  const baseUrl = await sim.listen();
  const setup = await setUp(server);
  let receiver: Server | undefined;
  const close = async () => {
    if (receiver) await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await setup.close();
    await sim.close();
  };
  try {
    const id = await connectionOn(setup.engine, sim, baseUrl);
    await setup.engine.syncCompanies({ connectionId: id });
    await mapAllCompanies(setup, id, sim);
    await setup.engine.syncSubscriptions({ connectionId: id });
    const meter = createRecordingMeter();
    const storage = options.workerStorage?.(setup.storage) ?? setup.storage;
    const worker = setup.worker({ meter, webhookDebounceMs: options.debounceMs, concurrency: 2, storage, ...options.worker });
    await worker.migrate();
    const listener = createServer(toNodeRequestListener(setup.engine.createWebhookReceiver({ onDelivery: worker.onWebhookDelivery })));
    receiver = listener;
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(listener.address() as { port: number }).port}/hooks/pax8`;
    await setup.engine.ensureWebhook({ connectionId: id, url, topics: ['SUBSCRIPTION', 'COMPANY'], errorThreshold: 0 });
    return { sim, setup, baseUrl, id, worker, meter, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Registers the hooks of a test file whose tests each use one fixture: the test server for the file
 * (PGlite, or the real server when PAX8_SYNC_TEST_DATABASE_URL is set), and each fixture closed after its test.
 * Returns the function a test sets its fixture up with.
 */
export function useWebhookFixtures(): (options: WebhookFixtureOptions) => Promise<WebhookFixture> {
  let server: TestServer;
  let current: WebhookFixture | undefined;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await connectedWithWebhook(server, options);
    return current;
  };
}

/** The waiting or running `pax8-sync:webhook-refresh` jobs. */
export const refreshJobs = (f: WebhookFixture) => jobsOf(f.setup, 'task_identifier = $1', [pax8SyncTaskNames.webhookRefresh]);

/** GETs of one company's subscriptions the simulator answered. */
export const companyReads = (f: WebhookFixture, companyId: string) => f.sim.requests.filter((r) => r.method === 'GET' && r.url.includes('/subscriptions') && r.url.includes(`companyId=${companyId}`)).length;

/** The stored quantity of a subscription. */
export const quantityOf = async (f: WebhookFixture, subscriptionId: string) => (await f.setup.storage.subscriptions.getMany(f.id, [subscriptionId]))[0]?.quantity;

/** Deliveries the worker has handled (a job added or brought forward, or one already waiting relied on), with that `target`. */
export const handledDeliveries = (f: WebhookFixture, target?: string) =>
  (['enqueued', 'coalesced'] as const).reduce((n, outcome) => n + f.meter.sum(workerMetricNames.webhookDeliveries, { ...(target ? { target } : {}), outcome }), 0);

/** Deliveries the simulator saw answered 202 (new; a 200 is a replay of an identical body). */
export const acceptedDeliveries = (f: WebhookFixture) => f.sim.webhooks.deliveries.filter((d) => d.httpStatusCode === 202).length;

/** A simulator `wait` that holds every answer while closed (the full sync's pages wait there), and passes them at once while open. */
export function requestGate() {
  let release: (() => void) | undefined;
  let held: Promise<void> = Promise.resolve();
  let waiting = 0;
  return {
    /** Requests now held. */
    get waiting() {
      return waiting;
    },
    close() {
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    open() {
      release?.();
      release = undefined;
      held = Promise.resolve();
    },
    wait: async (_ms: number, signal: AbortSignal) => {
      waiting += 1;
      try {
        await Promise.race([held, new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
      } finally {
        waiting -= 1;
      }
    },
  };
}
