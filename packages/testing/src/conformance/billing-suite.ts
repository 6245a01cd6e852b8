import type { InvoiceItemRecord, Pax8SyncStores, SyncedRecordBase } from '@pax8-sync/core';
import { billingOf, invoiceRow, itemRow, usageRow } from './billing-fixtures';
import { connectionRow, runRow } from './fixtures';
import type { SuiteContext } from './suite-context';

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
const zero = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };

/** Walks every page of `store.list` with `limit`, checking each page's cursor; returns the ids in order. */
async function walk<R extends SyncedRecordBase>(check: SuiteContext['check'], list: (after: string | undefined) => Promise<{ items: R[]; nextCursor: string | null }>): Promise<string[]> {
  const walked: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1_000; pages += 1) {
    const page = await list(after);
    walked.push(...ids(page.items));
    if (page.nextCursor === null) return walked;
    check.equal(page.nextCursor, page.items.at(-1)?.id, 'nextCursor is the last id of its page');
    after = page.nextCursor;
  }
  throw new Error('the listing never ended');
}

/** Items of two invoices and one draft month, of three companies, one removed: the filter tests' rows. */
function itemRows(conn: string): InvoiceItemRecord[] {
  return [
    itemRow(conn, 'i-01', 'inv-1', 'c-1', '2026-10'),
    itemRow(conn, 'i-02', 'inv-1', 'c-2', '2026-10'),
    itemRow(conn, 'i-03', 'inv-2', 'c-1', '2026-10'),
    itemRow(conn, 'i-04', null, 'c-1', '2026-11'),
    itemRow(conn, 'i-05', null, 'c-3', '2026-11'),
    { ...itemRow(conn, 'i-06', 'inv-1', 'c-1', '2026-10'), removedAt: 7_000 },
    itemRow(conn, 'i-07', 'inv-3', 'c-2', '2026-09'),
  ];
}

/** Billing (`capabilities.billing`): the three billing stores, their scope, period and company filters, removal candidates per scope, transactions and purge. */
export function billingSuite(ctx: SuiteContext): void {
  ctx.describe('billing (capability billing)', () => {
    roundTripTests(ctx);
    filterTests(ctx);
    paginationTests(ctx);
    unseenTests(ctx);
    transactionAndPurgeTests(ctx);
  });
}

function roundTripTests({ it, check, storage }: SuiteContext): void {
  it('each billing store writes and reads back whole rows (every column, nulls included), per connection', async () => {
    const b = billingOf(storage());
    const invoices = [invoiceRow('conn-a', 'inv-1', '2026-10'), invoiceRow('conn-a', 'inv-2', '2026-10', { companyId: null, total: 0, currencyCode: '', status: 'SomethingNew' })];
    const items = [itemRow('conn-a', 'inv-1#0', 'inv-1', 'c-1', '2026-10'), itemRow('conn-a', 'draft:2026-11#3', null, 'c-2', '2026-11', { subscriptionId: null, productId: null, billedByPax8: true, chargeType: '', price: 0, cost: 0.125 })];
    const usage = [usageRow('conn-a', 'u-1', 'sub-1', 'c-1', '2026-10', { productId: 'p-9', currencyCode: 'EUR' })];
    await b.invoices.upsertMany(invoices);
    await b.invoiceItems.upsertMany(items);
    await b.usageSummaries.upsertMany(usage);
    await b.invoices.upsertMany([invoiceRow('conn-b', 'inv-1', '2026-10', { total: 1 })]);
    check.equal(sortById(await b.invoices.getMany('conn-a', ['inv-2', 'inv-1', 'inv-1', 'missing'])), invoices, 'invoices');
    check.equal(sortById(await b.invoiceItems.getMany('conn-a', ids(items))), sortById(items), 'invoice and draft items');
    check.equal(await b.usageSummaries.getMany('conn-a', ['u-1']), usage, 'usage summaries');
    check.equal(await b.invoices.getMany('conn-b', ['inv-1', 'inv-2']), [invoiceRow('conn-b', 'inv-1', '2026-10', { total: 1 })], 'the other connection has its own row only');
    check.equal(await b.invoiceItems.getMany('conn-b', ids(items)), [], 'and no items');
    const moved = { ...items[0]!, scope: 'invoice:inv-9', period: '2026-12', invoiceId: 'inv-9', removedAt: 9_000 };
    await b.invoiceItems.upsertMany([moved]);
    check.equal(await b.invoiceItems.getMany('conn-a', [moved.id]), [moved], 'a row is replaced whole, its scope and period too');
    check.equal(await b.invoiceItems.count('conn-a', { scopes: ['invoice:inv-1'] }), 0, 'and leaves its old scope');
  });

  it('the three stores are separate tables: the same id in each is three rows', async () => {
    const b = billingOf(storage());
    await b.invoices.upsertMany([invoiceRow('conn-a', 'x-1', '2026-10')]);
    await b.invoiceItems.upsertMany([itemRow('conn-a', 'x-1', 'x-1', 'c-1', '2026-10')]);
    await b.usageSummaries.upsertMany([usageRow('conn-a', 'x-1', 'sub-1', 'c-1', '2026-10')]);
    check.equal([await b.invoices.count('conn-a'), await b.invoiceItems.count('conn-a'), await b.usageSummaries.count('conn-a')], [1, 1, 1], 'one row in each');
    check.equal((await b.invoiceItems.getMany('conn-a', ['x-1']))[0]?.scope, 'invoice:x-1', 'each keeps its own row');
  });
}

function filterTests({ it, check, storage }: SuiteContext): void {
  it('list, listActiveIds and count filter by scopes, periods and companyIds, alone and combined; an empty array matches nothing', async () => {
    const items = billingOf(storage()).invoiceItems;
    await items.upsertMany(itemRows('conn-a'));
    await items.upsertMany(itemRows('conn-b'));
    const cases: [string, Parameters<typeof items.listActiveIds>[1], string[]][] = [
      ['no filter', {}, ['i-01', 'i-02', 'i-03', 'i-04', 'i-05', 'i-07']],
      ['one scope', { scopes: ['invoice:inv-1'] }, ['i-01', 'i-02']],
      ['two scopes', { scopes: ['invoice:inv-2', 'draft:2026-11'] }, ['i-03', 'i-04', 'i-05']],
      ['an unknown scope', { scopes: ['invoice:none'] }, []],
      ['one period', { periods: ['2026-10'] }, ['i-01', 'i-02', 'i-03']],
      ['two periods', { periods: ['2026-09', '2026-11'] }, ['i-04', 'i-05', 'i-07']],
      ['companies', { companyIds: ['c-1', 'c-3'] }, ['i-01', 'i-03', 'i-04', 'i-05']],
      ['scope and company', { scopes: ['invoice:inv-1'], companyIds: ['c-2'] }, ['i-02']],
      ['period and company', { periods: ['2026-10'], companyIds: ['c-1'] }, ['i-01', 'i-03']],
      ['all three', { scopes: ['invoice:inv-1', 'draft:2026-11'], periods: ['2026-11'], companyIds: ['c-1'] }, ['i-04']],
      ['no scopes', { scopes: [] }, []],
      ['no periods', { periods: [] }, []],
      ['no companies', { companyIds: [] }, []],
      ['an empty array beside others', { scopes: ['invoice:inv-1'], companyIds: [] }, []],
    ];
    for (const [label, filter, expected] of cases) {
      check.equal(await items.listActiveIds('conn-a', filter), expected, `listActiveIds: ${label}`);
      check.equal(ids((await items.list('conn-a', filter)).items), expected, `list: ${label}`);
      check.equal(await items.count('conn-a', filter), expected.length, `count: ${label}`);
    }
    check.equal(ids((await items.list('conn-a', { scopes: ['invoice:inv-1'], includeRemoved: true })).items), ['i-01', 'i-02', 'i-06'], 'list with includeRemoved, within the scope');
    check.equal(await items.count('conn-a', { scopes: ['invoice:inv-1'], includeRemoved: true }), 3, 'count with includeRemoved, within the scope');
  });

  it('invoices filter by their companyId (an invoice without one matches no company filter), by scope and by period; usage summaries likewise', async () => {
    const { invoices, usageSummaries } = billingOf(storage());
    await invoices.upsertMany([
      invoiceRow('conn-a', 'inv-1', '2026-10', { companyId: 'c-1' }),
      invoiceRow('conn-a', 'inv-2', '2026-10', { companyId: null }),
      invoiceRow('conn-a', 'inv-3', '2026-11', { companyId: 'c-2' }),
    ]);
    check.equal(await invoices.listActiveIds('conn-a', { companyIds: ['c-1', 'c-2'] }), ['inv-1', 'inv-3'], 'by company: the partner invoice has none');
    check.equal(await invoices.listActiveIds('conn-a', { scopes: ['invoices:2026-10'] }), ['inv-1', 'inv-2'], 'by scope: with and without company');
    check.equal(ids((await invoices.list('conn-a', { periods: ['2026-11'] })).items), ['inv-3'], 'by period');
    check.equal(await invoices.count('conn-a', { scopes: ['invoices:2026-10'], companyIds: ['c-1'] }), 1, 'scope and company');
    await usageSummaries.upsertMany([
      usageRow('conn-a', 'u-1', 'sub-1', 'c-1', '2026-10'),
      usageRow('conn-a', 'u-2', 'sub-1', 'c-1', '2026-11'),
      usageRow('conn-a', 'u-3', 'sub-2', 'c-2', '2026-10'),
    ]);
    check.equal(await usageSummaries.listActiveIds('conn-a', { scopes: ['usage:sub-1:2026-10', 'usage:sub-2:2026-10'] }), ['u-1', 'u-3'], 'usage by scopes');
    check.equal(await usageSummaries.listActiveIds('conn-a', { periods: ['2026-11'] }), ['u-2'], 'usage by period');
    check.equal(await usageSummaries.count('conn-a', { companyIds: ['c-2'], periods: ['2026-10'] }), 1, 'usage by company and period');
    check.equal(await usageSummaries.listActiveIds('conn-a', { periods: [] }), [], 'no periods, no rows');
  });
}

function paginationTests({ it, check, storage }: SuiteContext): void {
  it('filtered listings page by keyset in code-point order, never stopping silently', async () => {
    const items = billingOf(storage()).invoiceItems;
    // Derived item ids hold the scope; code-point order puts the astral one after U+FF5E.
    const inScope = ['draft:2026-11#0', 'draft:2026-11#1', 'draft:2026-11#10', 'draft:2026-11#2', 'draft:2026-11#\u00e9', 'draft:2026-11#\uff5e', 'draft:2026-11#\u{1f600}'];
    const shuffled = [...inScope].reverse();
    await items.upsertMany(shuffled.map((id, i) => itemRow('conn-a', id, null, i % 2 === 0 ? 'c-1' : 'c-2', '2026-11')));
    // Rows of another scope and period whose ids sort between them.
    await items.upsertMany(['draft:2026-11#05', 'draft:2026-11#\u00e0', 'draft:2026-11#\u{1f601}'].map((id) => itemRow('conn-a', id, null, 'c-1', '2026-12', { scope: 'draft:2026-12' })));
    const filter = { scopes: ['draft:2026-11'] };
    check.equal(await items.listActiveIds('conn-a', filter), inScope, 'listActiveIds in code-point order');
    for (const limit of [1, 2, 3]) {
      check.equal(await walk(check, (after) => items.list('conn-a', { ...filter, limit, ...(after === undefined ? {} : { after }) })), inScope, `pages of ${limit} walk the scope's rows once, in order`);
    }
    const exact = await items.list('conn-a', { ...filter, limit: inScope.length });
    check.equal(exact.nextCursor, null, 'a page holding exactly the rest ends the listing, though rows of other scopes follow');
    check.equal(ids((await items.list('conn-a', { ...filter, after: 'draft:2026-11#\uff5e' })).items), ['draft:2026-11#\u{1f600}'], 'a page after U+FF5E holds the astral id');
    const byCompany = await walk(check, (after) => items.list('conn-a', { companyIds: ['c-1'], periods: ['2026-11', '2026-12'], limit: 2, ...(after === undefined ? {} : { after }) }));
    check.equal(byCompany, ['draft:2026-11#0', 'draft:2026-11#05', 'draft:2026-11#10', 'draft:2026-11#\u00e0', 'draft:2026-11#\u00e9', 'draft:2026-11#\u{1f600}', 'draft:2026-11#\u{1f601}'], 'company and periods across scopes, in code-point order');
  });
}

function unseenTests({ it, check, storage }: SuiteContext): void {
  it('removal candidates: count({ notSeenBy }) and listUnseen are limited to the scopes (and periods, companies) asked for', async () => {
    const s = storage();
    const items = billingOf(s).invoiceItems;
    await items.upsertMany(itemRows('conn-a'));
    await items.upsertMany(itemRows('conn-b'));
    await s.runs.start(runRow('conn-a', 'pull-1', { entity: 'subscriptions' }));
    await s.runs.checkpoint({ runId: 'pull-1', checkpoint: {}, counts: zero, seenIds: ['i-01', 'i-04', 'not-stored'], page: 0 });
    check.equal(await items.count('conn-a', { notSeenBy: 'pull-1', scopes: ['invoice:inv-1'] }), 1, 'in invoice inv-1 only i-02 is unseen (i-06 is removed already)');
    check.equal(await items.count('conn-a', { notSeenBy: 'pull-1', scopes: ['draft:2026-11'] }), 1, 'in the draft month only i-05');
    check.equal(await items.count('conn-a', { notSeenBy: 'pull-1', scopes: ['invoice:inv-1', 'invoice:inv-2'] }), 2, 'two scopes');
    check.equal(await items.count('conn-a', { notSeenBy: 'pull-1', scopes: [] }), 0, 'no scopes, no candidates');
    check.equal(await items.count('conn-a', { notSeenBy: 'pull-1' }), 4, 'without a filter, every unseen active row');
    check.equal(await items.count('conn-a', { notSeenBy: 'pull-1', periods: ['2026-10'], companyIds: ['c-1'] }), 1, 'by period and company');
    check.equal(ids((await items.listUnseen('conn-a', 'pull-1', { scopes: ['invoice:inv-1', 'draft:2026-11'] })).items), ['i-02', 'i-05'], 'listUnseen within the scopes');
    check.equal(await walk(check, (after) => items.listUnseen('conn-a', 'pull-1', { limit: 1, ...(after === undefined ? {} : { after }) })), ['i-02', 'i-03', 'i-05', 'i-07'], 'listUnseen pages in id order');
    check.equal((await items.listUnseen('conn-a', 'pull-1', { scopes: [] })).items, [], 'listUnseen: no scopes, no rows');
    check.equal((await items.listUnseen('conn-a', 'pull-1', { scopes: ['invoice:inv-1'] })).items, [itemRows('conn-a')[1]], 'whole rows, equal to what was written');
    check.equal(await items.count('conn-b', { notSeenBy: 'pull-1', scopes: ['invoice:inv-1'] }), 2, 'another connection is not touched by the pull');
    const usage = billingOf(s).usageSummaries;
    await usage.upsertMany([usageRow('conn-a', 'u-1', 'sub-1', 'c-1', '2026-10'), usageRow('conn-a', 'u-2', 'sub-2', 'c-1', '2026-10')]);
    check.equal(ids((await usage.listUnseen('conn-a', 'pull-1', { scopes: ['usage:sub-2:2026-10'] })).items), ['u-2'], 'usage summaries too');
  });
}

function transactionAndPurgeTests({ it, check, storage, options }: SuiteContext): void {
  const write = async (tx: Pax8SyncStores, conn: string) => {
    const b = billingOf(tx);
    await b.invoices.upsertMany([invoiceRow(conn, 'inv-1', '2026-10')]);
    await b.invoiceItems.upsertMany([itemRow(conn, 'i-1', 'inv-1', 'c-1', '2026-10')]);
    await b.usageSummaries.upsertMany([usageRow(conn, 'u-1', 'sub-1', 'c-1', '2026-10')]);
  };
  const counts = async (stores: Pax8SyncStores, conn: string) => {
    const b = billingOf(stores);
    const all = { includeRemoved: true };
    return [await b.invoices.count(conn, all), await b.invoiceItems.count(conn, all), await b.usageSummaries.count(conn, all)];
  };

  it('inside a transaction: writes are seen there and commit together; a rejection rolls back all three stores', async () => {
    const s = storage();
    await s.transaction(async (tx) => {
      await write(tx, 'conn-a');
      check.equal(await counts(tx, 'conn-a'), [1, 1, 1], 'seen inside the transaction');
      check.equal(await billingOf(tx).invoiceItems.listActiveIds('conn-a', { scopes: ['invoice:inv-1'] }), ['i-1'], 'filters work inside');
    });
    check.equal(await counts(s, 'conn-a'), [1, 1, 1], 'committed');
    const failure = new Error('rolled back on purpose');
    const before = await billingOf(s).invoiceItems.getMany('conn-a', ['i-1']);
    const error = await check.rejects(
      s.transaction(async (tx) => {
        const b = billingOf(tx);
        await b.invoiceItems.upsertMany([{ ...itemRow('conn-a', 'i-1', 'inv-1', 'c-1', '2026-10'), quantity: 99, removedAt: 5 }, itemRow('conn-a', 'i-2', null, 'c-1', '2026-11')]);
        await b.invoices.upsertMany([invoiceRow('conn-a', 'inv-2', '2026-11')]);
        await b.usageSummaries.upsertMany([usageRow('conn-a', 'u-2', 'sub-1', 'c-1', '2026-11')]);
        throw failure;
      }),
      'the transaction rejects',
    );
    check.ok(error === failure, 'with its own error');
    check.equal(await counts(s, 'conn-a'), [1, 1, 1], 'no row of the rolled-back transaction remains');
    check.equal(await billingOf(s).invoiceItems.getMany('conn-a', ['i-1']), before, 'the replaced row is back as it was');
    check.equal(await billingOf(s).invoiceItems.listActiveIds('conn-a', { scopes: ['draft:2026-11'] }), [], 'nor is the rolled-back scope listed');
  });

  it('purgeConnection removes the connection\'s invoices, items and usage summaries only', async () => {
    const s = storage();
    for (const conn of ['conn-a', 'conn-b']) {
      await s.connections.put(connectionRow(conn));
      await write(s, conn);
    }
    await s.purgeConnection('conn-a');
    check.equal(await counts(s, 'conn-a'), [0, 0, 0], 'billing rows purged');
    check.equal(await counts(s, 'conn-b'), [1, 1, 1], 'the other connection keeps its rows');
    check.equal(await billingOf(s).invoiceItems.getMany('conn-b', ['i-1']), [itemRow('conn-b', 'i-1', 'inv-1', 'c-1', '2026-10')], 'unchanged');
    if (options.raw) check.equal(await options.raw.rowsOfConnection(s, 'conn-a'), [], 'no raw row left');
  });

  const raw = options.raw;
  if (raw) {
    it('raw read-back: billing rows are stored rows of the connection, with their scope', async () => {
      const s = storage();
      await write(s, 'conn-raw');
      const dump = JSON.stringify(await raw.rowsOfConnection(s, 'conn-raw'));
      check.ok(dump.includes('invoices:2026-10') && dump.includes('invoice:inv-1') && dump.includes('usage:sub-1:2026-10'), 'each store\'s row is there with its scope');
    });
  }
}

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
