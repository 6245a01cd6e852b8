import { randomBytes } from 'node:crypto';
import {
  type ConnectionView,
  createAesGcmCodec,
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncResult,
  type SyncRunResult,
} from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';

/** A fake clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 5, 1)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

/** Sequential ids, readable in failures. */
export function sequentialIds(prefix = 'id') {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-${String(n).padStart(5, '0')}`;
  };
}

/** Every log line, for secret checks. */
export function captureLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** One simulator over HTTP plus one engine on memory storage. */
export interface Harness {
  sim: Pax8Simulator;
  baseUrl: string;
  storage: MemoryStorage;
  engine: SyncEngine;
  clock: ReturnType<typeof fakeClock>;
  log: ReturnType<typeof captureLogger>;
  key: string;
  options: SyncEngineOptions;
  connect(overrides?: Partial<Parameters<SyncEngine['createConnection']>[0]>): Promise<ConnectionView>;
  close(): Promise<void>;
}

/** Fast retries with no real waiting. */
export const testClientOptions: SyncEngineOptions['clientOptions'] = {
  retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 },
  sleep: async () => undefined,
  timeoutMs: false,
  rateLimit: { requestsPerMinute: 1_000_000, concurrency: 8 },
};

/** Starts a simulator on 127.0.0.1 and an engine bound to a fresh memory storage. */
export async function createHarness(simOptions: Pax8SimulatorOptions = {}, engine: Partial<SyncEngineOptions> = {}): Promise<Harness> {
  const sim = createPax8Simulator({ seed: 42, companies: 6, products: 8, subscriptions: 60, wait: async () => undefined, ...simOptions });
  const baseUrl = await sim.listen();
  // A test may pass its own storage (a wrapper of memory storage): the harness then reads the same one.
  const storage = (engine.storage as MemoryStorage | undefined) ?? createMemoryStorage();
  const clock = fakeClock();
  const log = captureLogger();
  const key = randomBytes(32).toString('base64');
  const options: SyncEngineOptions = {
    storage,
    codec: createAesGcmCodec({ key }),
    clock,
    ids: sequentialIds(),
    logger: log.logger,
    clientOptions: testClientOptions,
    ...engine,
  };
  return {
    sim,
    baseUrl,
    storage,
    engine: createSyncEngine(options),
    clock,
    log,
    key,
    options,
    connect: (overrides = {}) =>
      createSyncEngine(options).createConnection({
        name: 'Simulated Pax8',
        environment: 'Production',
        baseUrl,
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
        country: 'US',
        currency: 'USD',
        ...overrides,
      }),
    close: () => sim.close(),
  };
}

/** Narrows a sync result to a run that happened, failing loudly otherwise. */
export function ran(result: SyncResult): SyncRunResult {
  if (result.outcome === 'already-running' || result.outcome === 'dry-run' || result.outcome === 'skipped') throw new Error(`expected a run, got ${result.outcome}`);
  return result;
}

/** Confirms mappings for the first `n` Pax8 companies (by id order) through Quick Match on their own names. */
export async function mapFirstCompanies(h: Harness, connectionId: string, n: number): Promise<string[]> {
  const companies = (await h.storage.companies.list(connectionId)).items.slice(0, n);
  await h.engine.suggestMappings({ connectionId, psaCompanies: companies.map((c, i) => ({ id: `psa-${i}`, name: c.name })), threshold: 0.99 });
  await h.engine.confirmMappings({ connectionId, pax8CompanyIds: companies.map((c) => c.id) });
  return companies.map((c) => c.id);
}
