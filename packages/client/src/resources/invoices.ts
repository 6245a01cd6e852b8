import { createListing, queryOf } from '../pagination/create-listing';
import type { Pax8Listing, Pax8PageParams } from '../pagination/types';
import { type Pax8Invoice, type Pax8InvoiceItem, type Pax8InvoiceStatus, pax8InvoiceItemModel, pax8InvoiceModel } from '../schemas/invoice';
import { callOne } from './call';
import { type ResourceContext, segment } from './context';

/** Filters of `invoices.list`. Dates are `YYYY-MM-DD`. */
export interface Pax8InvoiceListParams extends Pax8PageParams {
  /** Sort by `invoiceDate`, `dueDate`, `status`, `partnerName`, `total`, `balance` or `carriedBalance`. */
  sort?: 'invoiceDate' | 'dueDate' | 'status' | 'partnerName' | 'total' | 'balance' | 'carriedBalance' | (string & {});
  /** Invoice status (`Unpaid`, `Paid`, `Void`, `Carried`, `Nothing Due`, `Credited`). */
  status?: Pax8InvoiceStatus;
  /** Exact invoice date, `YYYY-MM-DD`. */
  invoiceDate?: string;
  /** Invoice date from, `YYYY-MM-DD`. */
  invoiceDateRangeStart?: string;
  /** Invoice date to, `YYYY-MM-DD`. */
  invoiceDateRangeEnd?: string;
  /** Due date, `YYYY-MM-DD`. */
  dueDate?: string;
  /** Total. */
  total?: number;
  /** Balance. */
  balance?: number;
  /** Carried balance. */
  carriedBalance?: number;
  /** Company id. */
  companyId?: string;
}

/** Params of `invoices.items.*`: the invoice is required. */
export interface Pax8InvoiceItemListParams extends Pax8PageParams {
  /** The invoice whose lines to list. */
  invoiceId: string;
}

/** Params of `invoices.draftItems.*`. */
export interface Pax8DraftItemListParams extends Pax8PageParams {
  /**
   * `0`: the charges of the current month so far; `1`: next month's. Pax8's document gives 1 as
   * its default when left out. Final invoices are generated on the 5th.
   */
  monthOffset?: number;
  /** Only this company's lines. */
  companyId?: string;
}

/** `client.invoices`: partner invoices, their lines and the upcoming (draft) lines. */
export interface Pax8InvoicesResource extends Pax8Listing<Pax8Invoice, Pax8InvoiceListParams> {
  /** GET /v1/invoices/{id}. */
  get(id: string): Promise<Pax8Invoice>;
  /** GET /v1/invoices/{invoiceId}/items, paged. */
  items: Pax8Listing<Pax8InvoiceItem, Pax8InvoiceItemListParams>;
  /** GET /v1/invoices/draftItems, paged. */
  draftItems: Pax8Listing<Pax8InvoiceItem, Pax8DraftItemListParams>;
}

/** Builds `client.invoices`. @internal */
export function createInvoicesResource(ctx: ResourceContext): Pax8InvoicesResource {
  const base = `${ctx.partnerUrl}/invoices`;
  return {
    ...createListing(ctx, {
      model: pax8InvoiceModel,
      url: () => base,
      query: queryOf<Pax8InvoiceListParams>('sort', 'status', 'invoiceDate', 'invoiceDateRangeStart', 'invoiceDateRangeEnd', 'dueDate', 'total', 'balance', 'carriedBalance', 'companyId'),
    }),
    get: async (id) => callOne(ctx, pax8InvoiceModel, { method: 'GET', url: `${base}/${segment(id, 'id')}` }),
    items: createListing(ctx, {
      model: pax8InvoiceItemModel,
      url: (p: Pax8InvoiceItemListParams) => `${base}/${segment(p.invoiceId, 'invoiceId')}/items`,
    }),
    draftItems: createListing(ctx, {
      model: pax8InvoiceItemModel,
      url: () => `${base}/draftItems`,
      query: queryOf<Pax8DraftItemListParams>('monthOffset', 'companyId'),
    }),
  };
}
