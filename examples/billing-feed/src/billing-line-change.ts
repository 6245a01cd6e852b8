import type { JsonObject } from '@pax8-sync/core';

/** The PSA state of a line, from `@pax8-sync/status`: `active` bills, `inactive` does not. */
export type LineState = 'active' | 'inactive' | (string & {});

/** What the fields of a billing line are, taken from the Pax8 subscription. */
export interface BillingLine {
  /** The Pax8 subscription id: the line's key in your PSA. */
  subscriptionId: string;
  /** Your PSA company (from the confirmed mapping). */
  psaCompanyId: string;
  /** Product name as Pax8 sends it on the subscription (else the product id). */
  product: string;
  /** Seats. */
  quantity: number;
  /** Price per seat, when Pax8 sends it. */
  unitPrice: number | null;
  /** Billing term, e.g. `Monthly`. */
  billingTerm: string | null;
  /** The Pax8 status, e.g. `PendingCancel`. */
  pax8Status: string;
  /** The PSA state it maps to. */
  state: LineState;
}

/** One change to apply to the billing screen. */
export type BillingLineChange =
  | { kind: 'new-line'; cursor: string; line: BillingLine }
  | { kind: 'quantity-change'; cursor: string; subscriptionId: string; psaCompanyId: string; from: number; to: number; line: BillingLine }
  | { kind: 'line-stopped'; cursor: string; subscriptionId: string; psaCompanyId: string; reason: 'status' | 'removed-in-pax8'; pax8Status: string | null; line: BillingLine }
  | { kind: 'line-restarted'; cursor: string; subscriptionId: string; psaCompanyId: string; pax8Status: string; line: BillingLine };

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const numberOr = (value: unknown, fallback: number | null): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

/** The billing line of a subscription as the change event carries it (`after`, or `before` for a removal). */
export function lineOf(subscriptionId: string, psaCompanyId: string, data: JsonObject, state: LineState): BillingLine {
  return {
    subscriptionId,
    psaCompanyId,
    product: str(data.productName) ?? str(data.productId) ?? 'unknown product',
    quantity: numberOr(data.quantity, 0) ?? 0,
    unitPrice: numberOr(data.price, null),
    billingTerm: str(data.billingTerm),
    pax8Status: str(data.status) ?? '',
    state,
  };
}
