import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceRow, itemRow } from './support/billing-rows';
import { tablesOf, testDatabases, testKey, uniqueSchema } from './support/databases';
import { schemaAtVersion } from './support/older-schema';
import { companyRow } from './support/rows';

for (const db of testDatabases()) {
  describe(`migrating a version-4 schema to billing (${db.name})`, () => {
    const schema = uniqueSchema();
    beforeAll(() => db.open());
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });

    it('applies only what is new (0005, then 0006), keeps every stored row, and the billing stores work on the upgraded schema', async () => {
      await schemaAtVersion(db, schema, 4);
      const storage = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
      const companies = [companyRow('conn-u', 'co-1'), { ...companyRow('conn-u', 'co-2'), removedAt: 3 }];
      await storage.companies.upsertMany(companies);
      await storage.runs.start({ id: 'run-u', connectionId: 'conn-u', entity: 'companies', pullId: 'pull-u', resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: { created: 2, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, error: null, flags: [] });
      expect((await tablesOf(db, schema)).map((t) => t.table)).not.toContain('invoice_items');
      await expect(storage.billing.invoices.count('conn-u')).rejects.toThrow(/invoices/);

      expect(await storage.migrate()).toEqual({ applied: [{ version: 5, name: 'billing' }, { version: 6, name: 'page_marks' }, { version: 7, name: 'hot_updates' }], version: 7 });
      expect(await storage.companies.getMany('conn-u', ['co-1', 'co-2'])).toEqual(expect.arrayContaining(companies));
      expect((await storage.runs.get('run-u'))?.counts.created).toBe(2);

      await storage.billing.invoices.upsertMany([invoiceRow('conn-u', 'inv-1', '2026-11', 'co-1')]);
      await storage.billing.invoiceItems.upsertMany([itemRow('conn-u', 'i-1', 'co-1', '2026-11', 'inv-1')]);
      expect(await storage.billing.invoiceItems.listActiveIds('conn-u', { scopes: ['invoice:inv-1'], companyIds: ['co-1'] })).toEqual(['i-1']);
      expect(await storage.billing.invoices.count('conn-u', { periods: ['2026-11'] })).toBe(1);
      expect(await storage.migrate()).toEqual({ applied: [], version: 7 });
    });
  });
}
