import type { BillingStores } from '../storage/billing';
import { iterateRecords } from '../storage/iterate-records';
import type { SubscriptionRecord } from '../storage/records';
import type { Pax8SyncStorage } from '../storage/storage';
import { billingScope } from '../sync/billing/billing-specs';
import { chargeKind } from './charge-kinds';

/** One charge as the comparison reads it: a final or draft item, or a usage summary. @internal */
export interface ChargeLine {
  subscriptionId: string | null;
  productId: string | null;
  /** Units of the line as charged (seats only when `recurring`). */
  quantity: number;
  /** Customer money of the month: a recurring line of a multi-month term at a month's share (its amount ÷ the term's months), any other line as invoiced. */
  amount: number;
  /** Partner cost of the month, normalised like `amount`. */
  cost: number;
  currency: string;
  /** A recurring line: its quantity is the seats charged. Prorates, credits, one-time and usage lines are money only. */
  recurring: boolean;
  /** A final invoice's item, or a draft item or usage summary of the month so far. */
  source: 'invoice' | 'draft';
  /** Pax8 bills the end customer itself (bill on behalf): the PSA is not meant to bill the line. */
  billedByPax8: boolean;
  /** A usage charge (the usage summaries of one subscription, collapsed): its quantity is no seat count. */
  usage?: true;
}

/** Pax8's charges and the synced subscriptions of one company for the month. @internal */
export interface CompanyViews {
  source: 'invoice' | 'draft';
  charges: ChargeLine[];
  subscriptions: SubscriptionRecord[];
}

/** Pax8's status of an invoice that was cancelled: it is not owed, so its items are no charges (a reissue carries them again). @internal */
export const VOID_STATUS = 'Void';

/**
 * The item scopes of the month's partner invoices (no company named, not Void): their items are
 * charges of the companies they name, read with a company filter. Read once per pass. @internal
 */
export async function partnerInvoiceScopes(billing: BillingStores, connectionId: string, period: string): Promise<string[]> {
  const scopes: string[] = [];
  for await (const invoice of iterateRecords(billing.invoices, connectionId, { scopes: [billingScope.invoices(period)] })) {
    if (invoice.companyId === null && invoice.status !== VOID_STATUS) scopes.push(billingScope.invoice(invoice.id));
  }
  return scopes;
}

/** The item scopes of the company's own invoices of the month, Void ones left out. */
async function ownInvoiceScopes(billing: BillingStores, connectionId: string, period: string, companyIds: string[]): Promise<string[]> {
  const scopes: string[] = [];
  for await (const invoice of iterateRecords(billing.invoices, connectionId, { scopes: [billingScope.invoices(period)], companyIds })) {
    if (invoice.status !== VOID_STATUS) scopes.push(billingScope.invoice(invoice.id));
  }
  return scopes;
}

/** The charge lines of items in these scopes, of the given company: seats from recurring lines only, money of every line, multi-month terms at a month's share (see `chargeKind`). */
async function itemCharges(billing: BillingStores, connectionId: string, scopes: string[], companyIds: string[], source: ChargeLine['source']): Promise<ChargeLine[]> {
  const charges: ChargeLine[] = [];
  if (scopes.length === 0) return charges;
  for await (const item of iterateRecords(billing.invoiceItems, connectionId, { scopes, companyIds })) {
    const kind = chargeKind(item);
    charges.push({
      subscriptionId: item.subscriptionId,
      productId: item.productId,
      quantity: item.quantity,
      amount: kind.amount / kind.months,
      cost: kind.cost / kind.months,
      currency: item.currencyCode,
      billedByPax8: item.billedByPax8,
      recurring: kind.recurring,
      source,
      ...(kind.usage ? { usage: true as const } : {}),
    });
  }
  return charges;
}

/**
 * The company's usage summaries of the month as charge lines: one per subscription and currency
 * (its resource groups' summaries summed), quantity 1 like the usage line of a final invoice.
 */
async function usageCharges(billing: BillingStores, connectionId: string, period: string, companyIds: string[]): Promise<ChargeLine[]> {
  const bySubscription = new Map<string, ChargeLine>();
  for await (const usage of iterateRecords(billing.usageSummaries, connectionId, { periods: [period], companyIds })) {
    const key = `${usage.subscriptionId}\u0000${usage.currencyCode}`;
    const line = bySubscription.get(key);
    if (line) {
      line.amount += usage.currentCharges;
      line.cost += usage.partnerTotal;
    } else {
      bySubscription.set(key, { subscriptionId: usage.subscriptionId, productId: usage.productId, quantity: 1, amount: usage.currentCharges, cost: usage.partnerTotal, currency: usage.currencyCode, billedByPax8: false, recurring: false, source: 'draft', usage: true });
    }
  }
  return [...bySubscription.values()];
}

/**
 * Reads one company's views, a storage page at a time: the final items of the month when it has an
 * invoice dated in the month or partner invoice items name it (items of its own invoices and of the
 * month's partner invoices, `partnerScopes`, that name it; `Void` invoices left out, `Credited` ones counted, since Pax8 charged
 * them and settles the credit apart), else its draft items of the month plus its usage summaries
 * (draft items leave usage out; a final invoice has it as lines; the summaries of one subscription
 * are one charge line), and every subscription of it,
 * removed ones included. @internal
 */
export async function companyViews(storage: Pax8SyncStorage, billing: BillingStores, connectionId: string, period: string, companyId: string, partnerScopes: readonly string[] = []): Promise<CompanyViews> {
  const companyIds = [companyId];
  const own = await ownInvoiceScopes(billing, connectionId, period, companyIds);
  const finals = await itemCharges(billing, connectionId, [...own, ...partnerScopes], companyIds, 'invoice');
  // Final when the company has an invoice of its own (even one of nothing) or partner invoice items name it.
  const source = own.length > 0 || finals.length > 0 ? 'invoice' : 'draft';
  const charges = source === 'invoice' ? finals : await itemCharges(billing, connectionId, [billingScope.draft(period)], companyIds, 'draft');
  if (source === 'draft') charges.push(...(await usageCharges(billing, connectionId, period, companyIds)));
  const subscriptions: SubscriptionRecord[] = [];
  for await (const s of iterateRecords(storage.subscriptions, connectionId, { companyIds, includeRemoved: true })) subscriptions.push(s);
  return { source, charges, subscriptions };
}
