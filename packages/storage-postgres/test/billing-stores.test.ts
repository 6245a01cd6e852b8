import type { BillingStores, InvoiceItemRecord, RunCounts } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoiceRow, itemRow, usageRow } from './support/billing-rows';
import { emptyStorage, testDatabases, useFreshStorage } from './support/databases';
import { companyRow } from './support/rows';

const zero: RunCounts = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

/** Items of conn-a over two invoices' and one draft's scopes, one removed, and one item of conn-b. */
const items = (): InvoiceItemRecord[] => [
  itemRow('conn-a', 'i-01', 'co-1', '2026-10', 'inv-10'),
  itemRow('conn-a', 'i-02', 'co-2', '2026-10', 'inv-10'),
  itemRow('conn-a', 'i-03', 'co-1', '2026-11'),
  itemRow('conn-a', 'i-04', 'co-2', '2026-11'),
  { ...itemRow('conn-a', 'i-05', 'co-3', '2026-11'), removedAt: 5 },
  itemRow('conn-a', 'i-06', 'co-1', '2026-11'),
  itemRow('conn-a', 'i-07', 'co-1', '2026-11', 'inv-11'),
  itemRow('conn-b', 'i-08', 'co-1', '2026-11'),
];

for (const db of testDatabases()) {
  describe(`billing stores (${db.name})`, () => {
    const fresh = useFreshStorage(db);
    let storage: PostgresStorage;
    let billing: BillingStores;
    beforeAll(() => {
      storage = fresh();
      billing = storage.billing;
    });
    beforeEach(() => emptyStorage(db, storage));

    it('declares billing and gives back every column verbatim: nulls, booleans, fractions, odd text; an upsert replaces the row', async () => {
      expect(storage.capabilities.billing).toBe(true);
      const odd = '\uFEFFdraft:2026-11 \u2028 😀 ‮';
      const item = { ...itemRow('conn-a', '\uFEFFi-1', 'co-1', '2026-11'), scope: odd, subscriptionId: null, productId: null, price: 0.1, cost: -3.3333333333333335, billedByPax8: true, chargeType: 'Flat 😀' };
      const invoice = invoiceRow('conn-a', 'inv-1', '2026-11', null);
      const usage = usageRow('conn-a', 'u-1', 'sub-1', 'co-1', '2026-11');
      await billing.invoiceItems.upsertMany([item]);
      await billing.invoices.upsertMany([invoice, { ...invoice, id: 'inv-2', companyId: 'co-1', currencyCode: '' }]);
      await billing.usageSummaries.upsertMany([usage]);
      expect(await billing.invoiceItems.getMany('conn-a', [item.id])).toEqual([item]);
      expect(JSON.stringify((await billing.invoiceItems.getMany('conn-a', [item.id]))[0])).toBe(JSON.stringify(item));
      expect(await billing.invoices.getMany('conn-a', ['inv-1'])).toEqual([invoice]);
      expect(await billing.usageSummaries.getMany('conn-a', ['u-1'])).toEqual([usage]);

      const changed = { ...item, invoiceId: 'inv-1', scope: 'invoice:inv-1', quantity: 7, billedByPax8: false, updatedAt: 2 };
      await billing.invoiceItems.upsertMany([changed]);
      expect(await billing.invoiceItems.getMany('conn-a', [item.id])).toEqual([changed]);
      // The filters run on real columns, not on the JSON.
      expect(await db.query(`SELECT scope, period, invoice_id, billed_by_pax8, quantity FROM "${storage.schema}".invoice_items`)).toEqual([
        { scope: 'invoice:inv-1', period: '2026-11', invoice_id: 'inv-1', billed_by_pax8: false, quantity: 7 },
      ]);
    });

    it('list, listActiveIds and count honour scopes, periods and companyIds, alone and together; an empty list matches nothing', async () => {
      await billing.invoiceItems.upsertMany(items());
      const s = billing.invoiceItems;
      expect(ids((await s.list('conn-a', { scopes: ['draft:2026-11'] })).items)).toEqual(['i-03', 'i-04', 'i-06']);
      expect(ids((await s.list('conn-a', { scopes: ['draft:2026-11'], includeRemoved: true })).items)).toEqual(['i-03', 'i-04', 'i-05', 'i-06']);
      expect(ids((await s.list('conn-a', { scopes: ['invoice:inv-10', 'invoice:inv-11'] })).items)).toEqual(['i-01', 'i-02', 'i-07']);
      expect(ids((await s.list('conn-a', { periods: ['2026-10'] })).items)).toEqual(['i-01', 'i-02']);
      expect(ids((await s.list('conn-a', { companyIds: ['co-1'], periods: ['2026-11'] })).items)).toEqual(['i-03', 'i-06', 'i-07']);
      expect(ids((await s.list('conn-a', { companyIds: ['co-1'], periods: ['2026-11'], scopes: ['draft:2026-11'] })).items)).toEqual(['i-03', 'i-06']);
      const first = await s.list('conn-a', { scopes: ['draft:2026-11'], limit: 2 });
      expect([ids(first.items), first.nextCursor]).toEqual([['i-03', 'i-04'], 'i-04']);
      const second = await s.list('conn-a', { scopes: ['draft:2026-11'], limit: 2, after: first.nextCursor ?? undefined });
      expect([ids(second.items), second.nextCursor]).toEqual([['i-06'], null]);

      expect(await s.listActiveIds('conn-a', { companyIds: ['co-2', 'co-3'] })).toEqual(['i-02', 'i-04']);
      expect(await s.listActiveIds('conn-a', { scopes: ['draft:2026-11'], periods: ['2026-11'] })).toEqual(['i-03', 'i-04', 'i-06']);
      expect(await s.count('conn-a', { scopes: ['draft:2026-11'] })).toBe(3);
      expect(await s.count('conn-a', { scopes: ['draft:2026-11'], includeRemoved: true })).toBe(4);
      expect(await s.count('conn-a', { periods: ['2026-11'], companyIds: ['co-1'] })).toBe(3);
      expect(await s.count('conn-b', { periods: ['2026-11'] })).toBe(1);

      for (const empty of [{ scopes: [] }, { periods: [] }, { companyIds: [] }, { scopes: ['draft:2026-11'], periods: [] }]) {
        expect((await s.list('conn-a', { ...empty, includeRemoved: true })).items).toEqual([]);
        expect(await s.listActiveIds('conn-a', empty)).toEqual([]);
        expect(await s.count('conn-a', { ...empty, includeRemoved: true })).toBe(0);
      }
    });

    it('invoices filter by their company (never matching one without a company) and usage summaries by scope and period', async () => {
      await billing.invoices.upsertMany([invoiceRow('conn-a', 'inv-1', '2026-10', 'co-1'), invoiceRow('conn-a', 'inv-2', '2026-11', null), invoiceRow('conn-a', 'inv-3', '2026-11', 'co-2')]);
      expect(await billing.invoices.listActiveIds('conn-a', { companyIds: ['co-1', 'co-2'] })).toEqual(['inv-1', 'inv-3']);
      expect(await billing.invoices.listActiveIds('conn-a', { scopes: ['invoices:2026-11'] })).toEqual(['inv-2', 'inv-3']);
      expect(await billing.invoices.count('conn-a', { periods: ['2026-10', '2026-12'] })).toBe(1);

      await billing.usageSummaries.upsertMany([usageRow('conn-a', 'u-1', 'sub-1', 'co-1', '2026-10'), usageRow('conn-a', 'u-2', 'sub-1', 'co-1', '2026-11'), usageRow('conn-a', 'u-3', 'sub-2', 'co-2', '2026-11')]);
      expect(ids((await billing.usageSummaries.list('conn-a', { scopes: ['usage:sub-1:2026-11'] })).items)).toEqual(['u-2']);
      expect(ids((await billing.usageSummaries.list('conn-a', { periods: ['2026-11'], companyIds: ['co-2'] })).items)).toEqual(['u-3']);
    });

    it('the filters a store does not have are ignored: companies and subscriptions list everything whatever scopes or periods say', async () => {
      await storage.companies.upsertMany([companyRow('conn-a', 'co-1'), companyRow('conn-a', 'co-2')]);
      expect(ids((await storage.companies.list('conn-a', { scopes: [], periods: ['2026-11'], companyIds: [] })).items)).toEqual(['co-1', 'co-2']);
      expect(await storage.companies.count('conn-a', { scopes: [] })).toBe(2);
    });

    it('removal by scope: the unseen rows of a pull are only those of the scopes it listed', async () => {
      await billing.invoiceItems.upsertMany(items());
      await storage.runs.start({ id: 'run-d', connectionId: 'conn-a', entity: 'subscriptions', pullId: 'pull-d', resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: zero, error: null, flags: [] });
      // The pull of the November draft listed i-04 only (i-05 is already removed).
      await storage.runs.checkpoint({ runId: 'run-d', checkpoint: { page: 0 }, counts: zero, seenIds: ['i-04'], page: 0 });
      const draft = { scopes: ['draft:2026-11'] };
      expect(await billing.invoiceItems.count('conn-a', { ...draft, notSeenBy: 'pull-d' })).toBe(2);
      expect(await billing.invoiceItems.count('conn-a', { notSeenBy: 'pull-d' })).toBe(5);
      const page = await billing.invoiceItems.listUnseen('conn-a', 'pull-d', { ...draft, limit: 1 });
      expect([ids(page.items), page.nextCursor]).toEqual([['i-03'], 'i-03']);
      const rest = await billing.invoiceItems.listUnseen('conn-a', 'pull-d', { ...draft, after: page.nextCursor ?? undefined });
      expect([ids(rest.items), rest.nextCursor]).toEqual([['i-06'], null]);
      expect(rest.items[0]).toEqual(items()[5]);
      expect((await billing.invoiceItems.listUnseen('conn-a', 'pull-d', { scopes: [] })).items).toEqual([]);
      expect(ids((await billing.invoiceItems.listUnseen('conn-a', 'pull-d', { periods: ['2026-11'], companyIds: ['co-1'] })).items)).toEqual(['i-03', 'i-06', 'i-07']);

      // The engine marks them removed: the draft's unseen set is empty, the invoices' items are untouched.
      await billing.invoiceItems.upsertMany([...page.items, ...rest.items].map((r) => ({ ...r, removedAt: 9 })));
      expect(await billing.invoiceItems.count('conn-a', { ...draft, notSeenBy: 'pull-d' })).toBe(0);
      expect(await billing.invoiceItems.listActiveIds('conn-a', { scopes: ['invoice:inv-10', 'invoice:inv-11'] })).toEqual(['i-01', 'i-02', 'i-07']);
    });

    it('the stores are there inside transactions: a rolled-back write leaves nothing, a committed one lands', async () => {
      const failed = await storage
        .transaction(async (tx) => {
          await tx.billing?.invoiceItems.upsertMany(items());
          await tx.billing?.invoices.upsertMany([invoiceRow('conn-a', 'inv-1', '2026-11', 'co-1')]);
          expect(await tx.billing?.invoiceItems.count('conn-a', { periods: ['2026-11'] })).toBe(4);
          throw new Error('stop');
        })
        .catch((e: unknown) => e);
      expect(failed).toEqual(new Error('stop'));
      expect(await billing.invoiceItems.count('conn-a', { includeRemoved: true })).toBe(0);
      expect(await billing.invoices.count('conn-a')).toBe(0);
      await storage.transaction(async (tx) => {
        await tx.billing?.usageSummaries.upsertMany([usageRow('conn-a', 'u-1', 'sub-1', 'co-1', '2026-11')]);
      });
      expect(await billing.usageSummaries.listActiveIds('conn-a')).toEqual(['u-1']);
    });

    it('purgeConnection deletes the billing rows of the connection and only those', async () => {
      await billing.invoiceItems.upsertMany(items());
      await billing.invoices.upsertMany([invoiceRow('conn-a', 'inv-1', '2026-11', 'co-1'), invoiceRow('conn-b', 'inv-1', '2026-11', 'co-1')]);
      await billing.usageSummaries.upsertMany([usageRow('conn-a', 'u-1', 'sub-1', 'co-1', '2026-11'), usageRow('conn-b', 'u-1', 'sub-1', 'co-1', '2026-11')]);
      await storage.purgeConnection('conn-a');
      for (const store of [billing.invoices, billing.invoiceItems, billing.usageSummaries]) {
        expect(await store.count('conn-a', { includeRemoved: true })).toBe(0);
        expect(await store.count('conn-b', { includeRemoved: true })).toBe(1);
      }
    });
  });
}
