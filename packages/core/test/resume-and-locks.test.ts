import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createSyncEngine, type Pax8SyncStorage } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran, sequentialIds } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const state = async (storage: Pax8SyncStorage, connectionId: string) =>
  (await storage.subscriptions.list(connectionId, { includeRemoved: true, limit: 10_000 })).items.map((r) => ({ id: r.id, hash: r.hash, removed: r.removedAt !== null }));

describe('a pull that fails part-way', () => {
  it('removes nothing, leaves a checkpoint, and the next run resumes and ends in the same state as a clean run', async () => {
    h = await createHarness({ subscriptions: 120 });
    const sync = { pageSize: 20, prefetch: 1, perCompanyMaxCompanies: 0 };
    const a = await h.connect();
    await h.engine.syncCompanies({ connectionId: a.id });
    const mapped = await mapFirstCompanies(h, a.id, 6);
    ran(await h.engine.syncSubscriptions({ connectionId: a.id, ...sync }));

    // A second, independent storage synced cleanly from the same simulator, for comparison.
    const storageB = createMemoryStorage();
    const clean = createSyncEngine({ ...h.options, storage: storageB, ids: sequentialIds('clean') });
    const b = await clean.createConnection({ name: 'clean', environment: 'Production', baseUrl: h.baseUrl, ...h.sim.credentials, country: 'US', currency: 'USD' });
    await clean.syncCompanies({ connectionId: b.id });
    for (const id of mapped) await clean.setMapping({ connectionId: b.id, pax8CompanyId: id, psaCompanyId: `psa-${id}` });
    ran(await clean.syncSubscriptions({ connectionId: b.id, ...sync }));
    const cursorA = (await h.engine.listChanges(a.id, { limit: 100_000 })).nextCursor;
    const cursorB = (await clean.listChanges(b.id, { limit: 100_000 })).nextCursor;

    const subs = h.sim.world.subscriptions.list();
    h.sim.world.subscriptions.remove(subs[3]!.id);
    h.sim.world.subscriptions.remove(subs[90]!.id);
    h.sim.world.subscriptions.update(subs[100]!.id, { quantity: subs[100]!.quantity + 2 });
    h.sim.world.subscriptions.add({ companyId: mapped[2]!, productId: subs[0]!.productId, quantity: 4, status: 'Active' });

    const failed = ran(
      await h.engine.syncSubscriptions({
        connectionId: a.id,
        ...sync,
        onProgress: (p) => {
          if (p.pagesDone === 2) h.sim.faults.inject({ kind: 'serverError', route: 'GET /v1/subscriptions', times: 10 });
        },
      }),
    );
    expect(failed.outcome).toBe('failed');
    expect(failed.pages).toBe(2);
    expect(failed.error).toMatch(/Pax8ApiError: Pax8 answered 5\d\d/);
    expect(h.sim.requests.filter((r) => r.status >= 500).at(-1)?.url).toBe(`${h.baseUrl}/v1/subscriptions?page=2&size=20`);
    expect(failed.counts.removed).toBe(0);
    expect((await h.storage.subscriptions.getMany(a.id, [subs[3]!.id, subs[90]!.id])).map((r) => r.removedAt)).toEqual([null, null]);
    expect((await h.storage.runs.get(failed.runId))?.checkpoint).toMatchObject({ listing: 0, nextPage: 2, phase: 'pulling' });

    h.sim.faults.clear();
    h.sim.resetLog();
    const resumed = ran(await h.engine.syncSubscriptions({ connectionId: a.id, ...sync }));
    expect(resumed).toMatchObject({ outcome: 'succeeded', resumedFromRunId: failed.runId, pages: 4 });
    expect(h.sim.requests.filter((r) => r.route === 'GET /v1/subscriptions').map((r) => new URL(r.url).searchParams.get('page'))).toEqual(['2', '3', '4', '5']);

    ran(await clean.syncSubscriptions({ connectionId: b.id, ...sync }));
    expect(await state(h.storage, a.id)).toEqual(await state(storageB, b.id));

    const kinds = (events: { kind: string; entityId: string }[]) => events.map((e) => `${e.kind}:${e.entityId}`).sort();
    const eventsA = (await h.engine.listChanges(a.id, { after: cursorA, limit: 1000 })).events;
    const eventsB = (await clean.listChanges(b.id, { after: cursorB, limit: 1000 })).events;
    expect(kinds(eventsA)).toEqual(kinds(eventsB));
    expect(eventsA.filter((e) => e.kind === 'removed').map((e) => e.entityId).sort()).toEqual([subs[3]!.id, subs[90]!.id].sort());
  });
});

describe('a listing that changes during the pull', () => {
  it('defers removal (a deletion on a page already read shifts another record out of view), and the next run removes exactly what is gone', async () => {
    h = await createHarness({ subscriptions: 120 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, 6);
    const sync = { pageSize: 20, prefetch: 1, perCompanyMaxCompanies: 0 };
    ran(await h.engine.syncSubscriptions({ connectionId: id, ...sync }));
    const victim = h.sim.world.subscriptions.list()[0]!;
    const during = ran(
      await h.engine.syncSubscriptions({
        connectionId: id,
        ...sync,
        onProgress: (p) => {
          if (p.pagesDone === 2) h.sim.world.subscriptions.remove(victim.id);
        },
      }),
    );
    expect(during).toMatchObject({ outcome: 'succeeded', flags: ['removal-deferred'], counts: { removed: 0 } });
    expect(await h.storage.subscriptions.listActiveIds(id)).toHaveLength(120);
    const next = ran(await h.engine.syncSubscriptions({ connectionId: id, ...sync }));
    expect(next).toMatchObject({ outcome: 'succeeded', flags: [], counts: { removed: 1 } });
    expect((await h.storage.subscriptions.list(id, { includeRemoved: true, limit: 1000 })).items.filter((r) => r.removedAt !== null).map((r) => r.id)).toEqual([victim.id]);
  });
});

describe('the lease lock', () => {
  it('a second concurrent sync gets a typed "already running"', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    const results = await Promise.all([h.engine.syncCompanies({ connectionId: id }), h.engine.syncCompanies({ connectionId: id })]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['already-running', 'succeeded']);
    const busy = results.find((r) => r.outcome === 'already-running');
    expect(busy).toMatchObject({ connectionId: id, entity: 'companies' });
    expect(h.sim.counters.byRoute['GET /v1/companies']).toBe(1);
  });

  it('a crashed holder\'s lease expires by the injected clock and is taken over', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.storage.locks.acquire({ connectionId: id, name: 'sync:companies', holder: 'crashed-worker', ttlMs: 60_000, now: h.clock.now() });
    h.clock.advance(59_999);
    expect(await h.engine.syncCompanies({ connectionId: id })).toMatchObject({ outcome: 'already-running', heldBy: 'crashed-worker', leaseExpiresAt: h.clock.now() + 1 });
    h.clock.advance(1);
    expect(ran(await h.engine.syncCompanies({ connectionId: id })).outcome).toBe('succeeded');
  });

  it('after a takeover the old holder\'s writes are fenced: it stops and writes nothing more', async () => {
    h = await createHarness({ subscriptions: 120 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, 6);
    let takeover: Promise<unknown> = Promise.resolve();
    const result = ran(
      await h.engine.syncSubscriptions({
        connectionId: id,
        pageSize: 20,
        prefetch: 1,
        perCompanyMaxCompanies: 0,
        lockTtlMs: 1_000,
        onProgress: (p) => {
          if (p.pagesDone !== 1) return;
          h.clock.advance(1_001);
          takeover = h.storage.locks.acquire({ connectionId: id, name: 'sync:subscriptions', holder: 'new-worker', ttlMs: 60_000, now: h.clock.now() });
        },
      }),
    );
    expect(await takeover).toMatchObject({ holder: 'new-worker' });
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/lease/);
    expect(result.pages).toBe(1);
    expect(await h.storage.subscriptions.count(id)).toBe(20);
    expect(await h.storage.locks.get(id, 'sync:subscriptions')).toMatchObject({ holder: 'new-worker' });
  });

  it('a crashed worker\'s run, left "running", is closed as abandoned and resumed once its lease expired', async () => {
    h = await createHarness({ subscriptions: 120 });
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, 6);
    const sync = { pageSize: 20, prefetch: 1, perCompanyMaxCompanies: 0, lockTtlMs: 5_000 };
    const worker = crashable(h.storage);
    const dying = createSyncEngine({ ...h.options, storage: worker.storage });
    const crashed = await dying
      .syncSubscriptions({ connectionId: id, ...sync, onProgress: (p) => p.pagesDone === 3 && worker.crash() })
      .catch((error: unknown) => error);
    // Every storage call fails from the crash on: the sync cannot even record its run, which stays "running".
    expect(crashed).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/process died/) });
    const [run] = await h.storage.runs.list(id, { entity: 'subscriptions' });
    expect(run).toMatchObject({ outcome: 'running', checkpoint: { nextPage: 3 } });

    h.clock.advance(4_999);
    expect((await h.engine.syncSubscriptions({ connectionId: id, ...sync })).outcome).toBe('already-running');
    h.clock.advance(1);
    const next = ran(await h.engine.syncSubscriptions({ connectionId: id, ...sync }));
    expect(next).toMatchObject({ outcome: 'succeeded', resumedFromRunId: run!.id, pages: 3 });
    expect(await h.storage.runs.get(run!.id)).toMatchObject({ outcome: 'failed', error: 'abandoned: its lease expired' });
    expect(await h.storage.subscriptions.count(id)).toBe(120);
  });
});

/** Wraps a storage so that, after `crash()`, every call rejects as if the process had died. */
function crashable(inner: Pax8SyncStorage) {
  let dead = false;
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value === 'function') {
          return (...args: unknown[]) => (dead ? Promise.reject(new Error('process died')) : (value as (...a: unknown[]) => unknown).apply(obj, args));
        }
        if (value && typeof value === 'object' && typeof key === 'string' && key !== 'capabilities') return guard(value as object);
        return value;
      },
    });
  return {
    storage: guard(inner),
    crash() {
      dead = true;
    },
  };
}
