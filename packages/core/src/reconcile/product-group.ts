import type { SubscriptionRecord } from '../storage/records';
import type { ChargeLine } from './company-views';
import type { Pax8ChargeFigures, PsaBillingLine, PsaFigures, SubscriptionFigures } from './reconcile-types';

/** One product of one company in the three views. @internal */
export interface ProductGroup {
  productId: string;
  charges: ChargeLine[];
  subscriptions: SubscriptionRecord[];
  lines: PsaBillingLine[];
}

/** Rounded to cents. @internal */
export const cents = (value: number): number => Math.round(value * 100) / 100;

const group = (groups: Map<string, ProductGroup>, productId: string): ProductGroup => {
  let g = groups.get(productId);
  if (!g) {
    g = { productId, charges: [], subscriptions: [], lines: [] };
    groups.set(productId, g);
  }
  return g;
};

/**
 * The company's charges, subscriptions and PSA lines by product, in product id order. A charge without
 * a product takes its subscription's; a PSA line naming a subscription of the company goes with that
 * subscription's product (a wrong `pax8ProductId` does not make it a line of a product Pax8 never sold). @internal
 */
export function groupByProduct(charges: readonly ChargeLine[], subscriptions: readonly SubscriptionRecord[], lines: readonly PsaBillingLine[]): ProductGroup[] {
  const groups = new Map<string, ProductGroup>();
  const productOf = new Map(subscriptions.map((s) => [s.id, s.productId]));
  for (const s of subscriptions) group(groups, s.productId).subscriptions.push(s);
  for (const c of charges) group(groups, c.productId ?? (c.subscriptionId ? productOf.get(c.subscriptionId) : undefined) ?? 'unknown').charges.push(c);
  for (const l of lines) group(groups, (l.pax8SubscriptionId === undefined ? undefined : productOf.get(l.pax8SubscriptionId)) ?? l.pax8ProductId).lines.push(l);
  return [...groups.values()].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/**
 * The lines a group's unit price and cost come from: its recurring lines (per seat), or, when it has
 * none (one-time, usage or prorate lines only), all its lines (per unit charged). @internal
 */
export function priceBasis(charges: readonly ChargeLine[]): { units: number; amount: number; cost: number } {
  const recurring = charges.filter((c) => c.recurring);
  const lines = recurring.length > 0 ? recurring : charges;
  return lines.reduce((t, c) => ({ units: t.units + c.quantity, amount: t.amount + c.amount, cost: t.cost + c.cost }), { units: 0, amount: 0, cost: 0 });
}

/**
 * Pax8's figures of a group (`null` when it charges nothing): seats from its recurring lines only
 * (a prorate, credit or one-time line adds money, not seats), money of every line, the month's share
 * of a multi-month term. @internal
 */
export function pax8Figures(g: ProductGroup): Pax8ChargeFigures | null {
  if (g.charges.length === 0) return null;
  const sum = (f: (c: ChargeLine) => number) => cents(g.charges.reduce((t, c) => t + f(c), 0));
  const basis = priceBasis(g.charges);
  const per = (value: number) => (basis.units > 0 ? cents(value / basis.units) : null);
  return {
    // Final when any charge of it is (several Pax8 companies billed as one PSA company may mix a final invoice and drafts).
    source: g.charges.some((c) => c.source === 'invoice') ? 'invoice' : 'draft',
    quantity: g.charges.reduce((t, c) => t + (c.recurring ? c.quantity : 0), 0),
    amount: sum((c) => c.amount),
    cost: sum((c) => c.cost),
    unitPrice: per(basis.amount),
    unitCost: per(basis.cost),
    currency: g.charges[0]!.currency,
  };
}

/** Whether a subscription is cancelled (by its Pax8 status). @internal */
export const isCancelled = (s: SubscriptionRecord): boolean => s.status === 'Cancelled';

/** The synced figures of a group. @internal */
export function syncedFigures(g: ProductGroup): SubscriptionFigures {
  const live = g.subscriptions.filter((s) => s.removedAt === null && !isCancelled(s));
  return {
    quantity: live.reduce((t, s) => t + s.quantity, 0),
    subscriptions: g.subscriptions.map((s) => ({ id: s.id, status: s.status, mappedState: s.mappedState, quantity: s.quantity, removed: s.removedAt !== null })),
  };
}

/** The PSA's figures of a group (`null` when it bills nothing). @internal */
export function psaFigures(g: ProductGroup): PsaFigures | null {
  if (g.lines.length === 0) return null;
  return {
    quantity: g.lines.reduce((t, l) => t + l.quantity, 0),
    amount: cents(g.lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0)),
    currency: g.lines[0]!.currency,
    lineIds: g.lines.flatMap((l) => (l.lineId === undefined ? [] : [l.lineId])),
  };
}
