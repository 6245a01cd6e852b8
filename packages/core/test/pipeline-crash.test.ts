import { createSyncEngine, type Pax8SyncStorage } from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, ran, sequentialIds } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

// 120 subscriptions of 6 mapped companies in pages of 20: 6 pages (Pax8's numbers, from 0); page 2 is where each test strikes.
const sync = { pageSize: 20, prefetch: 2, perCompanyMaxCompanies: 0 };
const STRIKE = 2;

type Strike = (window: { storage: MemoryStorage; connectionId: string }) => Promise<void>;
/** What strikes in the window; `down` makes every later transaction fail, as a lost database would. */
interface Hooks {
  duringCommit?: Strike;
  duringStage?: Strike;
  down?: boolean;
  /** Set once page STRIKE + 1 was staged while page STRIKE's transaction was open. */
  overlapped?: boolean;
}

/**
 * The memory storage with two hooks into the pipelined window: page STRIKE's transaction waits until
 * page STRIKE + 1 is being staged (its `getMany`), which only a pipelined pull ever reaches, then
 * `duringCommit` runs inside that transaction; `duringStage` runs in that `getMany`, while page STRIKE
 * commits. Transactions and reads are counted per pull from `arm()`.
 */
function windowStorage(inner: MemoryStorage, connectionId: string, hooks: Hooks) {
  let transactions = -1;
  let reads = -1;
  let open = false;
  let staged: () => void = () => undefined;
  const nextStaged = new Promise<void>((resolve) => {
    staged = resolve;
  });
  const storage: Pax8SyncStorage = {
    ...inner,
    subscriptions: {
      ...inner.subscriptions,
      async getMany(id, ids) {
        reads += 1;
        if (reads === STRIKE + 1) {
          hooks.overlapped = open;
          staged();
          await hooks.duringStage?.({ storage: inner, connectionId });
        }
        return inner.subscriptions.getMany(id, ids);
      },
    },
    transaction(fn, options) {
      if (hooks.down) return Promise.reject(new Error('connection terminated unexpectedly'));
      transactions += 1;
      if (transactions !== STRIKE) return inner.transaction(fn, options);
      return inner.transaction(async (tx) => {
        open = true;
        let timer: ReturnType<typeof setTimeout> | undefined;
        try {
          const result = await fn(tx);
          const notPipelined = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('page 3 was never staged while page 2 committed: the pull is not pipelined')), 5_000);
          });
          await Promise.race([nextStaged, notPipelined]);
          await hooks.duringCommit?.({ storage: inner, connectionId });
          return result;
        } finally {
          open = false;
          clearTimeout(timer);
        }
      }, options);
    },
  };
  return storage;
}

const state = async (storage: Pax8SyncStorage, connectionId: string) =>
  (await storage.subscriptions.list(connectionId, { includeRemoved: true, limit: 10_000 })).items.map((r) => ({ id: r.id, hash: r.hash, data: r.data, removed: r.removedAt !== null }));
const kinds = (events: { kind: string; entityId: string }[]) => events.map((e) => `${e.kind}:${e.entityId}`).sort();

/** Companies synced and all six mapped, on the harness storage and on a clean one synced without faults. */
async function prepare() {
  h = await createHarness({ subscriptions: 120 });
  const { id } = await h.connect();
  ran(await h.engine.syncCompanies({ connectionId: id }));
  const companies = await h.storage.companies.listActiveIds(id);
  for (const c of companies) await h.engine.setMapping({ connectionId: id, pax8CompanyId: c, psaCompanyId: `psa-${c}` });
  const cleanStorage = createMemoryStorage();
  const clean = createSyncEngine({ ...h.options, storage: cleanStorage, ids: sequentialIds('clean') });
  const b = await clean.createConnection({ name: 'clean', environment: 'Production', baseUrl: h.baseUrl, ...h.sim.credentials, country: 'US', currency: 'USD' });
  ran(await clean.syncCompanies({ connectionId: b.id }));
  for (const c of companies) await clean.setMapping({ connectionId: b.id, pax8CompanyId: c, psaCompanyId: `psa-${c}` });
  ran(await clean.syncSubscriptions({ connectionId: b.id, ...sync }));
  return { id, expected: await state(cleanStorage, b.id), expectedEvents: kinds((await clean.listChanges(b.id, { limit: 10_000 })).events.filter((e) => e.entity === 'subscriptions')) };
}

/** Runs the struck sync, checks where it stopped, resumes on the plain storage and compares with the clean run. */
async function strikeAndResume(hooks: Hooks, committedPages: number, error: RegExp, beforeResume: (connectionId: string) => Promise<void> = async () => undefined) {
  const { id, expected, expectedEvents } = await prepare();
  const engine = createSyncEngine({ ...h.options, storage: windowStorage(h.storage, id, hooks) });
  const failed = ran(await engine.syncSubscriptions({ connectionId: id, ...sync }));
  expect(hooks.overlapped).toBe(true);
  expect(failed.outcome).toBe('failed');
  expect(failed.error).toMatch(error);
  expect(failed.pages).toBe(committedPages);
  expect((await h.storage.runs.get(failed.runId))?.checkpoint).toMatchObject({ nextPage: committedPages, phase: 'pulling' });
  expect(await h.storage.subscriptions.count(id)).toBe(committedPages * 20);

  await beforeResume(id);
  const resumed = ran(await h.engine.syncSubscriptions({ connectionId: id, ...sync }));
  expect(resumed).toMatchObject({ outcome: 'succeeded', resumedFromRunId: failed.runId, pages: 6 - committedPages });
  expect(await state(h.storage, id)).toEqual(expected);
  // Every page's events once: none of the struck page's events survived its rollback, none is written twice.
  expect(kinds((await h.engine.listChanges(id, { limit: 10_000 })).events.filter((e) => e.entity === 'subscriptions'))).toEqual(expectedEvents);
}

describe('a failure inside the pipelined window (page 3 staged while page 2 commits) resumes to the state of a clean run', () => {
  it('storage lost while page 2 commits: page 2 rolls back, page 3 is never written', async () => {
    const hooks: Hooks = {
      duringCommit: async () => {
        hooks.down = true;
        throw new Error('connection terminated unexpectedly');
      },
    };
    await strikeAndResume(hooks, STRIKE, /connection terminated unexpectedly/);
  });

  it('staging page 3 throws while page 2 commits: page 2 still commits, the run stops after it', async () => {
    await strikeAndResume(
      {
        duringStage: async () => {
          throw new Error('storage read timed out');
        },
      },
      STRIKE + 1,
      /storage read timed out/,
    );
  });

  it('the lease is taken over while page 2 commits: page 2 commits under the old lease, page 3 is fenced off', async () => {
    await strikeAndResume(
      {
        duringStage: async ({ storage, connectionId }) => {
          h.clock.advance(600_001);
          // Taken once page 2's transaction let go of the storage: a new holder with a newer fencing token.
          void storage.locks.acquire({ connectionId, name: 'sync:subscriptions', holder: 'new-worker', ttlMs: 60_000, now: h.clock.now() });
        },
      },
      STRIKE + 1,
      /lease/,
      async (connectionId) => {
        expect(await h.storage.locks.get(connectionId, 'sync:subscriptions')).toMatchObject({ holder: 'new-worker' });
        h.clock.advance(60_001);
      },
    );
  });
});
