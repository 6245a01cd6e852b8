import type { BillingStores } from '../storage/billing';
import { iterateRecords } from '../storage/iterate-records';
import type { SubscriptionRecord } from '../storage/records';
import type { Pax8SyncStorage } from '../storage/storage';
import { billingScope } from '../sync/billing/billing-specs';

/** One charge as the comparison reads it: a final or draft item, or a usage summary. @internal */
export interface ChargeLine {
  subscriptionId: string | null;
  productId: string | null;
  quantity: number;
  amount: number;
  cost: number;
  currency: string;
}

/** Pax8's charges and the synced subscriptions of one company for the month. @internal */
export interface CompanyViews {
  source: 'invoice' | 'draft';
  charges: ChargeLine[];
  subscriptions: SubscriptionRecord[];
}

/**
 * Reads one company's views, a storage page at a time: the items of its final invoices of the month
 * when it has one, else its draft items of the month plus its usage summaries (draft items leave
 * usage out; a final invoice has it as lines), and every subscription of it, removed ones included. @internal
 */
export async function companyViews(storage: Pax8SyncStorage, billing: BillingStores, connectionId: string, period: string, companyId: string): Promise<CompanyViews> {
  const companyIds = [companyId];
  const invoiceIds = await billing.invoices.listActiveIds(connectionId, { scopes: [billingScope.invoices(period)], companyIds });
  const source = invoiceIds.length > 0 ? 'invoice' : 'draft';
  const scopes = source === 'invoice' ? invoiceIds.map(billingScope.invoice) : [billingScope.draft(period)];
  const charges: ChargeLine[] = [];
  for await (const item of iterateRecords(billing.invoiceItems, connectionId, { scopes, companyIds })) {
    charges.push({ subscriptionId: item.subscriptionId, productId: item.productId, quantity: item.quantity, amount: item.quantity * item.price, cost: item.quantity * item.cost, currency: item.currencyCode });
  }
  if (source === 'draft') {
    for await (const usage of iterateRecords(billing.usageSummaries, connectionId, { periods: [period], companyIds })) {
      charges.push({ subscriptionId: usage.subscriptionId, productId: usage.productId, quantity: 1, amount: usage.currentCharges, cost: usage.partnerTotal, currency: usage.currencyCode });
    }
  }
  const subscriptions: SubscriptionRecord[] = [];
  for await (const s of iterateRecords(storage.subscriptions, connectionId, { companyIds, includeRemoved: true })) subscriptions.push(s);
  return { source, charges, subscriptions };
}
