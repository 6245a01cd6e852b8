/** Seat changes in the middle of a month, and the prorate and credit lines Pax8 issues for them. */
import { billingItem, type ItemInput, monthStart } from './billing-rules';
import { addMonths, DAY, parsePax8Date } from './dates';
import { Pax8SimulatorError } from './errors';
import type { Pax8SimInvoiceItem, Pax8SimSubscription } from './records';

/**
 * A change Pax8 bills as it issues it (no discrepancy: a reconciliation that reads the lines right
 * reports nothing for it). The subscription takes `quantity` from `date` on; the invoice of the month
 * after (and its draft items) charges the recurring line at the new quantity plus one line for the
 * seats changed over the rest of the change's month, from `date` to the month's last day.
 */
export type Pax8BillingChange =
  /** Seats added: a `prorate` line for the added seats (amount = seats × price × days left ÷ days in the month, to the cent). */
  | { kind: 'prorate'; subscriptionId: string; quantity: number; date: string }
  /** Seats removed: a `prorate` line with a negative quantity, a credit (negative amount) for the removed seats over the same days. */
  | { kind: 'credit'; subscriptionId: string; quantity: number; date: string };

/** A scripted change with the line it gives. */
export type Pax8ScriptedChange = Pax8BillingChange & {
  /** Company of the subscription. */
  companyId: string;
  /** Product of the subscription. */
  productId: string;
  /** Seats before the change. */
  previousQuantity: number;
  /** The month (`YYYY-MM`) whose invoice carries the line: the month after `date`. */
  invoicedIn: string;
  /** Seats of the line: added (> 0) or removed (< 0). */
  seats: number;
  /** Days from `date` to the month's end, and days in the month. */
  daysLeft: number;
  daysInMonth: number;
  /** The line's customer amount before fees: seats × price × daysLeft ÷ daysInMonth, rounded to cents (negative for a credit). */
  amount: number;
};

/** A change as kept by the billing. @internal */
export interface SeatChange {
  /** Position of the change among those scripted (its lines' ids). */
  n: number;
  subscriptionId: string;
  /** Epoch of `date`, and the first day of its month. */
  at: number;
  month: number;
  from: number;
  to: number;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const yearMonth = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 7);

/** Checks a change against the subscription as it stands; returns it as kept. @internal */
export function seatChange(c: Pax8BillingChange, s: Pax8SimSubscription, now: number, n: number): SeatChange {
  const fail = (field: string, fix: string) => new Pax8SimulatorError(`billing.change.${field}`, fix);
  if (String(s.billingTerm) !== 'Monthly') throw fail('subscriptionId', `subscription ${s.id} is billed '${String(s.billingTerm)}'; prorate and credit lines are scripted on Monthly subscriptions`);
  const at = /^\d{4}-\d{2}-\d{2}$/.test(c.date) ? parsePax8Date(c.date) : undefined;
  if (at === undefined || Number.isNaN(at)) throw fail('date', `must be a day as YYYY-MM-DD, got '${c.date}'`);
  if (at > now) throw fail('date', `must not be after the simulator's clock (${new Date(now).toISOString().slice(0, 10)})`);
  if (!Number.isInteger(c.quantity) || c.quantity < 0) throw fail('quantity', 'must be a whole number >= 0 (the seats after the change)');
  if (c.kind === 'prorate' && !(c.quantity > s.quantity)) throw fail('quantity', `a prorate adds seats: must be more than the subscription's ${s.quantity}`);
  if (c.kind === 'credit' && !(c.quantity < s.quantity)) throw fail('quantity', `a credit removes seats: must be fewer than the subscription's ${s.quantity}`);
  return { n, subscriptionId: s.id, at, month: monthStart(at), from: s.quantity, to: c.quantity };
}

/** Days from the change's day to its month's end (both counted), and days in the month. @internal */
export function daysOf(change: SeatChange): { left: number; inMonth: number } {
  const next = addMonths(change.month, 1);
  return { left: Math.round((next - change.at) / DAY), inMonth: Math.round((next - change.month) / DAY) };
}

/** The facts of a scripted change. @internal */
export function scriptedChange(c: Pax8BillingChange, change: SeatChange, s: Pax8SimSubscription): Pax8ScriptedChange {
  const { left, inMonth } = daysOf(change);
  const seats = change.to - change.from;
  return {
    ...c,
    companyId: s.companyId,
    productId: s.productId,
    previousQuantity: change.from,
    invoicedIn: yearMonth(addMonths(change.month, 1)),
    seats,
    daysLeft: left,
    daysInMonth: inMonth,
    amount: round2(s.price * (left / inMonth) * seats),
  };
}

/**
 * The prorate (or credit) line of a change, built like the recurring line of the same subscription
 * (company, product, fees, currency), for the seats changed at the price and cost of the days left.
 * @internal
 */
export function changeItem(change: SeatChange, recurring: ItemInput): Pax8SimInvoiceItem {
  const { left, inMonth } = daysOf(change);
  const share = left / inMonth;
  const s = recurring.subscription;
  const item = billingItem({
    ...recurring,
    subscription: { ...s, price: s.price * share, partnerCost: (s.partnerCost ?? s.price) * share },
    period: { start: change.at, end: addMonths(change.month, 1) - DAY },
    quantity: change.to - change.from,
  });
  return { ...item, type: 'prorate' };
}
