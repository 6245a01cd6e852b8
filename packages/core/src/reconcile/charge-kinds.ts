import type { InvoiceItemRecord } from '../storage/billing';

/** Terms (`term` in Pax8's item) of a one-off charge: money, no seats. */
const ONE_OFF_TERMS: ReadonlySet<string> = new Set(['one-time', 'activation', 'rebate']);
/** Months a recurring line of each term pays for (`term` lower-cased; Pax8 writes `2 Year`, the subscription `2-Year`). */
const TERM_MONTHS: ReadonlyMap<string, number> = new Map([
  ['monthly', 1],
  ['annual', 12],
  ['2 year', 24],
  ['2-year', 24],
  ['3 year', 36],
  ['3-year', 36],
]);

/** What a charge line is, for the comparison. @internal */
export interface ChargeKind {
  /** A recurring line (item type `subscription`, or none sent, on a recurring term): its quantity is the seats charged. */
  recurring: boolean;
  /** A usage line (term `Arrears`): money only, never a seat count. */
  usage: boolean;
  /** Months the line pays for: a recurring line's term (`Annual` 12, `2 Year` 24, `3 Year` 36, else 1); 1 for every other line. */
  months: number;
  /** The line's customer money and partner cost as invoiced: `price` and `cost` for a `flat` charge type, quantity × price / cost for `per` (or none sent). */
  amount: number;
  cost: number;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim().toLowerCase() : '');

/**
 * Classifies a stored item by the fields Pax8 sends with it (kept in its `data`): `type`
 * (`subscription` is recurring; `prorate`, credits, rebates, one-time and service charges are not),
 * `term` (`One-Time`, `Activation`, `Rebate` are one-off; `Arrears` is usage; `Annual`, `2 Year`,
 * `3 Year` pay for that many months) and `chargeType` (`flat`: the price is the line's whole
 * charge; `per`: per unit). `rateType` (flat, volume, tiered, markup) says how Pax8 arrived at the
 * unit price, so it changes neither the seats nor the money of the line. An item type or term
 * Pax8 adds later is taken as no recurring line (money only): counting unknown lines as seats would
 * report seat differences that are not there. @internal
 */
export function chargeKind(item: InvoiceItemRecord): ChargeKind {
  const type = text(item.data.type);
  const term = text(item.data.term);
  const flat = text(item.chargeType) === 'flat';
  const amount = flat ? item.price : item.quantity * item.price;
  const cost = flat ? item.cost : item.quantity * item.cost;
  const usage = term === 'arrears';
  const recurring = !usage && (type === '' || type === 'subscription') && !ONE_OFF_TERMS.has(term) && (term === '' || TERM_MONTHS.has(term) || term === 'trial');
  return { recurring, usage, months: recurring ? (TERM_MONTHS.get(term) ?? 1) : 1, amount, cost };
}
