import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { collectRecords, createSyncEngine, periodOfRun, type SyncRun } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main';
import { runWorker, type Wait } from '../src/run-worker';
import { openTestDatabase, serverUrl, uniqueSchema, type WorkerTestDatabase } from './support/test-database';
const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
const minute = 60_000;
const hour = 60 * minute;

function fakeClock(start = T0) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

let db: WorkerTestDatabase;
let sim: Pax8Simulator;
const schemas: string[] = [];
const key = randomBytes(32).toString('base64');

async function freshStorage(): Promise<PostgresStorage> {
  const schema = uniqueSchema('pax8_worker');
  schemas.push(schema);
  const storage = createPostgresStorage({ client: db.client(), schema, encryptionKey: key });
  await storage.migrate();
  return storage;
}

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close(schemas);
});
afterEach(async () => {
  await sim?.close();
});

async function connect(storage: PostgresStorage, clock: { now(): number }, world: Pax8SimulatorOptions = {}) {
  sim = createPax8Simulator({ seed: 21, companies: 6, subscriptions: 60, ...world });
  const engine = createSyncEngine({ storage, codec: storage.codec, clock });
  const connection = await engine.createConnection({ name: 'Pax8', environment: 'Sandbox', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });
  // Subscriptions only sync once a company is mapped (with none, syncSubscriptions is skipped and records no run).
  const [pax8CompanyId] = sim.world.companies.ids();
  await storage.mappings.upsertMany([{ connectionId: connection.id, pax8CompanyId: pax8CompanyId!, psaCompanyId: 'psa-1', state: 'confirmed', score: null, source: 'manual', updatedAt: clock.now() }]);
  return { engine, connectionId: connection.id };
}

const runsOf = (runs: SyncRun[], entity: string) => runs.filter((r) => r.entity === entity).map((r) => (r.startedAt - T0) / minute).sort((a, b) => a - b);

describe(`scheduled worker (storage: ${serverUrl ? 'the Postgres server' : 'PGlite'})`, () => {
  it('runs each sync on its cadence: companies every 4 h, subscriptions hourly, products daily (5 simulated hours, no sleeping)', async () => {
    const storage = await freshStorage();
    const clock = fakeClock();
    const { engine, connectionId } = await connect(storage, clock);
    const stop = new AbortController();
    const wait: Wait = async (ms) => {
      clock.advance(ms);
      if (clock.now() - T0 === 150 * minute) {
        const [seat] = sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) });
        sim.world.subscriptions.update(seat!.id, { quantity: seat!.quantity + 3 });
      }
      if (clock.now() - T0 >= 5 * hour) stop.abort();
    };
    const mapped: string[] = [];
    const summary = await runWorker({
      engine,
      storage,
      signal: stop.signal,
      clock,
      wait,
      pollMs: 15 * minute,
      onSync: async ({ entity }) => {
        // A person maps two companies after the first company sync (the worker never maps by itself).
        if (entity === 'companies' && mapped.length === 0) {
          mapped.push(...sim.world.companies.ids().slice(0, 2));
          for (const [i, pax8CompanyId] of mapped.entries()) await engine.setMapping({ connectionId, pax8CompanyId, psaCompanyId: `psa-${i}` });
        }
      },
    });
    const runs = await storage.runs.list(connectionId, { limit: 100 });
    expect(runsOf(runs, 'companies')).toEqual([0, 240]);
    expect(runsOf(runs, 'products')).toEqual([0]);
    expect(runsOf(runs, 'subscriptions')).toEqual([0, 60, 120, 180, 240]);
    expect(runs.every((r) => r.outcome === 'succeeded')).toBe(true);
    expect(summary).toEqual({ passes: 20, outcomes: { succeeded: 8 } });
    // The change made in Pax8 at 2:30 was picked up by the 3:00 subscription sync.
    const quantity = (await engine.listChanges(connectionId, { limit: 1000 })).events.filter((e) => e.kind === 'quantity_changed');
    expect(quantity.map((e) => (e.at - T0) / minute)).toEqual([180]);
  });

  it('billing runs the month each due sync names (DueSync.period): on December 7th the previous month as final, the current month as draft, each once', async () => {
    const storage = await freshStorage();
    const december7 = Date.UTC(2026, 11, 7, 8);
    const clock = fakeClock(december7);
    const { engine, connectionId } = await connect(storage, clock, { referenceDate: december7, now: clock.now });
    const mapped = sim.world.companies.ids().map((pax8CompanyId, i) => ({ connectionId, pax8CompanyId, psaCompanyId: `psa-${i}`, state: 'confirmed' as const, score: null, source: 'manual' as const, updatedAt: clock.now() }));
    await storage.mappings.upsertMany(mapped);
    const stop = new AbortController();
    const wait: Wait = async (ms) => {
      clock.advance(ms);
      if (clock.now() - december7 >= hour) stop.abort();
    };
    const billing: string[] = [];
    await runWorker({
      engine,
      storage,
      signal: stop.signal,
      clock,
      wait,
      pollMs: 15 * minute,
      billing: true,
      onSync: ({ entity, reason, period, result }) => {
        if (entity === 'invoices') billing.push(`${(clock.now() - december7) / minute} ${period} ${reason} ${result.outcome}`);
      },
    });
    // One pass runs both months; the passes of the next hour run neither again (daily, and once after the 5th).
    expect(billing).toEqual(['0 2026-12 never-synced succeeded', '0 2026-11 invoices-issued succeeded']);
    const runs = (await storage.runs.list(connectionId, { entity: 'invoices', limit: 10 })).map(periodOfRun).sort();
    expect(runs).toEqual(['2026-11', '2026-12']);
    // November is stored as final (its invoices' items, no drafts); December as draft (the draft items of the month).
    const items = await collectRecords(storage.billing!.invoiceItems, connectionId);
    const of = (period: string, final: boolean) => items.filter((i) => i.period === period && (i.invoiceId !== null) === final);
    expect(of('2026-11', true).length).toBeGreaterThan(0);
    expect(of('2026-11', false)).toEqual([]);
    expect(of('2026-12', false).length).toBeGreaterThan(0);
  });

  it('a long run history of one entity does not hide the others: after 55 subscription runs, companies are due because their interval elapsed, not as never synced', async () => {
    const storage = await freshStorage();
    const clock = fakeClock();
    const { engine, connectionId } = await connect(storage, clock);
    const stop = new AbortController();
    const wait: Wait = async (ms) => {
      clock.advance(ms);
      if (clock.now() - T0 >= 60 * minute) stop.abort();
    };
    const companySyncs: string[] = [];
    // Subscriptions every minute: by minute 55 one page of storage.runs.list (50 runs) holds only subscription runs.
    await runWorker({
      engine,
      storage,
      signal: stop.signal,
      clock,
      wait,
      pollMs: minute,
      cadence: { subscriptions: minute, companies: 55 * minute },
      onSync: ({ entity, reason }) => {
        if (entity === 'companies') companySyncs.push(`${(clock.now() - T0) / minute} ${reason}`);
      },
    });
    const runs = await storage.runs.list(connectionId, { limit: 200 });
    expect(runsOf(runs, 'subscriptions')).toHaveLength(60);
    expect(runsOf(runs, 'companies')).toEqual([0, 55]);
    expect(runsOf(runs, 'products')).toEqual([0]);
    expect(companySyncs).toEqual(['0 never-synced', '55 interval-elapsed']);
  });

  it('several workers on one database: each due sync runs once; the other worker gets already-running or finds it done', async () => {
    const storage = await freshStorage();
    const clock = fakeClock();
    const { connectionId } = await connect(storage, clock);
    const stop = new AbortController();
    const wait: Wait = async () => stop.abort();
    const workers = await Promise.all(
      [1, 2].map(() => {
        // Each worker has its own storage adapter and engine on the shared Postgres, as separate processes would.
        const own = createPostgresStorage({ client: db.client(), schema: storage.schema, encryptionKey: key });
        return runWorker({ engine: createSyncEngine({ storage: own, codec: own.codec, clock }), storage: own, signal: stop.signal, clock, wait });
      }),
    );
    const runs = await storage.runs.list(connectionId, { limit: 100 });
    expect(runs.map((r) => r.entity).sort()).toEqual(['companies', 'products', 'subscriptions']);
    const started = workers.reduce((n, w) => n + (w.outcomes.succeeded ?? 0), 0);
    expect(started).toBe(3);
    for (const entity of ['companies', 'products', 'subscriptions']) expect(await storage.locks.get(connectionId, `sync:${entity}`)).toBeUndefined();
  });

  it('SIGTERM during a sync: the sync finishes, its lease is released, nothing else starts, and main() resolves 0', async () => {
    const storage = await freshStorage();
    const clock = fakeClock();
    const { engine, connectionId } = await connect(storage, clock);
    await engine.syncCompanies({ connectionId });
    await engine.syncProducts({ connectionId });
    for (const [i, pax8CompanyId] of sim.world.companies.ids().slice(0, 3).entries()) await engine.setMapping({ connectionId, pax8CompanyId, psaCompanyId: `psa-${i}` });
    await sim.close();

    // The simulator calls its `wait` for an injected delay: there, mid-sync, the process gets SIGTERM.
    const signals = new EventEmitter();
    sim = createPax8Simulator({ seed: 21, companies: 6, subscriptions: 60, wait: async () => void signals.emit('SIGTERM') });
    await engine.updateConnection(connectionId, { baseUrl: await sim.listen() });
    sim.faults.inject({ kind: 'delay', route: 'GET /v1/subscriptions' });

    const lines: string[] = [];
    // main() opens the database itself, as the process does: DATABASE_URL for the server, the data directory's PGlite otherwise.
    const code = await db.handOver(() =>
      main({
        env: { ...db.forMain.env, PAX8_SYNC_KEY: key },
        dataDir: db.forMain.dataDir,
        schema: storage.schema,
        signals,
        clock,
        wait: async () => {
          throw new Error('the worker must not wait for another pass after SIGTERM');
        },
        print: (line) => lines.push(line),
      }),
    );
    expect(code).toBe(0);
    const stored = createPostgresStorage({ client: db.client(), schema: storage.schema, encryptionKey: key });
    const stopping = lines.indexOf('SIGTERM: finishing the sync in progress, then stopping');
    const finished = lines.findIndex((l) => l.startsWith(`${connectionId} subscriptions (never-synced): succeeded`));
    expect(stopping).toBeGreaterThan(0);
    expect(finished).toBeGreaterThan(stopping);
    const runs = await stored.runs.list(connectionId, { limit: 100 });
    const subscriptions = runs.filter((r) => r.entity === 'subscriptions');
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.outcome).toBe('succeeded');
    expect(subscriptions[0]?.counts.created).toBe(sim.world.subscriptions.list({ filter: (s) => sim.world.companies.ids().slice(0, 3).includes(s.companyId) }).length);
    // Only the subscription sync was due; after it the worker neither waited for another pass (wait throws) nor started anything.
    expect(runs.map((r) => r.entity).sort()).toEqual(['companies', 'products', 'subscriptions']);
    expect(await stored.locks.get(connectionId, 'sync:subscriptions')).toBeUndefined();
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
    expect(lines.at(-1)).toMatch(/^worker stopped after 1 pass\(es\)/);
  });
});
