import type { RunCheckpointInput, SyncRun } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases, testKey, uniqueSchema } from './support/databases';
import { schemaAtVersion } from './support/older-schema';
import { type LoggedStatement, planOf, recording } from './support/recording';
import { companyRow } from './support/rows';

// Page marks (#13): a checkpoint's mark is one column of the slot row it already writes in run_pages,
// read back per (connection, entity) by pageMarks; getHashes reads only ids and hashes of active rows.

const zero = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };

const running = (connectionId: string, id: string, entity: SyncRun['entity'] = 'companies'): SyncRun => ({
  id, connectionId, entity, pullId: id, resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: zero, error: null, flags: [],
});

const page = (runId: string, slot: number, mark?: string): RunCheckpointInput => ({
  runId, checkpoint: { page: slot }, counts: zero, seenIds: [`co-${runId}-${slot}`], page: slot, ...(mark === undefined ? {} : { mark }),
});

for (const db of testDatabases()) {
  describe(`page marks on run_pages slots (${db.name})`, () => {
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = await freshStorage(db);
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });
    const slots = (connectionId: string) =>
      db.query<{ slot: number; mark: string | null; run_id: string }>(`SELECT slot, mark, run_id FROM "${storage.schema}".run_pages WHERE connection_id = $1 AND entity = 'companies' ORDER BY slot`, [connectionId]);

    it('a mark is stored in the slot row the checkpoint writes, read back by pageMarks, replaced or set NULL by the next pull at that slot', async () => {
      await storage.runs.start(running('conn-m', 'pull-1'));
      await storage.runs.checkpoint(page('pull-1', 0, 'content-0.rows-0'));
      await storage.runs.checkpoint(page('pull-1', 1, 'content-1.rows-1'));
      await storage.runs.checkpoint(page('pull-1', 2));
      expect(await slots('conn-m')).toEqual([
        { slot: 0, mark: 'content-0.rows-0', run_id: 'pull-1' },
        { slot: 1, mark: 'content-1.rows-1', run_id: 'pull-1' },
        { slot: 2, mark: null, run_id: 'pull-1' },
      ]);
      expect(await storage.runs.pageMarks!('conn-m', 'companies')).toEqual([{ page: 0, mark: 'content-0.rows-0' }, { page: 1, mark: 'content-1.rows-1' }]);
      expect(await storage.runs.pageMarks!('conn-m', 'subscriptions')).toEqual([]);

      await storage.runs.finish({ runId: 'pull-1', outcome: 'succeeded', finishedAt: 2, counts: zero, error: null, flags: [] });
      await storage.runs.clearSeen('conn-m', 'pull-1');
      await storage.runs.start(running('conn-m', 'pull-2'));
      await storage.runs.checkpoint(page('pull-2', 0));
      await storage.runs.checkpoint(page('pull-2', 1, 'content-1.rows-1b'));
      expect(await slots('conn-m')).toEqual([
        { slot: 0, mark: null, run_id: 'pull-2' },
        { slot: 1, mark: 'content-1.rows-1b', run_id: 'pull-2' },
        { slot: 2, mark: null, run_id: 'pull-1' },
      ]);
      expect(await storage.runs.pageMarks!('conn-m', 'companies')).toEqual([{ page: 1, mark: 'content-1.rows-1b' }]);
    });

    it('getHashes reads only ids and hashes of active rows, one primary-key lookup per id (no data, no scan of the connection)', async () => {
      const log: LoggedStatement[] = [];
      const recorded = createPostgresStorage({ client: recording(db, log), schema: storage.schema, encryptionKey: testKey });
      const ids = Array.from({ length: 2_000 }, (_, i) => `co-${String(i).padStart(5, '0')}`);
      await storage.companies.upsertMany(ids.map((id, i) => ({ ...companyRow('conn-h', id), hash: `h-${id}`, removedAt: i % 10 === 3 ? 9 : null })));
      await storage.companies.upsertMany([{ ...companyRow('conn-other', ids[100]!), hash: 'h-other' }]);
      const asked = [...ids.slice(100, 300), ids[100]!, 'co-unknown'];

      const hashes = await recorded.companies.getHashes!('conn-h', asked);
      const active = ids.slice(100, 300).filter((_, i) => (100 + i) % 10 !== 3);
      expect([...hashes].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(active.map((id) => ({ id, hash: `h-${id}` })));
      expect(await recorded.companies.getHashes!('conn-h', [])).toEqual([]);

      const reads = log.filter((s) => /^\s*SELECT/.test(s.text));
      expect(reads).toHaveLength(1);
      expect(reads[0]!.text).not.toMatch(/\bdata\b/);
      const plan = await planOf(db, reads[0]!);
      expect(plan, plan).toMatch(/Index (Only )?Scan using companies_(pkey|active_idx)/);
      expect(plan, plan).toMatch(/Index Cond: \(\(connection_id = [^)]+\) AND \(id = /);
      expect(plan, plan).not.toMatch(/Filter: .*ANY/);
    });
  });

  describe(`a version-5 schema's slots, migrated to page marks (${db.name})`, () => {
    const schema = uniqueSchema();
    beforeAll(() => db.open());
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });

    it('migrate applies only 0006; a slot an old-version checkpoint wrote has no mark, and keeps its seen ids and checkpoint', async () => {
      await schemaAtVersion(db, schema, 5);
      const storage = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
      await storage.runs.start(running('conn-u', 'pull-old'));
      // The checkpoint statement of the previous version: the slot row without a mark column.
      await db.query(
        `INSERT INTO "${schema}".run_pages (connection_id, entity, slot, pull_id, run_id, checkpoint, counts, ids)
         VALUES ('conn-u', 'companies', 0, 'pull-old', 'pull-old', '{"page":0}', $1::json, ARRAY['co-1', 'co-2'])`,
        [JSON.stringify(zero)],
      );
      await expect(storage.runs.checkpoint(page('pull-old', 1, 'too-early'))).rejects.toThrow(/mark/);

      expect(await storage.migrate()).toEqual({ applied: [{ version: 6, name: 'page_marks' }, { version: 7, name: 'hot_updates' }], version: 7 });
      expect(await storage.runs.pageMarks!('conn-u', 'companies')).toEqual([]);
      expect((await storage.runs.listSeen('conn-u', 'pull-old')).sort()).toEqual(['co-1', 'co-2']);
      expect((await storage.runs.get('pull-old'))?.checkpoint).toEqual({ page: 0 });

      await storage.runs.checkpoint(page('pull-old', 1, 'content.rows'));
      expect(await storage.runs.pageMarks!('conn-u', 'companies')).toEqual([{ page: 1, mark: 'content.rows' }]);
      expect(await storage.migrate()).toEqual({ applied: [], version: 7 });
    });
  });
}
