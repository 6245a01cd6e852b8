import { describe } from 'vitest';
import { readme, region } from './support/readme-region';

// #region readme-billing
import { createPax8Client } from '@pax8-sync/client';
import { createPax8Simulator } from '@pax8-sync/testing';
import { expect, it } from 'vitest';

it('charges what the subscriptions say, and the differences a reconciliation must find', async () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  const sim = createPax8Simulator({ seed: 19, companies: 6, subscriptions: 150, now: () => now });
  const client = createPax8Client({ ...sim.credentials, baseUrl: await sim.listen(), now: () => now });
  const monthly = sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && s.billingTerm === 'Monthly' && s.price > 0 });
  const [seats, currency] = monthly;

  sim.billing.script({ kind: 'seatCount', subscriptionId: seats!.id, quantity: seats!.quantity + 3 }); // Pax8 charges 3 seats more
  sim.billing.script({ kind: 'currency', subscriptionId: currency!.id, currencyCode: 'EUR' }); // in another currency

  const june = await client.invoices.draftItems.collect({ monthOffset: 0 }, { max: 10_000 });
  const line = (id: string) => june.find((item) => item.subscriptionId === id);
  expect(line(monthly[2]!.id)).toMatchObject({ quantity: monthly[2]!.quantity, price: monthly[2]!.price, currencyCode: monthly[2]!.currencyCode });
  expect(line(seats!.id)?.quantity).toBe(seats!.quantity + 3);
  expect(line(currency!.id)?.currencyCode).toBe('EUR');
  expect(sim.billing.discrepancies.map((d) => d.kind)).toEqual(['seatCount', 'currency']);
  await sim.close();
});
// #endregion readme-billing

// #region readme-billing-changes
it('bills a mid-month seat change as Pax8 does: a prorate line, or a credit, on the next invoice', async () => {
  const may = Date.parse('2026-05-20T12:00:00Z');
  const sim = createPax8Simulator({ seed: 19, companies: 6, subscriptions: 150, now: () => may });
  const client = createPax8Client({ ...sim.credentials, baseUrl: await sim.listen(), now: () => may });
  const [up, down] = sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && s.billingTerm === 'Monthly' && s.price > 0 && s.quantity > 2 });

  const added = sim.billing.change({ kind: 'prorate', subscriptionId: up!.id, quantity: up!.quantity + 3, date: '2026-04-20' });
  sim.billing.change({ kind: 'credit', subscriptionId: down!.id, quantity: down!.quantity - 2, date: '2026-04-10' });
  expect(added).toMatchObject({ seats: 3, daysLeft: 11, daysInMonth: 30, invoicedIn: '2026-05', amount: Math.round(3 * up!.price * (11 / 30) * 100) / 100 });

  // May's draft items are what May's invoice (issued on the 5th) charges: the new quantity, and the change's line.
  const mayItems = await client.invoices.draftItems.collect({ monthOffset: 0 }, { max: 10_000 });
  const lines = (id: string) => mayItems.filter((item) => item.subscriptionId === id).map((i) => [i.type, i.quantity, i.startPeriod, i.subTotal]);
  expect(lines(up!.id)).toEqual([['subscription', up!.quantity + 3, '2026-05-01', expect.any(Number)], ['prorate', 3, '2026-04-20', added.amount]]);
  expect(lines(down!.id)[1]).toEqual(['prorate', -2, '2026-04-10', expect.any(Number)]);
  expect((lines(down!.id)[1]![3] as number) < 0).toBe(true); // a credit
  await sim.close();
});
// #endregion readme-billing-changes

describe('README', () => {
  it('shows the billing example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-billing'));
  });
  it('shows the seat change example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-billing-changes'));
  });
});
