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

describe('README', () => {
  it('shows the billing example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-billing'));
  });
});
