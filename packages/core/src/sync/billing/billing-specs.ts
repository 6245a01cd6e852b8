import { Pax8ApiError } from '@pax8-sync/client';
import type { Pax8ListParams, Pax8PageLike } from '../../engine/client-port';
import type { InvoiceItemRecord, InvoiceRecord, UsageSummaryRecord } from '../../storage/billing';
import type { JsonObject } from '../../storage/json';
import { type EntitySpec, existsIn, missing, str } from '../entity-specs';
import { billingReads, billingStores } from './billing-client';
import { LineNumbering, pageWithLineIds, pax8IdOf } from './billing-ids';

const num = (data: JsonObject, key: string): number => {
  const value = data[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};
const emptyPage = (p: Pax8ListParams): Pax8PageLike => ({ content: [], page: { size: p.size, totalElements: 0, totalPages: 0, number: p.page } });

/** Scope strings of the billing rows (see `BillingRecordBase.scope`). @internal */
export const billingScope = {
  invoices: (period: string) => `invoices:${period}`,
  invoice: (invoiceId: string) => `invoice:${invoiceId}`,
  draft: (period: string) => `draft:${period}`,
  usage: (subscriptionId: string, period: string) => `usage:${subscriptionId}:${period}`,
} as const;

/** The invoices dated in `period` (listed by invoice date range). @internal */
export function invoiceSpec(period: string): EntitySpec<InvoiceRecord> {
  return {
    entity: 'invoices',
    store: (s) => billingStores(s).invoices,
    list: (client, params) => billingReads(client).invoices.list(params),
    exists: (client, id) => existsIn(billingReads(client).invoices, id),
    columns: (data) => ({
      ok: true,
      columns: {
        scope: billingScope.invoices(period),
        period,
        invoiceDate: str(data, 'invoiceDate') ?? '',
        status: str(data, 'status') ?? '',
        companyId: str(data, 'companyId') ?? null,
        total: num(data, 'total'),
        currencyCode: str(data, 'currencyCode') ?? '',
      },
    }),
  };
}

/**
 * Items of final invoices (a listing per invoice, `invoiceId` given) or the draft items of the
 * current month (`monthOffset: 0`), stored as `period`'s charges under ids from {@link withLineIds}. @internal
 */
export function itemSpec(period: string): EntitySpec<InvoiceItemRecord> {
  const numbering = new LineNumbering();
  return {
    entity: 'invoices',
    store: (s) => billingStores(s).invoiceItems,
    async list(client, params) {
      const { invoices } = billingReads(client);
      const { invoiceId } = params;
      if (invoiceId !== undefined) {
        const read = (page: number) => invoices.items.list({ invoiceId, page, size: params.size });
        return pageWithLineIds(read, params, billingScope.invoice(invoiceId), { invoiceId }, numbering);
      }
      const read = (page: number) => invoices.draftItems.list({ monthOffset: 0, page, size: params.size });
      return pageWithLineIds(read, params, billingScope.draft(period), { invoiceId: null }, numbering);
    },
    // Pax8 has no look-up of one item: a complete listing of its invoice or draft month is the proof.
    exists: async () => false,
    columns(data) {
      const companyId = str(data, 'companyId');
      if (companyId === undefined) return missing('companyId', 'a charge line needs its company id');
      const invoiceId = str(data, 'invoiceId') ?? null;
      return {
        ok: true,
        columns: {
          scope: invoiceId === null ? billingScope.draft(period) : billingScope.invoice(invoiceId),
          period,
          invoiceId,
          companyId,
          subscriptionId: str(data, 'subscriptionId') ?? null,
          productId: str(data, 'productId') ?? null,
          quantity: num(data, 'quantity'),
          price: num(data, 'price'),
          cost: num(data, 'cost'),
          currencyCode: str(data, 'currencyCode') ?? '',
          chargeType: str(data, 'chargeType') ?? '',
          billedByPax8: data.billedByPax8 === true,
        },
      };
    },
  };
}

/** Usage summaries of `period`, a listing per usage-billed subscription (`subscriptionId` given). @internal */
export function usageSpec(period: string): EntitySpec<UsageSummaryRecord> {
  const numbering = new LineNumbering();
  return {
    entity: 'invoices',
    store: (s) => billingStores(s).usageSummaries,
    async list(client, params) {
      const subscriptionId = params.subscriptionId ?? '';
      const read = (page: number) =>
        billingReads(client)
          .usage.summaries.list({ subscriptionId, page, size: params.size })
          .catch((error: unknown) => {
            // Gone from Pax8 since the last subscription sync: it has no usage to list (the next subscription sync removes it).
            if (Pax8ApiError.isInstance(error) && error.status === 404) return emptyPage({ ...params, page });
            throw error;
          });
      return pageWithLineIds(read, params, billingScope.usage(subscriptionId, period), { subscriptionId }, numbering);
    },
    exists: (client, id) => existsIn(billingReads(client).usage.summaries, pax8IdOf(id)),
    columns(data) {
      const subscriptionId = str(data, 'subscriptionId');
      if (subscriptionId === undefined) return missing('subscriptionId', 'a usage summary needs its subscription id');
      const companyId = str(data, 'companyId');
      if (companyId === undefined) return missing('companyId', 'a usage summary needs its company id');
      return {
        ok: true,
        columns: {
          scope: billingScope.usage(subscriptionId, period),
          period,
          subscriptionId,
          companyId,
          productId: str(data, 'productId') ?? null,
          currentCharges: num(data, 'currentCharges'),
          partnerTotal: num(data, 'partnerTotal'),
          currencyCode: str(data, 'currencyCode') ?? '',
        },
      };
    },
  };
}
