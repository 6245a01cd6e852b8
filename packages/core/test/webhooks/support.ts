import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, type SyncEngine, type SyncEngineOptions } from '@pax8-sync/core';
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

/** Syncs the companies, maps every one of them (Quick Match at 0.99, confirmed), then syncs their subscriptions. */
export async function mapAllAndSync(h: HookHarness, engine: SyncEngine): Promise<void> {
  await engine.syncCompanies({ connectionId: h.connectionId });
  const companies = (await h.storage.companies.list(h.connectionId)).items;
  await engine.suggestMappings({ connectionId: h.connectionId, psaCompanies: companies.map((c, i) => ({ id: `psa-${i}`, name: c.name })), threshold: 0.99 });
  await engine.confirmMappings({ connectionId: h.connectionId, pax8CompanyIds: companies.map((c) => c.id) });
  await engine.syncSubscriptions({ connectionId: h.connectionId });
}

/** Every logged text (fields and messages), to grep for secrets. */
export const loggedText = (h: HookHarness): string => JSON.stringify(h.log.lines);

/** A Node http server on 127.0.0.1 running a web-standard handler; its URL ends in `/hooks/pax8`. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const { toNodeRequestListener } = await import('@pax8-sync/core');
  const server = createServer(toNodeRequestListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/hooks/pax8`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const READS = /^(get|list|find|count|has|load|iterate|page|read)/i;

/** Counts every storage call that may write (anything not named like a read), including transactions. */
export function countWrites(storage: MemoryStorage): { writes: string[] } {
  const writes: string[] = [];
  const target = storage as unknown as Record<string, unknown>;
  for (const [name, store] of Object.entries(target)) {
    if (typeof store !== 'object' || store === null || name === 'capabilities') continue;
    const methods = store as Record<string, unknown>;
    for (const [method, fn] of Object.entries(methods)) {
      if (typeof fn !== 'function' || READS.test(method)) continue;
      methods[method] = (...args: unknown[]) => {
        writes.push(`${name}.${method}`);
        return (fn as (...a: unknown[]) => unknown).apply(store, args);
      };
    }
  }
  for (const method of ['transaction', 'purgeConnection']) {
    const fn = target[method] as (...a: unknown[]) => unknown;
    target[method] = (...args: unknown[]) => {
      writes.push(method);
      return fn.apply(storage, args);
    };
  }
  return { writes };
}
