import type { RequestWriteOptions } from '../write-back/request-write';
import type { BoundOptions } from '../create-sync-engine';
import type { ReconcileFinding } from './reconcile-types';

/**
 * The write-back intent that settles a `seat-count-differs` finding in Pax8: the subscription's
 * quantity set to what the PSA bills (it goes through the connection's approval policy like any
 * `requestWrite`). `undefined` for other kinds, and unless the product has exactly one live (not
 * removed, not cancelled) subscription in the company and the finding names it.
 * @example
 * const request = findingToWriteRequest(finding, { requestedBy: 'billing-review' });
 * if (request) await engine.requestWrite(request);
 */
export function findingToWriteRequest(finding: ReconcileFinding, options: { requestedBy: string; reason?: string }): BoundOptions<RequestWriteOptions> | undefined {
  if (finding.kind !== 'seat-count-differs' || finding.subscriptionId === null || !finding.psa) return undefined;
  // Only the product's single live subscription, and only when the finding names it: with several, the PSA's total says nothing of any one.
  const live = finding.synced.subscriptions.filter((s) => !s.removed && s.status !== 'Cancelled');
  if (live.length !== 1 || live[0]!.id !== finding.subscriptionId) return undefined;
  return {
    connectionId: finding.connectionId,
    change: { kind: 'subscription.quantity', subscriptionId: finding.subscriptionId, quantity: finding.psa.quantity },
    requestedBy: options.requestedBy,
    reason: options.reason ?? `Reconciliation ${finding.period}: Pax8 charges ${finding.pax8?.quantity ?? 0} units, the PSA bills ${finding.psa.quantity}.`,
  };
}

/** A change to make on the PSA's billing screen, in the billing feed's terms (see `examples/billing-feed`). */
export interface ReconcileBillingLine {
  /** `add` a line, `update` one (quantity or price), or `stop` billing it. */
  action: 'add' | 'update' | 'stop';
  /** The PSA company. */
  psaCompanyId: string;
  /** The PSA line to change (`null` for `add`, or when the lines had no ids). */
  psaLineId: string | null;
  /** The Pax8 subscription, when the finding names one. */
  subscriptionId: string | null;
  /** The Pax8 product. */
  productId: string;
  /** Units to bill. */
  quantity: number;
  /** Price per unit to bill (`null`: keep the PSA's). */
  unitPrice: number | null;
  /** Currency of the line. */
  currency: string;
  /** `active` bills, `inactive` does not (as `@pax8-sync/status` names PSA states). */
  state: 'active' | 'inactive';
  /** Why, in words (for the PSA's audit trail). */
  reason: string;
}

const unit = (amount: number, quantity: number) => (quantity > 0 ? Math.round((amount / quantity) * 100) / 100 : 0);

/**
 * The billing line that settles a finding on the PSA side: bill what Pax8 charges
 * (`charged-not-billed`, `trial-converted`: add; `seat-count-differs`: update the quantity;
 * `price-below-cost`: update the price to Pax8's customer price, or to the cost when that is below it too),
 * or stop billing (`billed-but-cancelled`, `billed-but-removed`). `undefined` for
 * `currency-differs` (a person decides which currency is right).
 */
export function findingToBillingLine(finding: ReconcileFinding): ReconcileBillingLine | undefined {
  const common = { psaCompanyId: finding.psaCompanyId, psaLineId: finding.psaLineId, subscriptionId: finding.subscriptionId, productId: finding.productId };
  const pax8 = finding.pax8;
  const reason = `Reconciliation ${finding.period}: ${finding.kind}`;
  switch (finding.kind) {
    case 'charged-not-billed':
    case 'trial-converted':
      if (!pax8) return undefined;
      return { ...common, psaLineId: finding.psa ? finding.psaLineId : null, action: finding.psa ? 'update' : 'add', quantity: pax8.quantity, unitPrice: pax8.unitPrice ?? unit(pax8.amount, pax8.quantity), currency: pax8.currency, state: 'active', reason };
    case 'seat-count-differs':
      if (!pax8) return undefined;
      return { ...common, action: 'update', quantity: pax8.quantity, unitPrice: null, currency: pax8.currency, state: 'active', reason };
    case 'price-below-cost': {
      if (!pax8) return undefined;
      const price = Math.max(pax8.unitPrice ?? unit(pax8.amount, pax8.quantity), pax8.unitCost ?? unit(pax8.cost, pax8.quantity));
      return { ...common, action: finding.psa ? 'update' : 'add', quantity: finding.psa?.quantity ?? pax8.quantity, unitPrice: price, currency: pax8.currency, state: 'active', reason };
    }
    case 'billed-but-cancelled':
    case 'billed-but-removed':
      return { ...common, action: 'stop', quantity: 0, unitPrice: null, currency: finding.currency, state: 'inactive', reason };
    case 'currency-differs':
      return undefined;
  }
}
