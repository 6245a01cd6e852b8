import { collectRecords, type InvoiceItemRecord, type ReconcileFinding, type SubscriptionRecord, type Pax8SyncStorage } from '@pax8-sync/core';
import type { Pax8BillingDiscrepancy, Pax8Simulator } from '@pax8-sync/testing';
import type { PsaMistakes } from './psa-billing';

/** The differences the example plants, one subscription each: six scripted in Pax8, four made by the PSA (the last on the subscription with a prorate line). */
export const plannedDifferences = [
  { name: 'pax8-seat-count', kind: 'seat-count-differs', says: 'Pax8 charges 5 seats more than the subscription has' },
  { name: 'pax8-charged-after-cancel', kind: 'billed-but-cancelled', says: 'cancelled in May, Pax8 still charges it, the PSA still bills it' },
  { name: 'pax8-charged-after-removal', kind: 'billed-but-removed', says: 'gone from Pax8\'s listing, still charged and billed' },
  { name: 'pax8-price-below-cost', kind: 'price-below-cost', says: 'the customer price set to 80 % of the partner cost' },
  { name: 'pax8-trial-converted', kind: 'trial-converted', says: 'a trial the PSA never billed converted to paid' },
  { name: 'pax8-currency', kind: 'currency-differs', says: 'Pax8 charges it in EUR, the PSA bills USD' },
  { name: 'psa-missing-line', kind: 'charged-not-billed', says: 'the PSA has no line for it' },
  { name: 'psa-bills-cancelled', kind: 'billed-but-cancelled', says: 'cancelled in Pax8 in May, the PSA kept billing it' },
  { name: 'psa-wrong-quantity', kind: 'seat-count-differs', says: 'the PSA bills 2 seats more than Pax8 charges' },
  { name: 'psa-one-seat-short', kind: 'seat-count-differs', says: 'seats added mid-May (a prorate line): the PSA bills one seat fewer than the new quantity' },
] as const satisfies readonly { name: string; kind: ReconcileFinding['kind']; says: string }[];

/** One planted difference and the subscription it is on (as synced before it was planted). */
export type PlantedDifference = (typeof plannedDifferences)[number] & { subscription: SubscriptionRecord };

/**
 * Subscriptions a difference can be planted on and told apart by: active, started, priced, billed
 * monthly, charged on the month's invoice, and alone of their product in their company (a finding is
 * per company and product), and not one of `exclude` (the issued billing's). In storage order, so every run picks the same ones.
 */
export async function eligibleSubscriptions(storage: Pax8SyncStorage, connectionId: string, items: readonly InvoiceItemRecord[], now: number, exclude: readonly string[] = []): Promise<SubscriptionRecord[]> {
  const subscriptions = (await collectRecords(storage.subscriptions, connectionId)).filter((s) => !exclude.includes(s.id));
  const charged = new Set(items.map((i) => i.subscriptionId));
  const perGroup = new Map<string, number>();
  const group = (s: SubscriptionRecord) => `${s.companyId}/${s.productId}`;
  for (const s of subscriptions) perGroup.set(group(s), (perGroup.get(group(s)) ?? 0) + 1);
  const started = (s: SubscriptionRecord) => typeof s.data.startDate !== 'string' || Date.parse(s.data.startDate.slice(0, 10)) <= now;
  return subscriptions.filter((s) => s.status === 'Active' && s.data.billingTerm === 'Monthly' && Number(s.data.price) > 0 && Number(s.data.partnerCost) > 0 && charged.has(s.id) && perGroup.get(group(s)) === 1 && started(s) && s.quantity > 0);
}

/** Picks one eligible subscription per planned difference; `psa-one-seat-short` goes on `prorated` (the subscription with a prorate line). */
export function pickSubscriptions(eligible: readonly SubscriptionRecord[], prorated: SubscriptionRecord): PlantedDifference[] {
  const needed = plannedDifferences.length - 1;
  if (eligible.length < needed) throw new Error(`the simulated tenant has ${eligible.length} subscriptions to plant differences on; ${needed} are needed`);
  let next = 0;
  return plannedDifferences.map((d) => ({ ...d, subscription: d.name === 'psa-one-seat-short' ? prorated : (eligible[next++] as SubscriptionRecord) }));
}

/** What the PSA gets wrong: the missing line, the trial it never billed, the wrong quantities (2 seats more; one fewer than a prorated subscription's new quantity). */
export function psaMistakesOf(planted: readonly PlantedDifference[]): PsaMistakes {
  const on = (name: PlantedDifference['name']) => planted.find((p) => p.name === name)?.subscription as SubscriptionRecord;
  return {
    missing: [on('psa-missing-line').id, on('pax8-trial-converted').id],
    quantity: new Map([
      [on('psa-wrong-quantity').id, on('psa-wrong-quantity').quantity + 2],
      [on('psa-one-seat-short').id, on('psa-one-seat-short').quantity - 1],
    ]),
  };
}

const scripts: Partial<Record<PlantedDifference['name'], (s: SubscriptionRecord) => Pax8BillingDiscrepancy>> = {
  'pax8-seat-count': (s) => ({ kind: 'seatCount', subscriptionId: s.id, quantity: s.quantity + 5 }),
  'pax8-charged-after-cancel': (s) => ({ kind: 'chargedAfterCancel', subscriptionId: s.id }),
  'pax8-charged-after-removal': (s) => ({ kind: 'chargedAfterCancel', subscriptionId: s.id, removed: true }),
  'pax8-price-below-cost': (s) => ({ kind: 'priceBelowCost', subscriptionId: s.id }),
  'pax8-trial-converted': (s) => ({ kind: 'trialConverted', subscriptionId: s.id }),
  'pax8-currency': (s) => ({ kind: 'currency', subscriptionId: s.id, currencyCode: 'EUR' }),
};

/**
 * Plants Pax8's side in the simulator: the six scripted discrepancies (`sim.billing.script`), and
 * the cancellation the PSA never heard of (the subscription ended on the 1st of the month before, so Pax8
 * charges nothing for the month).
 */
export function plantInPax8(sim: Pax8Simulator, planted: readonly PlantedDifference[], period: string): void {
  for (const p of planted) {
    const script = scripts[p.name];
    if (script) sim.billing.script(script(p.subscription));
    else if (p.name === 'psa-bills-cancelled') {
      const [year, month] = period.split('-').map(Number) as [number, number];
      sim.world.subscriptions.update(p.subscription.id, { status: 'Cancelled', endDate: new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10) });
    }
  }
}
