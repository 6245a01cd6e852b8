import type { MemoryStorage } from '@pax8-sync/storage-memory';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import type { Pax8SyncStores, RecordStore, RunStore, SubscriptionRecord } from '@pax8-sync/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran } from './support/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Memory storage that counts how the engine reads subscriptions and marks pages. */
function counting(storage: MemoryStorage = createMemoryStorage()) {
  const calls = { getMany: 0, getHashes: 0, marked: 0, unmarked: 0 };
  const subs = (store: RecordStore<SubscriptionRecord>): RecordStore<SubscriptionRecord> => ({
    ...store,
    getMany: async (connectionId, ids) => {
      calls.getMany += 1;
      return store.getMany(connectionId, ids);
    },
    getHashes: async (connectionId, ids) => {
      calls.getHashes += 1;
      return store.getHashes!(connectionId, ids);
    },
  });
  const runs = (store: RunStore): RunStore => ({
    ...store,
    checkpoint: async (input) => {
      if (input.mark === undefined) calls.unmarked += 1;
      else calls.marked += 1;
      return store.checkpoint(input);
    },
  });
  const wrap = <T extends Pax8SyncStores>(stores: T): T => ({ ...stores, subscriptions: subs(stores.subscriptions), runs: runs(stores.runs) });
  const wrapped = { ...wrap(storage), transaction: ((fn, options) => storage.transaction((tx) => fn(wrap(tx)), options)) as MemoryStorage['transaction'] } as MemoryStorage;
  const reset = () => Object.assign(calls, { getMany: 0, getHashes: 0, marked: 0, unmarked: 0 });
  return { storage: wrapped, calls, reset };
}

const sync = { pageSize: 20, prefetch: 2 };
const world = { companies: 14, products: 10, subscriptions: 300 };

/** A harness with every company mapped (paged globally: more than the per-company limit) and its subscriptions synced once. */
async function synced(storage?: MemoryStorage) {
  const count = counting(storage);
  h = await createHarness(world, { storage: count.storage });
  const { id: connectionId } = await h.connect();
  await h.engine.syncCompanies({ connectionId });
  await mapFirstCompanies(h, connectionId, world.companies);
  count.reset();
  const first = ran(await h.engine.syncSubscriptions({ connectionId, ...sync }));
  return { ...count, connectionId, first, harness: h };
}

const rowsOf = async (storage: MemoryStorage, connectionId: string) =>
  (await storage.subscriptions.list(connectionId, { includeRemoved: true, limit: 100_000 })).items.map((r) => ({ id: r.id, hash: r.hash, data: r.data, mappedState: r.mappedState, removed: r.removedAt !== null }));

describe('page marks: a re-sync skips the diff of pages that are as the last pull left them (over HTTP against the simulator)', () => {
  it('a no-change re-sync reads only hashes: no row read in full, none written, no event; every page checkpointed with its mark', async () => {
    const s = await synced();
    const pages = s.calls.marked;
    expect(s.first.counts.created).toBeGreaterThan(200);
    expect(pages).toBe(Math.ceil(s.first.counts.created / sync.pageSize));
    expect(s.calls.unmarked).toBe(0);
    const cursor = (await s.harness.engine.listChanges(s.connectionId, { limit: 100_000 })).nextCursor;
    s.reset();
    const again = ran(await s.harness.engine.syncSubscriptions({ connectionId: s.connectionId, ...sync }));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: s.first.counts.created });
    expect(s.calls).toEqual({ getMany: 0, getHashes: pages, marked: pages, unmarked: 0 });
    expect((await s.harness.engine.listChanges(s.connectionId, { after: cursor })).events).toEqual([]);
  });

  it('a record changed in Pax8 diffs its page only; the next re-sync skips every page again', async () => {
    const s = await synced();
    const [target] = (await s.harness.storage.subscriptions.list(s.connectionId, { limit: 1 })).items;
    s.harness.sim.world.subscriptions.update(target!.id, { quantity: target!.quantity + 3 });
    s.reset();
    const changed = ran(await s.harness.engine.syncSubscriptions({ connectionId: s.connectionId, ...sync }));
    expect(changed.counts).toMatchObject({ created: 0, updated: 1, removed: 0 });
    expect(s.calls.getMany).toBe(1);
    expect((await s.harness.storage.subscriptions.getMany(s.connectionId, [target!.id]))[0]!.quantity).toBe(target!.quantity + 3);
    s.reset();
    ran(await s.harness.engine.syncSubscriptions({ connectionId: s.connectionId, ...sync }));
    expect(s.calls.getMany).toBe(0);
  });

  it('a row changed or removed in storage behind the engine is diffed and put back as Pax8 has it', async () => {
    const s = await synced();
    const before = await rowsOf(s.harness.storage, s.connectionId);
    const [edited, removed] = (await s.harness.storage.subscriptions.list(s.connectionId, { limit: 2 })).items;
    await s.harness.storage.subscriptions.upsertMany([
      { ...edited!, quantity: 999, hash: 'tampered', data: { ...edited!.data, quantity: 999 } },
      { ...removed!, removedAt: 1 },
    ]);
    s.reset();
    const result = ran(await s.harness.engine.syncSubscriptions({ connectionId: s.connectionId, ...sync }));
    expect(result.counts).toMatchObject({ created: 1, updated: 1, removed: 0 });
    expect(s.calls.getMany).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(s.harness.storage, s.connectionId)).toEqual(before);
  });

  it('another mapping or other status settings diff every page they touch', async () => {
    const s = await synced();
    const { connectionId } = s;
    const engine = s.harness.engine;
    const [company] = (await s.harness.storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => m.pax8CompanyId);
    await engine.rejectMapping({ connectionId, pax8CompanyId: company! });
    s.reset();
    ran(await engine.syncSubscriptions({ connectionId, ...sync }));
    // Other records are kept now: every page is diffed (their rows read), none matched by hashes.
    expect(s.calls.getHashes).toBe(0);
    expect(s.calls.getMany).toBe(s.calls.marked);
    const before = await rowsOf(s.harness.storage, connectionId);
    s.reset();
    const overrides = { subscriptionOverrides: { Active: 'inactive' as const } };
    const remapped = ran(await engine.syncSubscriptions({ connectionId, ...sync, statusMapping: overrides }));
    expect(remapped.counts.updated).toBeGreaterThan(0);
    expect(s.calls.getHashes).toBe(0);
    const after = await rowsOf(s.harness.storage, connectionId);
    const active = after.filter((r) => !r.removed && r.data.status === 'Active' && r.data.companyId !== company);
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((r) => r.mappedState === 'inactive')).toBe(true);
    expect(after).not.toEqual(before);
    // The same settings again: skipped.
    s.reset();
    ran(await engine.syncSubscriptions({ connectionId, ...sync, statusMapping: overrides }));
    expect(s.calls.getMany).toBe(0);
  });
});

describe('page marks and quarantine', () => {
  it('a skipped page listing a record the page before just quarantined is diffed, so the entry is resolved as a full diff does', async () => {
    let page1First: Record<string, unknown> | undefined;
    let twin = false;
    const fetchWith: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname !== '/v1/subscriptions') return response;
      const body = (await response.json()) as { content: Record<string, unknown>[] };
      const page = url.searchParams.get('page');
      if (page === '1') page1First ??= body.content[0];
      // Page 0 also lists, malformed, the first record of page 1 (as offset paging may show a record twice).
      const content = twin && page === '0' && page1First ? [...body.content, { ...page1First, quantity: 'many' }] : body.content;
      return new Response(JSON.stringify({ ...body, content }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    // Commits that take a while, as over a network: the next page is staged while one commits.
    const base = createMemoryStorage();
    const slow = { ...base, transaction: (async (fn, options) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return base.transaction(fn, options);
    }) as MemoryStorage['transaction'] } as MemoryStorage;
    h = await createHarness(world, { fetch: fetchWith, storage: slow });
    const { id: connectionId } = await h.connect();
    await h.engine.syncCompanies({ connectionId });
    await mapFirstCompanies(h, connectionId, world.companies);
    ran(await h.engine.syncSubscriptions({ connectionId, ...sync, prefetch: 4 }));
    const id = String(page1First?.id);
    expect((await h.storage.subscriptions.getMany(connectionId, [id])).length).toBe(1);
    twin = true;
    ran(await h.engine.syncSubscriptions({ connectionId, ...sync, prefetch: 4 }));
    // Page 0 quarantined it; page 1 lists it valid and unchanged: as in a full diff, the entry is resolved.
    expect((await h.storage.quarantine.list(connectionId, { entity: 'subscriptions' })).map((q) => q.key)).not.toContain(id);
    expect((await h.storage.subscriptions.getMany(connectionId, [id]))[0]!.removedAt).toBeNull();
  });
});

/** What a step does to Pax8 or to storage between two syncs. */
type Step =
  | { kind: 'quantity'; at: number; quantity: number }
  | { kind: 'status'; at: number; status: string }
  | { kind: 'add'; company: number }
  | { kind: 'remove'; at: number }
  | { kind: 'tamper'; at: number }
  | { kind: 'unmap'; company: number }
  | { kind: 'map'; company: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('quantity' as const), at: fc.nat(), quantity: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('status' as const), at: fc.nat(), status: fc.constantFrom('Active', 'Cancelled', 'Suspended', 'PendingManual', 'BrandNewStatus') }),
  fc.record({ kind: fc.constant('add' as const), company: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('tamper' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('unmap' as const), company: fc.nat() }),
  fc.record({ kind: fc.constant('map' as const), company: fc.nat() }),
);

describe('page marks change no outcome (property)', () => {
  it('after any sequence of changes and re-syncs, storage with marks holds exactly what storage without them holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (rounds) => {
        const marked = createMemoryStorage();
        const plainBase = createMemoryStorage();
        const plain = { ...plainBase, capabilities: { ...plainBase.capabilities, pageMarks: false } } as MemoryStorage;
        h = await createHarness({ companies: 12, products: 6, subscriptions: 120 }, { storage: marked });
        const engines = [
          { storage: marked, engine: h.engine },
          { storage: plain, engine: (await import('@pax8-sync/core')).createSyncEngine({ ...h.options, storage: plain }) },
        ];
        const ids: string[] = [];
        for (const side of engines) {
          const { id } = await side.engine.createConnection({ name: 'p', environment: 'Production', baseUrl: h.baseUrl, ...h.sim.credentials, country: 'US', currency: 'USD' });
          ids.push(id);
          await side.engine.syncCompanies({ connectionId: id });
        }
        const companies = h.sim.world.companies.ids();
        const setMapped = async (company: string, on: boolean) => {
          for (const [i, side] of engines.entries()) {
            if (on) await side.engine.setMapping({ connectionId: ids[i]!, pax8CompanyId: company, psaCompanyId: `psa-${company}` });
            else await side.engine.rejectMapping({ connectionId: ids[i]!, pax8CompanyId: company }).catch(() => undefined);
          }
        };
        for (const company of companies.slice(0, 11)) await setMapped(company, true);
        const syncBoth = async () => {
          for (const [i, side] of engines.entries()) ran(await side.engine.syncSubscriptions({ connectionId: ids[i]!, pageSize: 10, prefetch: 2 }));
        };
        await syncBoth();
        for (const round of rounds) {
          for (const s of round) {
            const subs = h.sim.world.subscriptions.ids();
            const pick = (n: number) => subs[n % subs.length]!;
            if (s.kind === 'quantity') h.sim.world.subscriptions.update(pick(s.at), { quantity: s.quantity });
            else if (s.kind === 'status') h.sim.world.subscriptions.update(pick(s.at), { status: s.status as never });
            else if (s.kind === 'add') h.sim.world.subscriptions.add({ companyId: companies[s.company % companies.length]!, productId: h.sim.world.products.ids()[0]! });
            else if (s.kind === 'remove' && subs.length > 60) h.sim.world.subscriptions.remove(pick(s.at));
            else if (s.kind === 'tamper') {
              // The same row changed in both storages behind the engines: each must put it back.
              for (const [i, side] of engines.entries()) {
                const rows = (await side.storage.subscriptions.list(ids[i]!, { limit: 1000 })).items;
                const row = rows[s.at % Math.max(1, rows.length)];
                if (row) await side.storage.subscriptions.upsertMany([{ ...row, hash: 'tampered', quantity: -1 }]);
              }
            } else if (s.kind === 'unmap') await setMapped(companies[s.company % 11]!, false);
            else if (s.kind === 'map') await setMapped(companies[s.company % companies.length]!, true);
          }
          await syncBoth();
          expect(await rowsOf(marked, ids[0]!)).toEqual(await rowsOf(plain, ids[1]!));
        }
        await h.close();
        h = undefined;
      }),
      { numRuns: 25, seed: 20261202, endOnFailure: true },
    );
  }, 240_000);
});
