import { randomBytes } from 'node:crypto';
import { type CompanyRecord, createAesGcmCodec, createSyncEngine, type JsonValue, type Pax8SyncStorage, type SyncEngine, type SyncResult, type SubscriptionRecord } from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { fakeClock, sequentialIds, testClientOptions } from '../support/harness';
import type { Scenario, WorldChange } from './scenario';

/** The lease of the fuzz's syncs: a crashed worker's lease is waited out by moving the clock past it. */
export const LEASE_MS = 60_000;

/** Wraps a storage so that after `n` transactions every call rejects, as if the process had died. */
export function crashAfter<S extends Pax8SyncStorage>(inner: S, n: number | null): S {
  if (n === null) return inner;
  let transactions = 0;
  let dead = false;
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            if (dead) return Promise.reject(new Error('process died'));
            if (key === 'transaction') {
              transactions += 1;
              if (transactions > n) {
                dead = true;
                return Promise.reject(new Error('process died'));
              }
            }
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          };
        }
        if (value && typeof value === 'object' && typeof key === 'string' && key !== 'capabilities') return guard(value as object);
        return value;
      },
    });
  return guard(inner);
}

/** One fuzz world: the simulator, the storage under test, and how to sync into it. */
export interface FuzzWorld {
  sim: Pax8Simulator;
  storage: MemoryStorage;
  clock: ReturnType<typeof fakeClock>;
  connectionId: string;
  mapped: string[];
  /** Syncs companies then subscriptions, the subscription sync through a storage that may crash. */
  sync(crash: number | null, massDeletionThreshold?: number): Promise<{ companies: SyncResult; subscriptions: SyncResult }>;
  close(): Promise<void>;
}

function engineFor(storage: Pax8SyncStorage, clock: ReturnType<typeof fakeClock>, codec: ReturnType<typeof createAesGcmCodec>, ids: () => string): SyncEngine {
  return createSyncEngine({ storage, codec, clock, ids, clientOptions: testClientOptions });
}

/** A connection with the first `mapped` companies of the world mapped (confirmed), on its own storage. */
export async function connectWorld(sim: Pax8Simulator, storage: MemoryStorage, clock: ReturnType<typeof fakeClock>, scenario: Scenario, prefix: string) {
  const codec = createAesGcmCodec({ key: randomBytes(32) });
  const engine = engineFor(storage, clock, codec, sequentialIds(prefix));
  const workerIds = sequentialIds(`${prefix}-w`);
  const { id } = await engine.createConnection({ name: 'fuzz', environment: 'Production', baseUrl: sim.url!, ...sim.credentials, country: 'US', currency: 'USD' });
  const mapped = sim.world.companies.ids().slice(0, scenario.mapped);
  await storage.mappings.upsertMany(mapped.map((pax8CompanyId) => ({ connectionId: id, pax8CompanyId, psaCompanyId: `psa-${pax8CompanyId}`, state: 'confirmed', score: null, source: 'manual', updatedAt: 0 })));
  const settings = { connectionId: id, pageSize: scenario.pageSize, prefetch: scenario.prefetch, lockTtlMs: LEASE_MS };
  const sync = async (crash: number | null, massDeletionThreshold = 0.5) => {
    const companies = await engine.syncCompanies({ ...settings, massDeletionThreshold });
    const crashing = engineFor(crashAfter(storage, crash), clock, codec, workerIds);
    const subscriptions = await crashing.syncSubscriptions({ ...settings, massDeletionThreshold, perCompanyMaxCompanies: scenario.perCompany ? 100 : 0 });
    return { companies, subscriptions };
  };
  return { connectionId: id, mapped, sync };
}

/** Starts the world of a scenario. */
export async function createFuzzWorld(scenario: Scenario, hugeStringLength: number): Promise<FuzzWorld> {
  const sim = createPax8Simulator({ seed: scenario.worldSeed, companies: scenario.companies, products: 5, subscriptions: scenario.subscriptions, wait: async () => undefined, requestLogLimit: 50_000, drift: { hugeStringLength } });
  await sim.listen();
  const storage = createMemoryStorage();
  const clock = fakeClock();
  const { connectionId, mapped, sync } = await connectWorld(sim, storage, clock, scenario, 'fuzz');
  return { sim, storage, clock, connectionId, mapped, sync, close: () => sim.close() };
}

/** Applies a world change (picks wrap around what exists). */
export function applyChange(sim: Pax8Simulator, change: WorldChange): void {
  const subscriptions = sim.world.subscriptions.ids();
  const companies = sim.world.companies.ids();
  const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
  switch (change.op) {
    case 'removeSubscription': {
      const id = pick(subscriptions, change.pick);
      if (id) sim.world.subscriptions.remove(id);
      return;
    }
    case 'addSubscription': {
      const companyId = pick(companies, change.company);
      const productId = sim.world.products.ids()[0];
      if (companyId && productId) sim.world.subscriptions.add({ companyId, productId, quantity: change.quantity, status: 'Active' });
      return;
    }
    case 'updateSubscription': {
      const id = pick(subscriptions, change.pick);
      if (id) sim.world.subscriptions.update(id, { quantity: change.quantity, status: change.status });
      return;
    }
    case 'renameCompany': {
      const id = pick(companies, change.pick);
      if (id) sim.world.companies.update(id, { name: change.name });
      return;
    }
    case 'addCompany':
      sim.world.companies.add({ name: change.name });
      return;
  }
}

/**
 * What a clean state is made of: the active rows (content only) and the quarantine (key, reason,
 * record). A record in quarantine keeps its last good row where it had one (a run from scratch has
 * none), so rows of quarantined records are left out of the comparison.
 */
export async function stateOf(storage: Pax8SyncStorage, connectionId: string): Promise<JsonValue> {
  const quarantine = (await storage.quarantine.list(connectionId)).map((q) => ({ entity: q.entity, key: q.key, reason: q.reason, record: q.record }));
  const quarantined = new Set(quarantine.map((q) => q.key));
  const rows = async <R extends CompanyRecord | SubscriptionRecord>(list: (after?: string) => Promise<{ items: R[]; nextCursor: string | null }>) => {
    const out: JsonValue[] = [];
    for (let after: string | undefined; ; ) {
      const page = await list(after);
      for (const { connectionId: _c, createdRunId: _cr, updatedRunId: _ur, createdAt: _ca, updatedAt: _ua, ...content } of page.items) {
        if (!quarantined.has(content.id)) out.push(content as unknown as JsonValue);
      }
      if (page.nextCursor === null) return out;
      after = page.nextCursor;
    }
  };
  return {
    companies: await rows((after) => storage.companies.list(connectionId, after === undefined ? {} : { after })),
    subscriptions: await rows((after) => storage.subscriptions.list(connectionId, after === undefined ? {} : { after })),
    quarantine,
  };
}
