import type { RecordStore, SyncedRecordBase } from './records';

/**
 * Fields every billing row has beyond the common ones: the `scope` a pull of it covers. A billing
 * pull lists one scope at a time (one invoice's items, one month's draft items, one subscription's
 * usage summaries, one month's invoices), so its removal pass only ever removes unseen rows of the
 * scopes it listed (`ListRecordsOptions.scopes`), never the rows of other months or invoices.
 *
 * The engine makes the scope strings; an adapter stores and filters on them verbatim:
 * - invoices: `invoices:YYYY-MM` (the month of the invoice date);
 * - invoice items: `invoice:<invoiceId>` for a final invoice's items, `draft:YYYY-MM` for the draft
 *   items of a month;
 * - usage summaries: `usage:<subscriptionId>:YYYY-MM`.
 */
export interface BillingRecordBase extends SyncedRecordBase {
  /** The listing this row came from (see above); removal of unseen rows is per scope. */
  scope: string;
  /** The month charged, `YYYY-MM` (of the invoice, the draft or the usage summary). */
  period: string;
}

/** A Pax8 invoice as stored (`GET /v1/invoices`). */
export interface InvoiceRecord extends BillingRecordBase {
  /** Invoice date, `YYYY-MM-DD`. */
  invoiceDate: string;
  /** Pax8 status as received (`Unpaid`, `Paid`, … and unknown values passed through). */
  status: string;
  /** The invoice's company, when Pax8 names one (partner invoices often do not). */
  companyId: string | null;
  /** Invoice total (0 when Pax8 sends none). */
  total: number;
  /** ISO 4217 currency code (`''` when Pax8 sends none). */
  currencyCode: string;
}

/** A charge line as stored: an item of a final invoice, or a draft item of the month so far. */
export interface InvoiceItemRecord extends BillingRecordBase {
  /** The invoice the item belongs to; `null` for a draft item. */
  invoiceId: string | null;
  /** The company charged. */
  companyId: string;
  /** The subscription charged, when the line is for one. */
  subscriptionId: string | null;
  /** The product charged, when named. */
  productId: string | null;
  /** Quantity charged (seats, or units of usage). */
  quantity: number;
  /** Unit price to the customer (0 when absent). */
  price: number;
  /** Unit cost to the partner (0 when absent). */
  cost: number;
  /** ISO 4217 currency code of the line (`''` when absent). */
  currencyCode: string;
  /** Pax8 charge type (`flat`, `per`, or a new value passed through; `''` when absent). */
  chargeType: string;
  /** Whether Pax8 bills the customer itself (bill on behalf of); `false` when absent. */
  billedByPax8: boolean;
}

/** A usage summary of a usage-billed subscription for a month, as stored. */
export interface UsageSummaryRecord extends BillingRecordBase {
  /** The usage-billed subscription. */
  subscriptionId: string;
  /** The company of the subscription. */
  companyId: string;
  /** The product, when named. */
  productId: string | null;
  /** Charges to the customer so far (0 when absent). */
  currentCharges: number;
  /** Partner total (cost) so far (0 when absent). */
  partnerTotal: number;
  /** ISO 4217 currency code (`''` when absent). */
  currencyCode: string;
}

/**
 * The billing stores; present when `capabilities.billing` is declared (also inside transactions).
 * Each is a {@link RecordStore} that also honours `companyIds` (items and usage summaries; invoices
 * by their `companyId`), `scopes` and `periods` in `list`, `listActiveIds`, `count` and `listUnseen`.
 */
export interface BillingStores {
  /** Invoices. */
  readonly invoices: RecordStore<InvoiceRecord>;
  /** Invoice items and draft items. */
  readonly invoiceItems: RecordStore<InvoiceItemRecord>;
  /** Usage summaries. */
  readonly usageSummaries: RecordStore<UsageSummaryRecord>;
}
