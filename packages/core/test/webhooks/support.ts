import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, type SyncEngineOptions } from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';
import { captureLogger, fakeClock, sequentialIds, testClientOptions } from '../support/harness';

/** A simulator (no seeded webhooks, deliveries off unless asked), memory storage, one Production connection. */
export interface HookHarness {
  sim: Pax8Simulator;
  baseUrl: string;
  storage: MemoryStorage;
  clock: ReturnType<typeof fakeClock>;
  log: ReturnType<typeof captureLogger>;
  options: SyncEngineOptions;
  connectionId: string;
  /** Registrations in the simulator's world. */
  hooks(): ReturnType<Pax8Simulator['world']['webhooks']['list']>;
  /** Requests the simulator received, as `METHOD /path`. */
  calls(): string[];
  close(): Promise<void>;
}

export const RECEIVER_URL = 'http://127.0.0.1:9/hooks/pax8';

export async function createHookHarness(simOptions: Pax8SimulatorOptions = {}, environment: 'Production' | 'Sandbox' = 'Production'): Promise<HookHarness> {
  const clock = fakeClock(Date.UTC(2026, 5, 1, 12));
  const sim = createPax8Simulator({ seed: 16, companies: 6, products: 8, subscriptions: 40, webhooks: 0, wait: async () => undefined, now: clock.now, ...simOptions });
  const baseUrl = await sim.listen();
  const storage = createMemoryStorage();
  const log = captureLogger();
  const options: SyncEngineOptions = { storage, codec: createAesGcmCodec({ key: randomBytes(32) }), clock, ids: sequentialIds(), logger: log.logger, clientOptions: testClientOptions };
  const { createSyncEngine } = await import('@pax8-sync/core');
  const connection = await createSyncEngine(options).createConnection({ name: 'Simulated Pax8', environment, baseUrl, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret, country: 'US', currency: 'USD' });
  return {
    sim,
    baseUrl,
    storage,
    clock,
    log,
    options,
    connectionId: connection.id,
    hooks: () => sim.world.webhooks.list(),
    calls: () => sim.requests.filter((r) => !r.url.endsWith('/token')).map((r) => `${r.method} ${new URL(r.url).pathname}`),
    close: () => sim.close(),
  };
}

/** Every logged text (fields and messages), to grep for secrets. */
export const loggedText = (h: HookHarness): string => JSON.stringify(h.log.lines);
