import { createPostgresStorage, loadMigrations } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceRow, itemRow } from './support/billing-rows';
import { type TestDatabase, tablesOf, testDatabases, testKey, uniqueSchema } from './support/databases';
import { companyRow } from './support/rows';

/** A schema at `version`, as an earlier release's migrate() left it (the same SQL and records). */
async function schemaAtVersion(db: TestDatabase, schema: string, version: number): Promise<void> {
  const older = (await loadMigrations()).filter((m) => m.version <= version);
  await db.script(
    `CREATE SCHEMA "${schema}";
     CREATE TABLE "${schema}".migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const m of older) {
    // One script per migration, in a transaction so the search_path does not stay on a pooled connection.
    await db.script(`BEGIN; SET LOCAL search_path TO "${schema}"; ${m.sql}\n; COMMIT;`);
    await db.query(`INSERT INTO "${schema}".migrations (version, name, checksum) VALUES ($1, $2, $3)`, [m.version, m.name, m.checksum]);
  }
}

for (const db of testDatabases()) {
  describe(`migrating a version-4 schema to billing (${db.name})`, () => {
    const schema = uniqueSchema();
    beforeAll(() => db.open());
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });

    it('applies 0005 only, keeps every stored row, and the billing stores work on the upgraded schema', async () => {
      await schemaAtVersion(db, schema, 4);
      const storage = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
      const companies = [companyRow('conn-u', 'co-1'), { ...companyRow('conn-u', 'co-2'), removedAt: 3 }];
      await storage.companies.upsertMany(companies);
      await storage.runs.start({ id: 'run-u', connectionId: 'conn-u', entity: 'companies', pullId: 'pull-u', resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: { created: 2, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, error: null, flags: [] });
      expect((await tablesOf(db, schema)).map((t) => t.table)).not.toContain('invoice_items');
      await expect(storage.billing.invoices.count('conn-u')).rejects.toThrow(/invoices/);

      expect(await storage.migrate()).toEqual({ applied: [{ version: 5, name: 'billing' }], version: 5 });
      expect(await storage.companies.getMany('conn-u', ['co-1', 'co-2'])).toEqual(expect.arrayContaining(companies));
      expect((await storage.runs.get('run-u'))?.counts.created).toBe(2);

      await storage.billing.invoices.upsertMany([invoiceRow('conn-u', 'inv-1', '2026-11', 'co-1')]);
      await storage.billing.invoiceItems.upsertMany([itemRow('conn-u', 'i-1', 'co-1', '2026-11', 'inv-1')]);
      expect(await storage.billing.invoiceItems.listActiveIds('conn-u', { scopes: ['invoice:inv-1'], companyIds: ['co-1'] })).toEqual(['i-1']);
      expect(await storage.billing.invoices.count('conn-u', { periods: ['2026-11'] })).toBe(1);
      expect(await storage.migrate()).toEqual({ applied: [], version: 5 });
    });
  });
}
