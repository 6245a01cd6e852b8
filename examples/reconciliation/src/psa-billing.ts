import { collectRecords, type InvoiceItemRecord, type PsaBillingLine, type Pax8SyncStorage } from '@pax8-sync/core';

/** The PSA's company of each mapped Pax8 company. */
export async function psaCompanyOf(storage: Pax8SyncStorage, connectionId: string): Promise<Map<string, string>> {
  return new Map((await storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => [m.pax8CompanyId, m.psaCompanyId]));
}

/** The final invoice items of `period` stored for the connection (what Pax8 invoiced). */
export async function invoicedItems(storage: Pax8SyncStorage, connectionId: string, period: string): Promise<InvoiceItemRecord[]> {
  if (!storage.billing) throw new Error('the storage has no billing stores (capabilities.billing)');
  return (await collectRecords(storage.billing.invoiceItems, connectionId)).filter((i) => i.invoiceId !== null && i.period === period);
}

/** The mistakes the PSA's billing fixture makes on purpose, by Pax8 subscription id. */
export interface PsaMistakes {
  /** Lines the PSA never added (a forgotten order, a trial it did not bill). */
  missing: readonly string[];
  /** Lines billed with another quantity: subscription id → the PSA's quantity. */
  quantity: ReadonlyMap<string, number>;
}

/** Months a recurring line of a multi-month term pays for (Pax8's `term`), so the PSA bills a month's share. */
const TERM_MONTHS: Readonly<Record<string, number>> = { Annual: 12, '2 Year': 24, '3 Year': 36 };

/**
 * The "PSA billing" of the month, as a PSA's billing screen has it: one line per charge Pax8
 * invoiced when the lines were set up (company, product, subscription, quantity,
 * unit price a month: an Annual line's price ÷ 12, currency, the PSA's own line id), then the PSA's
 * mistakes. A prorate or credit line (item type `prorate`) gets no line of its own: the PSA bills
 * the seats of the recurring line (a PSA line is compared in seats, so one for the prorate would
 * count its seats twice). Lines
 * of a subscription cancelled in Pax8 afterwards stay: the PSA was never told.
 * @param items - the invoice items the lines were set up from.
 * @param psaOf - the PSA company of each Pax8 company.
 * @param mistakes - lines left out and quantities billed wrong.
 */
export function psaBillingLines(items: readonly InvoiceItemRecord[], psaOf: ReadonlyMap<string, string>, mistakes: PsaMistakes): PsaBillingLine[] {
  const lines: PsaBillingLine[] = [];
  for (const item of items) {
    const psaCompanyId = psaOf.get(item.companyId);
    if (!psaCompanyId || !item.productId || !item.subscriptionId || mistakes.missing.includes(item.subscriptionId)) continue;
    if (item.data.type === 'prorate') continue;
    const quantity = mistakes.quantity.get(item.subscriptionId) ?? item.quantity;
    const unitPrice = item.price / (TERM_MONTHS[String(item.data.term)] ?? 1);
    lines.push({ psaCompanyId, pax8ProductId: item.productId, pax8SubscriptionId: item.subscriptionId, quantity, unitPrice, currency: item.currencyCode, lineId: `psa-line-${lines.length + 1}` });
  }
  return lines;
}
