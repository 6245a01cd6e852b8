/** What Pax8 charges a subscription in a month, and the invoice line it becomes. */
import { addMonths, DAY, formatDate, parsePax8Date } from './dates';
import type { ProductTraits } from './generate';
import { TERM_MONTHS } from './order-rules';
import type { Pax8SimCompany, Pax8SimInvoiceItem, Pax8SimProduct, Pax8SimSubscription, Pax8SimUsageSummary } from './records';

/** Statuses Pax8 charges (a Cancelled subscription is charged in the month it ends). */
const CHARGED = new Set(['Active', 'Converted', 'PendingCancel', 'Activated']);
const INVOICE_TERMS: Record<string, string> = { '3-Year': '3 Year', '2-Year': '2 Year' };
const RATE_TYPES: Record<string, string> = {
  Flat: 'flat (Single price for any quantity, same as single)',
  Volume: 'volume (Price scales linearly with quantity)',
  Tiered: 'tiered (Price dependant on quantity)',
  'Mark-Up': 'markup (Percentage based markup over to be determined base cost)',
};
/** Pax8's fee for billing a company on the partner's behalf. */
export const BILLING_FEE_RATE = 0.03;

/** First day (UTC) of the month of an epoch, and of the month `offset` months later. */
export function monthStart(epochMs: number, offset = 0): number {
  const d = new Date(epochMs);
  return addMonths(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), offset);
}

function monthsBetween(from: number, to: number): number {
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

const days = new Map<number, string>();
/** `formatDate` of the few period boundaries a listing repeats for every line. */
function day(epochMs: number): string {
  let text = days.get(epochMs);
  if (text === undefined) {
    if (days.size > 10_000) days.clear();
    text = formatDate(epochMs);
    days.set(epochMs, text);
  }
  return text;
}

const parsed = new WeakMap<Pax8SimSubscription, { started: number; ended: number | undefined }>();
/** A subscription's start and end, parsed once per record for all the months asked about. */
function span(s: Pax8SimSubscription): { started: number; ended: number | undefined } {
  let out = parsed.get(s);
  if (!out) {
    out = { started: parsePax8Date(s.billingStart ?? s.startDate ?? '') ?? 0, ended: s.endDate ? parsePax8Date(s.endDate) : undefined };
    parsed.set(s, out);
  }
  return out;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The charge period of `s` that starts in the month beginning `month`, or undefined when Pax8 charges nothing then. */
export function chargePeriod(s: Pax8SimSubscription, traits: ProductTraits | undefined, month: number): { start: number; end: number } | undefined {
  const status = String(s.status);
  const { started, ended } = span(s);
  if (!CHARGED.has(status) && !(status === 'Cancelled' && ended !== undefined && ended >= month)) return undefined;
  if (started >= addMonths(month, 1)) return undefined;
  if (traits?.usage) return { start: monthStart(month, -1), end: month - DAY }; // in arrears: last month's usage
  const term = String(s.billingTerm);
  const months = TERM_MONTHS[term];
  if (term === 'One-Time' || term === 'Activation') return monthStart(started) === month ? { start: month, end: addMonths(month, 1) - DAY } : undefined;
  if (months === undefined) return undefined; // Trial and terms Pax8 may add later: not charged
  if (monthsBetween(monthStart(started), month) % months !== 0) return undefined;
  return { start: month, end: addMonths(month, months) - DAY };
}

/** Usage totals of a consumption subscription: what the customer owes and what the partner pays. */
export function usageTotals(summaries: readonly Pax8SimUsageSummary[]): { charges: number; cost: number } {
  return { charges: round2(summaries.reduce((t, u) => t + u.currentCharges, 0)), cost: round2(summaries.reduce((t, u) => t + u.partnerTotal, 0)) };
}

/** What a billing line is built from. */
export interface ItemInput {
  /** Item id. */
  id: string;
  /** The subscription charged. */
  subscription: Pax8SimSubscription;
  /** Its company. */
  company: Pax8SimCompany | undefined;
  /** Its product. */
  product: Pax8SimProduct | undefined;
  /** The product's traits. */
  traits: ProductTraits | undefined;
  /** The product's pricing type for the term (`Flat`, `Volume`, ...). */
  pricingType: string | undefined;
  /** The charge period. */
  period: { start: number; end: number };
  /** Usage totals (consumption products). */
  usage?: { charges: number; cost: number };
  /** A seat count Pax8 charges that the subscription does not say (scripted discrepancy). */
  quantity?: number;
  /** A currency Pax8 charges in other than the company's (scripted discrepancy). */
  currencyCode?: string;
}

/** The invoice (or draft) line of a charge: quantity x price, fees, the company's currency. */
export function billingItem(input: ItemInput): Pax8SimInvoiceItem {
  const { subscription: s, company, product, traits } = input;
  const usage = input.usage;
  const quantity = usage ? 1 : (input.quantity ?? s.quantity);
  const price = usage ? usage.charges : s.price;
  const cost = usage ? usage.cost : (s.partnerCost ?? s.price);
  const subTotal = round2(price * quantity);
  const billedByPax8 = company?.billOnBehalfOfEnabled ?? false;
  const billingFee = billedByPax8 ? round2(subTotal * BILLING_FEE_RATE) : 0;
  const term = String(s.billingTerm);
  const item: Pax8SimInvoiceItem = {
    id: input.id,
    type: term === 'One-Time' || term === 'Activation' ? 'one-time' : 'subscription',
    purchaseOrderNumber: 'N/A',
    companyId: s.companyId,
    companyName: company?.name ?? 'Unknown company',
    startPeriod: day(input.period.start),
    endPeriod: day(input.period.end),
    quantity,
    unitOfMeasure: usage ? 'Each' : (traits?.unit ?? 'Each'),
    term: usage ? 'Arrears' : (INVOICE_TERMS[term] ?? term),
    sku: product?.sku ?? 'N/A',
    description: s.productName ?? product?.name ?? '',
    rateType: RATE_TYPES[input.pricingType ?? 'Flat'] ?? (RATE_TYPES.Flat as string),
    chargeType: usage ? 'flat' : 'per',
    price,
    subTotal,
    cost,
    costTotal: round2(cost * quantity),
    offeredBy: 'Pax8',
    billedByPax8,
    total: round2(subTotal + billingFee),
    productId: s.productId,
    productName: s.productName ?? product?.name ?? '',
    billingFee,
    billingFeeRate: billedByPax8 ? BILLING_FEE_RATE : 0,
    amountDue: round2(subTotal + billingFee),
    currencyCode: input.currencyCode ?? s.currencyCode,
    salesTax: 0,
    subscriptionId: s.id,
    vendorName: product?.vendorName ?? 'Unknown vendor',
  };
  if (company?.externalId) item.externalId = company.externalId;
  return item;
}
