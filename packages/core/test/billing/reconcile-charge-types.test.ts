import type { PsaBillingLine } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, collectFindings, eligibleSubscriptions, PERIOD, psaLinesFromCharges, round2, storedItems } from './billing-harness';
import { type InvoiceRewrites, rewritingFetch } from './invoice-rewrites';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Item = Record<string, unknown>;

/** Four mapped companies with June's invoices synced as Pax8 serves them, then `rewrites` set (the caller syncs again). */
async function setup() {
  const rewrites: InvoiceRewrites = {};
  const made = await billingHarness({ mapped: 4, sim: { subscriptions: 120, products: 10 }, engine: { fetch: rewritingFetch(rewrites) } });
  h = made.h;
  ran(await h.engine.syncInvoices({ connectionId: made.connectionId, pageSize: 200 }));
  return { ...made, rewrites };
}

describe('reconcile by charge type: seats from recurring lines, money from every line, terms at a month (over HTTP against the simulator)', () => {
  it('a recurring line of 10 seats, a prorate of 2 and a credit: no seat-count finding against a PSA billing 10; one seat short is one finding at the recurring price', async () => {
    const { connectionId, rewrites } = await setup();
    const [sub] = await eligibleSubscriptions(h!, connectionId);
    const monthly = (await psaLinesFromCharges(h!, connectionId)).filter((l) => l.pax8SubscriptionId !== sub!.id);
    // Pax8 charges 10 seats on the recurring line, a prorate of 2 seats added on the 20th, and a service credit.
    rewrites.items = (items) =>
      items.flatMap((i): Item[] => {
        if (i.subscriptionId !== sub!.id) return [i];
        const price = Number(i.price);
        const cost = Number(i.cost);
        return [
          { ...i, quantity: 10, subTotal: round2(10 * price), costTotal: round2(10 * cost) },
          { ...i, id: `${String(i.id)}-prorate`, type: 'prorate', quantity: 2, price: round2(price / 3), cost: round2(cost / 3), startPeriod: `${PERIOD}-20` },
          { ...i, id: `${String(i.id)}-credit`, type: 'service-credit', chargeType: 'flat', quantity: 1, price: -5, cost: -5 },
        ];
      });
    ran(await h!.engine.syncInvoices({ connectionId, pageSize: 200 }));
    const lines = (await storedItems(h!, connectionId)).filter((i) => i.subscriptionId === sub!.id && i.invoiceId !== null && i.removedAt === null);
    expect(lines.map((i) => [i.data.type, i.quantity]).sort()).toEqual([['prorate', 2], ['service-credit', 1], ['subscription', 10]]);
    const recurring = lines.find((i) => i.data.type === 'subscription')!;
    const prorate = lines.find((i) => i.data.type === 'prorate')!;
    const psaCompanyId = (await h!.storage.mappings.list(connectionId, { state: 'confirmed' })).find((m) => m.pax8CompanyId === sub!.companyId)!.psaCompanyId;
    const line: PsaBillingLine = { psaCompanyId, pax8ProductId: sub!.productId, pax8SubscriptionId: sub!.id, quantity: 10, unitPrice: recurring.price, currency: recurring.currencyCode, lineId: 'psa-ten' };

    expect(await collectFindings(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines: [...monthly, line] }).findings)).toEqual([]);

    const short = await collectFindings(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines: [...monthly, { ...line, quantity: 9 }] }).findings);
    expect(short).toEqual([
      expect.objectContaining({
        kind: 'seat-count-differs',
        subscriptionId: sub!.id,
        // Seats of the recurring line; money of all three lines (the credit negative); the unit price the recurring line's.
        pax8: expect.objectContaining({ quantity: 10, amount: round2(10 * recurring.price + 2 * prorate.price - 5), unitPrice: recurring.price }),
        amountAtStake: recurring.price,
      }),
    ]);
  });

  it('an annual line compares at a month: seats as charged, price and cost a twelfth, no price-below-cost against a monthly PSA price', async () => {
    const { connectionId, rewrites } = await setup();
    const [sub] = await eligibleSubscriptions(h!, connectionId);
    const psaLines = await psaLinesFromCharges(h!, connectionId); // monthly prices, as the PSA bills
    const at = psaLines.findIndex((l) => l.pax8SubscriptionId === sub!.id);
    const monthlyLine = psaLines[at]!;
    // Pax8 bills the subscription on an annual term this month: the year's price and cost per seat.
    rewrites.items = (items) => items.map((i) => (i.subscriptionId === sub!.id ? { ...i, term: 'Annual', price: round2(Number(i.price) * 12), cost: round2(Number(i.cost) * 12), endPeriod: '2027-05-31' } : i));
    ran(await h!.engine.syncInvoices({ connectionId, pageSize: 200 }));
    const annual = (await storedItems(h!, connectionId)).find((i) => i.subscriptionId === sub!.id && i.invoiceId !== null && i.removedAt === null)!;
    expect(annual.data.term).toBe('Annual');
    expect(annual.price).toBe(round2(monthlyLine.unitPrice * 12));

    expect(await collectFindings(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings)).toEqual([]);

    // One seat short: the money at stake is a month of one seat, not a year.
    psaLines[at] = { ...monthlyLine, quantity: monthlyLine.quantity - 1 };
    const short = await collectFindings(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(short).toEqual([
      expect.objectContaining({
        kind: 'seat-count-differs',
        subscriptionId: sub!.id,
        pax8: expect.objectContaining({ quantity: monthlyLine.quantity, amount: round2((annual.price * annual.quantity) / 12), unitPrice: round2(annual.price / 12), unitCost: round2(annual.cost / 12) }),
        amountAtStake: round2(annual.price / 12),
      }),
    ]);
  });
});
