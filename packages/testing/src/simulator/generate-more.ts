import { WEBHOOK_TOPICS } from './catalog';
import { addDays, addMonths, DAY, formatDate } from './dates';
import { currencyOf, type Generator, type ProductTraits } from './generate';
import type {
  Pax8SimCompany,
  Pax8SimInvoice,
  Pax8SimOrder,
  Pax8SimProduct,
  Pax8SimSubscription,
  Pax8SimUsageLine,
  Pax8SimUsageSummary,
  Pax8SimWebhook,
  Pax8SimWebhookLog,
} from './records';

const ORDERED_BY = ['Pax8 Partner', 'Customer', 'Pax8'] as const;

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

/** The day of the month Pax8 generates final invoices. */
export const INVOICE_DAY = 5;

/** The first day of the month of the newest final invoice at the reference date (invoices come on the 5th). */
export function latestInvoiceMonth(reference: number): number {
  const d = new Date(reference);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCDate() >= INVOICE_DAY ? 0 : 1), 1);
}

/**
 * The invoice at a position: one per company and month, `months` months up to the newest, oldest first
 * (position = month * companies + company). `total` is what its items add up to (drawn when absent, for fixtures).
 */
export function generateInvoice(gen: Generator, index: number, months: number, companyAt: (index: number) => Pax8SimCompany, companies: number, total?: number): Pax8SimInvoice {
  const rng = gen.random('invoice', index);
  const per = Math.max(1, companies);
  const month = Math.floor(index / per);
  const start = addMonths(latestInvoiceMonth(gen.reference), month - months + 1);
  const date = addDays(start, INVOICE_DAY - 1);
  const amount = total ?? round2(rng.int(2000, 90000) + rng.next());
  const latest = month === months - 1;
  const status = amount === 0 ? 'Nothing Due' : latest ? 'Unpaid' : rng.chance(0.9) ? 'Paid' : rng.pick(['Void', 'Credited']);
  const company = companies > 0 ? companyAt(index % per) : undefined;
  const invoice: Pax8SimInvoice = {
    id: gen.codecs.invoice.encode(index),
    invoiceDate: formatDate(date),
    dueDate: formatDate(addDays(date, 30)),
    status,
    balance: status === 'Unpaid' ? amount : 0,
    carriedBalance: 0,
    total: amount,
    currencyCode: company ? currencyOf(company) : 'USD',
    partnerName: 'Simulated MSP Partner',
  };
  if (company) {
    invoice.companyId = company.id;
    if (company.externalId) invoice.externalId = company.externalId;
  }
  return invoice;
}

/** Usage summaries of a usage-billed subscription (one to three resource groups); their totals add up their usage lines. */
export function usageSummaries(gen: Generator, index: number, s: Pax8SimSubscription, product: Pax8SimProduct | undefined, traits: ProductTraits | undefined): Pax8SimUsageSummary[] {
  if (!traits?.usage) return [];
  const rng = gen.random('usage', index);
  const count = rng.int(1, 3);
  const out: Pax8SimUsageSummary[] = [];
  for (let k = 0; k < count; k++) {
    const summary: Pax8SimUsageSummary = {
      id: gen.codecs.usageSummary.encode(index * 4 + k),
      companyId: s.companyId,
      subscriptionId: s.id,
      productId: s.productId,
      resourceGroup: `rg-${['prod', 'dev', 'backup'][k]}`,
      vendorName: product?.vendorName ?? 'Microsoft',
      currentCharges: 0,
      currencyCode: s.currencyCode,
      partnerTotal: 0,
      isTrial: s.status === 'Trial',
    };
    const lines = usageLines(gen, summary, product?.name ?? 'Usage');
    summary.currentCharges = round2(lines.reduce((t, l) => t + l.currentCharges, 0));
    summary.partnerTotal = round2(lines.reduce((t, l) => t + l.partnerTotal, 0));
    out.push(summary);
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
