
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, collectFindings, isRecurringItem, PERIOD, psaLinesFromCharges, round2, storedItems } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const collect = collectFindings;
const round = round2;

describe('reconcile never adds amounts of different currencies (over HTTP against the simulator)', () => {
  it('a product charged in USD and EUR: the EUR charge is a currency-differs of its own, USD compared alone, totals per currency', async () => {
    const setup = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 } });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    // Two subscriptions of one product in one company, both charged in USD on the month's invoice, monthly recurring lines (seats, no term share), the product's only lines.
    const onInvoice = (await storedItems(h, connectionId)).filter((i) => i.invoiceId !== null);
    const charged = onInvoice.filter((i) => i.currencyCode === 'USD' && i.price > 0 && i.quantity > 0 && isRecurringItem(i) && i.data.term === 'Monthly');
    const subs = new Map((await h.storage.subscriptions.list(connectionId, { limit: 10_000 })).items.map((s) => [s.id, s]));
    const byGroup = new Map<string, typeof charged>();
    for (const i of charged) if (subs.get(i.subscriptionId!)?.status === 'Active') byGroup.set(`${i.companyId}/${i.productId}`, [...(byGroup.get(`${i.companyId}/${i.productId}`) ?? []), i]);
    const pair = [...byGroup.values()].find((items) => items.length === 2 && (onInvoice.filter((c) => c.companyId === items[0]!.companyId && c.productId === items[0]!.productId).length === 2))!;
    expect(pair).toBeDefined();
    const [usd, eur] = pair;
    const psaLines = await psaLinesFromCharges(h, connectionId); // every line in USD, as before
    h.sim.billing.script({ kind: 'currency', subscriptionId: eur!.subscriptionId!, currencyCode: 'EUR' });
    ran(await h.engine.syncInvoices({ connectionId }));

    const pass = h.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    const findings = await collect(pass.findings);
    expect(findings.every((f) => f.pax8CompanyId === usd!.companyId && f.productId === usd!.productId)).toBe(true);
    const differs = findings.filter((f) => f.kind === 'currency-differs');
    expect(differs).toEqual([expect.objectContaining({ currency: 'EUR', pax8: expect.objectContaining({ currency: 'EUR', quantity: eur!.quantity, amount: round(eur!.quantity * eur!.price) }), psa: null, amountAtStake: round(eur!.quantity * eur!.price) })]);
    // USD on its own: Pax8's USD charge is the other subscription's only (never USD + EUR added).
    for (const f of findings.filter((x) => x.kind !== 'currency-differs')) expect(f).toMatchObject({ currency: 'USD', pax8: { currency: 'USD', amount: round(usd!.quantity * usd!.price) }, psa: { currency: 'USD' } });
    const summary = await pass.summary();
    expect(summary.total.byCurrency.EUR).toBe(round(eur!.quantity * eur!.price));
    expect(summary.total.amountAtStake).toBe(Object.keys(summary.total.byCurrency).length === 1 ? summary.total.byCurrency.EUR : null);
    expect(summary.companies[0]!.amountAtStake).toBe(summary.total.amountAtStake);
  });
});
