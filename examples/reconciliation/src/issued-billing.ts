import type { InvoiceItemRecord } from '@pax8-sync/core';
import type { Pax8ScriptedChange, Pax8SimSubscription, Pax8Simulator } from '@pax8-sync/testing';

/**
 * Lines the simulator issues as Pax8 does, which are no difference: the reconciliation must read
 * them right and report nothing for them (unless the PSA bills them wrong).
 */
export interface IssuedBilling {
  /** 3 seats added on May 20th: June's invoice has the recurring line at the new quantity and a `prorate` line for May 20th–31st. */
  prorate: Pax8ScriptedChange;
  /** 2 seats removed on May 11th: June's invoice has a credit (a `prorate` line of −2 seats, a negative amount) for May 11th–31st. */
  credit: Pax8ScriptedChange;
  /** An Annual subscription whose anniversary month is June: June's invoice charges its whole year (June 2026 – May 2027). */
  annual: { subscriptionId: string; companyId: string; productId: string };
}

/**
 * Subscriptions alone of their product in their company (a finding is per company and product),
 * charged since before April; highest id first, so they stay clear of the differences, which are
 * planted on the lowest ids.
 */
function candidates(sim: Pax8Simulator, billingTerm: string): Pax8SimSubscription[] {
  const all = sim.world.subscriptions.list();
  const perGroup = new Map<string, number>();
  const group = (s: Pax8SimSubscription) => `${s.companyId}/${s.productId}`;
  for (const s of all) perGroup.set(group(s), (perGroup.get(group(s)) ?? 0) + 1);
  const usage = (s: Pax8SimSubscription) => s.productName?.startsWith('Azure Plan') === true || s.productName?.startsWith('Acronis') === true;
  return all.filter(
    (s) => s.status === 'Active' && s.billingTerm === billingTerm && !usage(s) && s.price > 0 && (s.partnerCost ?? 0) > 0 && s.quantity > 2 && perGroup.get(group(s)) === 1 && Date.parse(s.billingStart ?? '') < Date.parse('2026-04-01'),
  ).sort((a, b) => (a.id < b.id ? 1 : -1));
}

/**
 * Plants, before anything is synced, the billing Pax8 issues for three subscriptions: a seat
 * increase in the middle of May (`sim.billing.change`, kind `prorate`), a decrease (kind `credit`),
 * and an Annual subscription started on June 1st 2025 (so June is its anniversary month).
 */
export function issueBilling(sim: Pax8Simulator): IssuedBilling {
  const [up, down] = candidates(sim, 'Monthly');
  const [annual] = candidates(sim, 'Annual');
  if (!up || !down || !annual) throw new Error('the simulated tenant lacks the Monthly and Annual subscriptions the issued billing needs; change its seed or sizes');
  const prorate = sim.billing.change({ kind: 'prorate', subscriptionId: up.id, quantity: up.quantity + 3, date: '2026-05-20' });
  const credit = sim.billing.change({ kind: 'credit', subscriptionId: down.id, quantity: down.quantity - 2, date: '2026-05-11' });
  sim.world.subscriptions.update(annual.id, { billingStart: '2025-06-01' });
  return { prorate, credit, annual: { subscriptionId: annual.id, companyId: annual.companyId, productId: annual.productId } };
}

/** Ids of the subscriptions the issued billing is on (no difference is planted on them). */
export const issuedSubscriptionIds = (issued: IssuedBilling): string[] => [issued.prorate.subscriptionId, issued.credit.subscriptionId, issued.annual.subscriptionId];

/** The final items of the issued billing's subscriptions, as synced: what the reconciliation read. */
export function issuedItems(issued: IssuedBilling, items: readonly InvoiceItemRecord[]): InvoiceItemRecord[] {
  const ids = issuedSubscriptionIds(issued);
  return items.filter((i) => i.subscriptionId !== null && ids.includes(i.subscriptionId));
}

const cents = (n: number): string => (Math.round(n * 100) / 100).toFixed(2);

/** One synced line: `prorate 3 seats × 4.39 → 13.16 USD, 2026-05-20..2026-05-31`. */
function lineText(i: InvoiceItemRecord): string {
  const period = `${String(i.data.startPeriod)}..${String(i.data.endPeriod)}`;
  return `${String(i.data.type)} ${String(i.data.term)} ${i.quantity} seats × ${cents(i.price)} = ${cents(i.quantity * i.price)} ${i.currencyCode}, ${period}`;
}

/** Prints the issued billing's synced lines, one subscription a line. */
export function printIssued(issued: IssuedBilling, items: readonly InvoiceItemRecord[], print: (line: string) => void): void {
  const synced = issuedItems(issued, items);
  const on = (id: string) => synced.filter((i) => i.subscriptionId === id).map(lineText).join('; ');
  print('Billed as Pax8 issues it (no finding expected while the PSA bills the recurring seats, an annual price at a month\'s share):');
  print(`  prorate ${issued.prorate.subscriptionId}: ${issued.prorate.seats} seats added on ${issued.prorate.date}: ${on(issued.prorate.subscriptionId)}`);
  print(`  credit  ${issued.credit.subscriptionId}: ${-issued.credit.seats} seats removed on ${issued.credit.date}: ${on(issued.credit.subscriptionId)}`);
  print(`  annual  ${issued.annual.subscriptionId}: June is its anniversary month: ${on(issued.annual.subscriptionId)}`);
}
