import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases } from './support/databases';
import { type LoggedStatement, planOf, recording } from './support/recording';
import { subscriptionRow } from './support/rows';

// The engine reads each page's stored rows with getMany before it diffs them. On tables never
// analyzed (a new customer's first sync; a server with autovacuum off) `id = ANY($ids)` was planned
// as a scan of all the connection's rows filtered by the list, so every page cost more as the table
// grew: 23 ms a page at 50k rows, a quadratic sync. The read must be one key lookup per id whatever
// the statistics say. This reads the plan (EXPLAIN), it does not time anything.
const ROWS = 3_000;

for (const db of testDatabases()) {
  describe(`getMany plans as key lookups on unanalyzed tables (${db.name})`, () => {
    const log: LoggedStatement[] = [];
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = await freshStorage(db, { client: recording(db, log) });
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });

    it('returns each stored id once (duplicates and unknown ids asked too), through the primary key, not a filter over the connection', async () => {
      const ids = Array.from({ length: ROWS }, (_, i) => `sub-${String(i).padStart(5, '0')}`);
      await storage.subscriptions.upsertMany(ids.map((id) => subscriptionRow('conn-get', id, `co-${id.slice(-1)}`)));
      await storage.subscriptions.upsertMany([subscriptionRow('conn-other', ids[5]!, 'co-x')]);
      const asked = [...ids.slice(1_000, 1_200), ids[1_000]!, ids[1_199]!, 'sub-unknown'];
      log.length = 0;

      const rows = await storage.subscriptions.getMany('conn-get', asked);
      expect(rows.map((r) => r.id).sort()).toEqual(ids.slice(1_000, 1_200));
      expect(rows.every((r) => r.connectionId === 'conn-get' && r.companyId === `co-${r.id.slice(-1)}`)).toBe(true);
      expect(await storage.subscriptions.getMany('conn-get', [])).toEqual([]);

      const reads = log.filter((s) => /^\s*SELECT/.test(s.text) && s.text.includes('subscriptions'));
      expect(reads).toHaveLength(1);
      const plan = await planOf(db, reads[0]!);
      expect(plan, plan).toMatch(/Index (Only )?Scan using subscriptions_pkey/);
      expect(plan, plan).toMatch(/Index Cond: \(\(connection_id = [^)]+\) AND \(id = /);
      expect(plan, plan).not.toMatch(/Filter: .*ANY/);
    });
  });
}
