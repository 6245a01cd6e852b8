import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases, testKey, uniqueSchema } from './support/databases';
import { schemaAtVersion } from './support/older-schema';
import { companyRow, subscriptionRow } from './support/rows';

for (const db of testDatabases()) {
  describe(`schema version 7: room on each page for in-place updates (#13) (${db.name})`, () => {
    const schema = uniqueSchema();
    beforeAll(() => db.open());
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });
    const fillfactors = async (name: string) =>
      Object.fromEntries(
        (
          await db.query<{ relname: string; options: string[] | null }>(
            `SELECT c.relname, c.reloptions AS options FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname IN ('companies', 'products', 'subscriptions', 'invoices', 'invoice_items', 'usage_summaries') ORDER BY c.relname`,
            [name],
          )
        ).map((r) => [r.relname, r.options?.find((o) => o.startsWith('fillfactor='))]),
      );

    it('a version-6 schema upgrades: only 0007 applies, the core record tables leave half of each page free, stored rows stay', async () => {
      await schemaAtVersion(db, schema, 6);
      const storage = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
      const companies = [companyRow('conn-h', 'co-1'), companyRow('conn-h', 'co-2')];
      await storage.companies.upsertMany(companies);
      expect(await storage.migrate()).toEqual({ applied: [{ version: 7, name: 'hot_updates' }], version: 7 });
      expect(await fillfactors(schema)).toEqual({
        companies: 'fillfactor=50',
        products: 'fillfactor=50',
        subscriptions: 'fillfactor=50',
        invoices: 'fillfactor=85',
        invoice_items: 'fillfactor=85',
        usage_summaries: 'fillfactor=85',
      });
      expect(await storage.companies.getMany('conn-h', ['co-1', 'co-2'])).toEqual(companies);
      expect(await storage.migrate()).toEqual({ applied: [], version: 7 });
    });

    it('a page of rows all changed in one transaction stays on its heap pages (no row moves, so no index is written)', async () => {
      const storage = await freshStorage(db);
      try {
        const rows = Array.from({ length: 120 }, (_, i) => subscriptionRow('conn-h', `sub-${String(i).padStart(3, '0')}`, `co-${i % 7}`));
        await storage.subscriptions.upsertMany(rows);
        const blocks = () => db.query<{ id: string; block: number }>(`SELECT id, (ctid::text::point)[0]::integer AS block FROM "${storage.schema}".subscriptions ORDER BY id`);
        const before = await blocks();
        expect(new Set(before.map((b) => b.block)).size).toBeGreaterThan(1);
        const changed = rows.map((r) => ({ ...r, hash: `${r.hash}-2`, quantity: r.quantity + 1, updatedRunId: 'run-2', updatedAt: 2 }));
        await storage.transaction((tx) => tx.subscriptions.upsertMany(changed));
        expect(await blocks()).toEqual(before);
        expect(await storage.subscriptions.getMany('conn-h', ['sub-000', 'sub-119'])).toEqual([changed[0], changed[119]]);
      } finally {
        await dropStorage(db, storage);
      }
    });
  });
}
