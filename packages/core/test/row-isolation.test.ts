import type { CompanyRecord, Pax8SyncStorage, Pax8SyncStores } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, ran } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A memory storage whose company rows refuse names containing "REFUSE" (an adapter-specific limit), and which can go down. */
function pickyStorage() {
  const inner = createMemoryStorage();
  let down = false;
  const refuse = (stores: Pax8SyncStores): Pax8SyncStores => ({
    ...stores,
    companies: {
      ...stores.companies,
      upsertMany: async (rows: readonly CompanyRecord[]) => {
        const bad = rows.find((r) => r.name.includes('REFUSE'));
        if (bad) throw new Error(`value too long for this PSA's name column (row ${bad.id})`);
        return stores.companies.upsertMany(rows);
      },
    },
  });
  const storage: Pax8SyncStorage = {
    ...inner,
    ...refuse(inner),
    transaction: (fn, options) => {
      if (down) return Promise.reject(new Error('connection terminated unexpectedly'));
      return inner.transaction((tx) => fn(refuse(tx)), options);
    },
  };
  return {
    storage,
    inner,
    goDown: () => {
      down = true;
    },
  };
}

describe('a storage write that fails because of one row', () => {
  it('isolates the row: it is quarantined with the adapter\'s reason, the rest of the page commits, the run succeeds', async () => {
    const picky = pickyStorage();
    h = await createHarness({ companies: 9, subscriptions: 0 }, { storage: picky.storage });
    const [refused] = h.sim.world.companies.ids();
    h.sim.world.companies.update(refused!, { name: 'Please REFUSE me' });
    const { id } = await h.connect();
    const result = ran(await h.engine.syncCompanies({ connectionId: id, pageSize: 4 }));
    expect(result).toMatchObject({ outcome: 'succeeded', flags: [], counts: { created: 8, quarantined: 1, removed: 0 } });
    expect((await picky.inner.companies.listActiveIds(id)).sort()).toEqual(h.sim.world.companies.ids().filter((c) => c !== refused).sort());
    expect(await picky.inner.quarantine.list(id)).toEqual([
      expect.objectContaining({ key: refused, reason: `storage refused the row: Error: value too long for this PSA's name column (row ${refused})`, record: expect.objectContaining({ id: refused, name: 'Please REFUSE me' }) }),
    ]);
    const created = (await h.engine.listChanges(id, { limit: 100 })).events.map((e) => e.entityId);
    expect(created).not.toContain(refused);
    expect(created).toHaveLength(8);
  });

  it('a failure that is not about one row (storage down) fails the run as before: nothing quarantined, the next run resumes', async () => {
    const picky = pickyStorage();
    h = await createHarness({ companies: 12, subscriptions: 0 }, { storage: picky.storage });
    const { id } = await h.connect();
    const result = ran(await h.engine.syncCompanies({ connectionId: id, pageSize: 4, onProgress: (p) => p.pagesDone === 1 && picky.goDown() }));
    expect(result).toMatchObject({ outcome: 'failed', pages: 1, error: 'Error: connection terminated unexpectedly' });
    expect(await picky.inner.quarantine.list(id)).toEqual([]);
    expect(await picky.inner.companies.count(id)).toBe(4);
  });

  it('a Pax8 company with U+0000 in its name on the memory adapter too: quarantined before storage, the others stored', async () => {
    h = await createHarness({ companies: 7, subscriptions: 0 });
    const [nul] = h.sim.world.companies.ids();
    h.sim.world.companies.update(nul!, { name: 'a\u0000b' });
    const lone = h.sim.world.companies.ids()[1]!;
    h.sim.world.companies.update(lone, { name: 'x\ud800y' });
    const { id } = await h.connect();
    expect(ran(await h.engine.syncCompanies({ connectionId: id }))).toMatchObject({ outcome: 'succeeded', counts: { created: 5, quarantined: 2 } });
    const quarantine = await h.storage.quarantine.list(id);
    expect(quarantine.map((q) => [q.key, q.reason])).toEqual(
      expect.arrayContaining([
        [nul, 'name: contains U+0000 (NUL), which storage cannot hold (replaced by U+FFFD in this quarantined copy)'],
        [lone, 'name: contains a lone surrogate (not valid Unicode), which storage cannot hold (replaced by U+FFFD in this quarantined copy)'],
      ]),
    );
    expect(JSON.stringify(h.storage.rawRows(id))).not.toMatch(/\\u0000|\\ud800/);
  });
});
