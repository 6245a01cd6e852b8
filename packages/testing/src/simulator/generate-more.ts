import { WEBHOOK_TOPICS } from './catalog';
import { addDays, addMonths, DAY, formatDate } from './dates';
import type { Generator, ProductTraits } from './generate';
import type {
  Pax8SimCompany,
  Pax8SimInvoice,
  Pax8SimInvoiceItem,
  Pax8SimOrder,
  Pax8SimProduct,
  Pax8SimSubscription,
  Pax8SimUsageLine,
  Pax8SimUsageSummary,
  Pax8SimWebhook,
  Pax8SimWebhookLog,
} from './records';

const ORDERED_BY = ['Pax8 Partner', 'Customer', 'Pax8'] as const;
const INVOICE_TERMS: Record<string, string> = { '3-Year': '3 Year', '2-Year': '2 Year' };

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The order that created a generated subscription (one order per seeded subscription). */
export function generateOrder(gen: Generator, index: number, subscription: Pax8SimSubscription | undefined): Pax8SimOrder {
  const rng = gen.random('order', index);
  const created = subscription?.createdDate ?? formatDate(gen.reference);
  const order: Pax8SimOrder = {
    id: gen.codecs.order.encode(index),
    companyId: subscription?.companyId ?? gen.codecs.company.encode(0),
    createdDate: created.slice(0, 10),
    orderedBy: rng.pick(ORDERED_BY),
    orderedByUserId: gen.codecs.user.encode(rng.int(1, 40)),
    orderedByUserEmail: `buyer${rng.int(1, 40)}@partner.example.com`,
    isScheduled: false,
    lineItems: [],
  };
  if (subscription) {
    const line: Pax8SimOrder['lineItems'][number] = {
      id: gen.codecs.lineItem.encode(index),
      productId: subscription.productId,
      subscriptionId: subscription.id,
      billingTerm: subscription.billingTerm,
      quantity: subscription.quantity,
    };
    if (subscription.startDate) line.provisionStartDate = subscription.startDate;
    if (subscription.commitment) line.commitmentTermId = subscription.commitment.id;
    order.lineItems.push(line);
  }
  return order;
}

/** The partner invoice at a position: monthly, newest last. */
export function generateInvoice(
  gen: Generator,
  index: number,
  count: number,
  companyAt: (index: number) => Pax8SimCompany,
  companies: number,
): Pax8SimInvoice {
  const rng = gen.random('invoice', index);
  const first = new Date(gen.reference);
  const date = addMonths(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1), index - count + 1);
  const latest = index === count - 1;
  const status = latest ? 'Unpaid' : index === 0 && count > 2 ? 'Carried' : rng.chance(0.9) ? 'Paid' : rng.pick(['Void', 'Nothing Due', 'Credited']);
  const total = round2(rng.int(2000, 90000) + rng.next());
  const invoice: Pax8SimInvoice = {
    id: gen.codecs.invoice.encode(index),
    invoiceDate: formatDate(date),
    dueDate: formatDate(addDays(date, 30)),
    status,
    balance: status === 'Unpaid' ? total : 0,
    carriedBalance: status === 'Carried' ? round2(total / 3) : 0,
    total,
    currencyCode: 'USD',
    partnerName: 'Simulated MSP Partner',
  };
  if (companies > 0) {
    const company = companyAt(index % companies);
    invoice.companyId = company.id;
    if (company.externalId) invoice.externalId = company.externalId;
  }
  return invoice;
}

/** How many items an invoice has. */
export function invoiceItemCount(index: number, subscriptions: number): number {
  return subscriptions === 0 ? 0 : 5 + ((index * 7) % 31);
}

/** A billing line for a subscription (invoice items and draft items share the shape). */
export function billingItem(options: {
  id: string;
  subscription: Pax8SimSubscription;
  company: Pax8SimCompany | undefined;
  product: Pax8SimProduct | undefined;
  traits: ProductTraits | undefined;
  periodStart: number;
}): Pax8SimInvoiceItem {
  const { subscription: s, company, product, traits } = options;
  const cost = s.partnerCost ?? s.price;
  const subTotal = round2(s.price * s.quantity);
  const item: Pax8SimInvoiceItem = {
    id: options.id,
    type: 'subscription',
    purchaseOrderNumber: 'N/A',
    companyId: s.companyId,
    companyName: company?.name ?? 'Unknown company',
    startPeriod: formatDate(options.periodStart),
    endPeriod: formatDate(addMonths(options.periodStart, 1) - DAY),
    quantity: s.quantity,
    unitOfMeasure: traits?.unit ?? 'Each',
    term: INVOICE_TERMS[s.billingTerm] ?? s.billingTerm,
    sku: product?.sku ?? 'N/A',
    description: s.productName ?? product?.name ?? '',
    rateType: 'flat (Single price for any quantity, same as single)',
    chargeType: 'per',
    price: s.price,
    subTotal,
    cost,
    costTotal: round2(cost * s.quantity),
    offeredBy: 'Pax8',
    billedByPax8: company?.billOnBehalfOfEnabled ?? false,
    total: subTotal,
    productId: s.productId,
    productName: s.productName ?? product?.name ?? '',
    billingFee: 0,
    billingFeeRate: 0,
    amountDue: subTotal,
    currencyCode: s.currencyCode,
    salesTax: 0,
    subscriptionId: s.id,
    vendorName: product?.vendorName ?? 'Unknown vendor',
  };
  return item;
}

/** Usage summaries of a usage-billed subscription (one to three resource groups). */
export function usageSummaries(gen: Generator, index: number, s: Pax8SimSubscription, product: Pax8SimProduct | undefined, traits: ProductTraits | undefined): Pax8SimUsageSummary[] {
  if (!traits?.usage) return [];
  const rng = gen.random('usage', index);
  const count = rng.int(1, 3);
  const out: Pax8SimUsageSummary[] = [];
  for (let k = 0; k < count; k++) {
    const charges = round2(rng.int(10, 2000) + rng.next());
    out.push({
      id: gen.codecs.usageSummary.encode(index * 4 + k),
      companyId: s.companyId,
      subscriptionId: s.id,
      productId: s.productId,
      resourceGroup: `rg-${['prod', 'dev', 'backup'][k]}`,
      vendorName: product?.vendorName ?? 'Microsoft',
      currentCharges: charges,
      currencyCode: s.currencyCode,
      partnerTotal: round2(charges * 0.85),
      isTrial: s.status === 'Trial',
    });
  }
  return out;
}

/** Daily usage lines of a usage summary (the first days of the reference month). */
export function usageLines(gen: Generator, summary: Pax8SimUsageSummary, productName: string): Pax8SimUsageLine[] {
  const rng = gen.random('usageLines', Number.parseInt(summary.id.slice(0, 8), 16));
  const ref = new Date(gen.reference);
  const monthStart = Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), 1);
  const out: Pax8SimUsageLine[] = [];
  for (let day = 0; day < 10; day++) {
    const quantity = round2(rng.int(1, 500) / 10);
    const unitPrice = round2(0.05 + rng.next());
    const charges = round2(quantity * unitPrice);
    out.push({
      usageSummaryId: summary.id,
      usageDate: formatDate(addDays(monthStart, day)),
      productName,
      productId: summary.productId,
      unitOfMeasure: 'Hour',
      quantity,
      currentCharges: charges,
      currentProfit: round2(charges * 0.15),
      partnerTotal: round2(charges * 0.85),
      unitPrice,
      currencyCode: summary.currencyCode,
      isTrial: summary.isTrial,
    });
  }
  return out;
}

/** Seeded webhook registrations and their delivery logs. */
export function generateWebhooks(gen: Generator, count: number, accountId: string): { webhooks: Pax8SimWebhook[]; logs: Map<string, Pax8SimWebhookLog[]> } {
  const webhooks: Pax8SimWebhook[] = [];
  const logs = new Map<string, Pax8SimWebhookLog[]>();
  for (let i = 0; i < count; i++) {
    const rng = gen.random('webhook', i);
    const created = new Date(gen.reference - rng.int(10, 300) * DAY).toISOString();
    const topics = WEBHOOK_TOPICS.slice(0, 1 + (i % 2));
    const hook: Pax8SimWebhook = {
      id: gen.codecs.webhook.encode(i),
      accountId,
      displayName: `PSA sync hook ${i + 1}`,
      url: `https://psa.example.com/hooks/pax8/${i + 1}`,
      active: i % 3 !== 2,
      contactEmail: 'ops@partner.example.com',
      errorThreshold: 3,
      webhookTopics: topics.map(([topic], k) => ({
        id: gen.codecs.webhookTopic.encode(i * 16 + k),
        topic,
        filters: topic === 'SUBSCRIPTION' ? [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'IN', value: ['Active', 'Cancelled'] }] }] : [],
      })),
      lastDeliveryStatus: 'SUCCESS',
      createdAt: created,
      updatedAt: created,
    };
    webhooks.push(hook);
    const hookLogs: Pax8SimWebhookLog[] = [];
    for (let k = 0; k < 3; k++) {
      const at = new Date(gen.reference - (k + 1) * 3600_000 * (i + 1)).toISOString();
      const failed = k === 2;
      hookLogs.push({
        id: gen.codecs.webhookLog.encode(i * 64 + k),
        webhookId: hook.id,
        webhookName: hook.displayName,
        topicName: topics[0]?.[0] ?? 'SUBSCRIPTION',
        finalStatus: failed ? 'FAILED' : 'SUCCESS',
        callHistory: [
          {
            id: gen.codecs.webhookCall.encode(i * 64 + k),
            timestamp: at,
            status: failed ? 'FAILED' : 'SUCCESS',
            httpStatusCode: failed ? 500 : 200,
            ...(failed ? { errorMessage: 'Receiver answered 500' } : {}),
            payload: { topic: topics[0]?.[0] ?? 'SUBSCRIPTION', action: 'UPDATED' },
          },
        ],
        createdAt: at,
      });
    }
    logs.set(hook.id, hookLogs);
  }
  return { webhooks, logs };
}
