import type { InvoiceItemRecord } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemRow } from './support/billing-rows';
import { testDatabases, useFreshStorage } from './support/databases';
import { companyRow } from './support/rows';

// upsertMany sends each column as a typed array parameter: these are the values an array literal
// could get wrong (the word NULL, quotes, braces, commas, backslashes, blanks, empty strings).
const awkward = ['NULL', 'null', '', ' ', '  padded  ', '{a,b}', '{}', 'a"b', 'back\\slash', '\\"', 'comma, here', '(1,2)', "it's", '\t\n\r', 'ROW(1)', '[1,2]'];

for (const db of testDatabases()) {
  describe(`upsertMany through column arrays keeps awkward values (${db.name})`, () => {
    const fresh = useFreshStorage(db);
    let storage: PostgresStorage;
    beforeAll(() => {
      storage = fresh();
    });

    it('text columns, ids and data hold each awkward string verbatim; nullable columns keep null apart from the string NULL', async () => {
      const companies = awkward.map((v, i) => ({ ...companyRow('conn-x', `${v}#${i}`), name: v, status: v, hash: v, data: { [v]: v, n: i } }));
      await storage.companies.upsertMany(companies);
      expect(await storage.companies.getMany('conn-x', companies.map((c) => c.id))).toEqual(expect.arrayContaining(companies));
      expect((await storage.companies.list('conn-x')).items).toHaveLength(awkward.length);

      const items: InvoiceItemRecord[] = awkward.map((v, i) => ({ ...itemRow('conn-x', `i-${i}`, v, '2026-11'), scope: v, invoiceId: i % 2 === 0 ? null : v, productId: i % 2 === 0 ? v : null }));
      await storage.billing.invoiceItems.upsertMany(items);
      expect(await storage.billing.invoiceItems.getMany('conn-x', items.map((r) => r.id))).toEqual(expect.arrayContaining(items));
      expect(await storage.billing.invoiceItems.listActiveIds('conn-x', { scopes: ['NULL'] })).toEqual(['i-0']);
      expect(await storage.billing.invoiceItems.listActiveIds('conn-x', { companyIds: [''] })).toEqual(['i-2']);
      expect(await db.query(`SELECT id FROM "${storage.schema}".invoice_items WHERE invoice_id IS NULL ORDER BY id`)).toHaveLength(Math.ceil(awkward.length / 2));
    });

    it('numbers keep their value: fractions, negatives, large and tiny magnitudes, integer-valued floats; bigint times and a null removedAt', async () => {
      const values = [0, -0.5, 0.1, 1 / 3, 1e21, -1e-7, 5e-324, 1.7976931348623157e308, 123456789.12345679, 42];
      const items = values.map((v, i) => ({ ...itemRow('conn-n', `n-${i}`, 'co-1', '2026-11'), quantity: v, price: 1 - v, cost: -v / 2 || 0, createdAt: 1_780_000_000_000 + i, removedAt: i % 2 === 0 ? null : 1_780_000_000_123 }));
      await storage.billing.invoiceItems.upsertMany(items);
      const back = await storage.billing.invoiceItems.getMany('conn-n', items.map((r) => r.id));
      expect(back).toEqual(expect.arrayContaining(items));
      expect(back).toHaveLength(values.length);
    });
  });
}
