import type { InvoiceItemRecord, InvoiceRecord, UsageSummaryRecord } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceRow, itemRow, usageRow } from './support/billing-rows';
import { dropStorage, freshStorage, testDatabases } from './support/databases';
import { type LoggedStatement, planOf, recording } from './support/recording';

// Reconcile reads one company at a time (its invoices of the month, then those invoices' items or the
// month's draft items, or its usage of the month). Each read must go through the company index, not
// walk the whole month of every company (which makes a 5,000-company reconcile quadratic), whether
// or not the tables were analyzed. This reads the plans (EXPLAIN), it does not time anything.
const COMPANIES = 120;
const co = (c: number) => `co-${String(c).padStart(3, '0')}`;
const conn = 'conn-rp';

function tenant(): { invoices: InvoiceRecord[]; items: InvoiceItemRecord[]; usage: UsageSummaryRecord[] } {
  const invoices: InvoiceRecord[] = [];
  const items: InvoiceItemRecord[] = [];
  const usage: UsageSummaryRecord[] = [];
  for (let c = 0; c < COMPANIES; c += 1) {
    invoices.push(invoiceRow(conn, `inv-${co(c)}-10`, '2026-10', co(c)), invoiceRow(conn, `inv-${co(c)}-09`, '2026-09', co(c)));
    for (let i = 0; i < 30; i += 1) items.push(itemRow(conn, `d-${co(c)}-${i}`, co(c), '2026-11'));
    for (let i = 0; i < 10; i += 1) items.push(itemRow(conn, `f-${co(c)}-${i}`, co(c), '2026-10', `inv-${co(c)}-10`));
    for (let s = 0; s < 6; s += 1) usage.push(usageRow(conn, `u-${co(c)}-${s}-11`, `sub-${co(c)}-${s}`, co(c), '2026-11'), usageRow(conn, `u-${co(c)}-${s}-10`, `sub-${co(c)}-${s}`, co(c), '2026-10'));
  }
  return { invoices, items, usage };
}

for (const db of testDatabases()) {
  describe(`reconcile's reads of one company use the company indexes (${db.name})`, () => {
    const log: LoggedStatement[] = [];
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = await freshStorage(db, { client: recording(db, log) });
      const { invoices, items, usage } = tenant();
      await storage.billing.invoices.upsertMany(invoices);
      await storage.billing.invoiceItems.upsertMany(items);
      await storage.billing.usageSummaries.upsertMany(usage);
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });

    /** Runs reconcile's four reads for company 42, checks their answers, and returns each one's plan. */
    async function reads(): Promise<Record<string, string>> {
      const b = storage.billing;
      const companyIds = [co(42)];
      log.length = 0;
      expect(await b.invoices.listActiveIds(conn, { scopes: ['invoices:2026-10'], companyIds })).toEqual([`inv-${co(42)}-10`]);
      expect((await b.invoiceItems.list(conn, { scopes: [`invoice:inv-${co(42)}-10`], companyIds })).items).toHaveLength(10);
      expect((await b.invoiceItems.list(conn, { scopes: ['draft:2026-11'], companyIds })).items).toHaveLength(30);
      expect((await b.usageSummaries.list(conn, { periods: ['2026-11'], companyIds })).items).toHaveLength(6);
      // And a PSA reading one customer's lines of every month and scope (bench:reconcile's PSA side does).
      expect((await b.invoiceItems.list(conn, { companyIds, limit: 500 })).items).toHaveLength(40);
      expect(log).toHaveLength(5);
      const [invoices, invoiceItems, draftItems, usage, companyItems] = await Promise.all(log.map((s) => planOf(db, s)));
      return { invoices: invoices ?? '', invoiceItems: invoiceItems ?? '', draftItems: draftItems ?? '', usage: usage ?? '', companyItems: companyItems ?? '' };
    }

    // Whichever index the planner takes, the company is part of its index condition: one company's
    // rows are read, never the whole month of every company filtered down to it.
    const expectCompanyIndexes = (plans: Record<string, string>) => {
      for (const [read, plan] of Object.entries(plans)) {
        expect(plan, `${read}: ${plan}`).toMatch(/Index Cond: [^\n]*company_id = /);
        expect(plan, `${read}: ${plan}`).not.toMatch(/Filter: \(company_id/);
      }
    };

    it('on tables never analyzed', async () => {
      expectCompanyIndexes(await reads());
    });

    it('after ANALYZE', async () => {
      await db.script(`ANALYZE "${storage.schema}".invoices; ANALYZE "${storage.schema}".invoice_items; ANALYZE "${storage.schema}".usage_summaries;`);
      expectCompanyIndexes(await reads());
    });
  });
}
