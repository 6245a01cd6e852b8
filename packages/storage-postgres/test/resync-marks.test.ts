import type { Pax8SyncStores, RecordStore, SubscriptionRecord } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases } from './support/databases';
import { engineOn, fakeClock, ran } from './support/engine-harness';

// 1,000 subscriptions in pages of 100: 10 pages.
const sync = { pageSize: 100, prefetch: 2, perCompanyMaxCompanies: 0 };
const PAGES = 10;

/** The storage, counting how the engine reads subscription rows: in full (`getMany`) or by hash alone. */
function counting(storage: PostgresStorage) {
  const calls = { getMany: 0, getHashes: 0 };
  const subs = (store: RecordStore<SubscriptionRecord>): RecordStore<SubscriptionRecord> => ({
    ...store,
    getMany: (connectionId, ids) => {
      calls.getMany += 1;
      return store.getMany(connectionId, ids);
    },
    getHashes: (connectionId, ids) => {
      calls.getHashes += 1;
      return store.getHashes!(connectionId, ids);
    },
  });
  const wrap = <T extends Pax8SyncStores>(stores: T): T => ({ ...stores, subscriptions: subs(stores.subscriptions) });
  const wrapped = { ...wrap(storage), transaction: ((fn, options) => storage.transaction((tx) => fn(wrap(tx)), options)) as PostgresStorage['transaction'] } as PostgresStorage;
  return { storage: wrapped, calls, reset: () => Object.assign(calls, { getMany: 0, getHashes: 0 }) };
}

for (const db of testDatabases()) {
  describe(`page marks through the engine (${db.name})`, () => {
    let sim: Pax8Simulator;
    let storage: PostgresStorage;

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 17, companies: 20, products: 8, subscriptions: 1_000, wait: async () => undefined });
      await sim.listen();
      storage = await freshStorage(db);
    });
    afterAll(async () => {
      await sim.close();
      await dropStorage(db, storage);
      await db.close();
    });

    it('slots without a mark (written by the previous version) are diffed once and marked; the next re-sync reads only hashes; a row changed in the database is diffed and put back', async () => {
      const count = counting(storage);
      const engine = engineOn({ ...count.storage, codec: storage.codec }, fakeClock(), 'm');
      const connection = await engine.createConnection({ name: 'pax8', environment: 'Production', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });
      const connectionId = connection.id;
      ran(await engine.syncCompanies({ connectionId }));
      for (const company of (await storage.companies.list(connectionId)).items) await engine.setMapping({ connectionId, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
      ran(await engine.syncSubscriptions({ connectionId, ...sync }));
      const s = `"${storage.schema}"`;
      const marks = async () => (await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${s}.run_pages WHERE connection_id = $1 AND entity = 'subscriptions' AND mark IS NOT NULL`, [connectionId]))[0]!.n;
      expect(Number(await marks())).toBe(PAGES);

      // As a process of the previous version leaves them: slots without marks.
      await db.query(`UPDATE ${s}.run_pages SET mark = NULL WHERE connection_id = $1`, [connectionId]);
      count.reset();
      const unmarked = ran(await engine.syncSubscriptions({ connectionId, ...sync }));
      expect(unmarked.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1_000 });
      expect(count.calls).toEqual({ getMany: PAGES, getHashes: 0 });
      expect(Number(await marks())).toBe(PAGES);

      count.reset();
      const marked = ran(await engine.syncSubscriptions({ connectionId, ...sync }));
      expect(marked.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1_000, removed: 0 });
      expect(count.calls).toEqual({ getMany: 0, getHashes: PAGES });

      // A row changed in the database behind the engine: its page is diffed and the row put back.
      const [row] = (await storage.subscriptions.list(connectionId, { limit: 1 })).items;
      await db.query(`UPDATE ${s}.subscriptions SET quantity = 999, hash = 'edited' WHERE connection_id = $1 AND id = $2`, [connectionId, row!.id]);
      count.reset();
      const restored = ran(await engine.syncSubscriptions({ connectionId, ...sync }));
      expect(restored.counts).toMatchObject({ created: 0, updated: 1, removed: 0 });
      expect(count.calls).toEqual({ getMany: 1, getHashes: PAGES });
      const [after] = await storage.subscriptions.getMany(connectionId, [row!.id]);
      expect({ quantity: after!.quantity, hash: after!.hash, data: after!.data }).toEqual({ quantity: row!.quantity, hash: row!.hash, data: row!.data });
    });
  });
}
