import type {
  BillingRecordBase,
  CompanyRecord,
  InvoiceItemRecord,
  InvoiceRecord,
  ProductRecord,
  RecordFilter,
  SubscriptionRecord,
  SyncedRecordBase,
  UsageSummaryRecord,
} from '@pax8-sync/core';

// How each entity's records map to its table: the columns beyond the common ones and the filters
// that apply. The record-store machinery (./record-store) is the same for every entity.

/**
 * One column of a record table: SQL name and type, and the record field it holds. `bigint` and
 * `json` are the common columns' types (times, `data`); an entity's own columns are the others. @internal
 */
export interface RecordColumn<T> {
  column: string;
  type: 'text' | 'double precision' | 'boolean' | 'bigint' | 'json';
  field: keyof T & string;
}

/** A {@link RecordFilter} list the entity honours, and the column it matches. @internal */
export interface FilterColumn {
  option: keyof RecordFilter;
  column: string;
}

/** How one entity maps to its table. @internal */
export interface EntityTable<T extends SyncedRecordBase> {
  table: 'companies' | 'products' | 'subscriptions' | 'invoices' | 'invoice_items' | 'usage_summaries';
  /** The entity's columns beyond the common ones, in the order of the record type's fields. */
  extra: readonly RecordColumn<T>[];
  /** The filters that apply; the others are ignored, as the contract says. */
  filters: readonly FilterColumn[];
}

/** The columns every record table has, in the contract's field order. @internal */
export const commonColumns: readonly RecordColumn<SyncedRecordBase>[] = [
  { column: 'connection_id', type: 'text', field: 'connectionId' },
  { column: 'id', type: 'text', field: 'id' },
  { column: 'hash', type: 'text', field: 'hash' },
  { column: 'data', type: 'json', field: 'data' },
  { column: 'created_run_id', type: 'text', field: 'createdRunId' },
  { column: 'updated_run_id', type: 'text', field: 'updatedRunId' },
  { column: 'created_at', type: 'bigint', field: 'createdAt' },
  { column: 'updated_at', type: 'bigint', field: 'updatedAt' },
  { column: 'removed_at', type: 'bigint', field: 'removedAt' },
];

const textField = <T>(column: string, field: keyof T & string): RecordColumn<T> => ({ column, type: 'text', field });
const numberField = <T>(column: string, field: keyof T & string): RecordColumn<T> => ({ column, type: 'double precision', field });
const byCompany: FilterColumn = { option: 'companyIds', column: 'company_id' };

/** Companies: name and status as columns. @internal */
export const companiesTable: EntityTable<CompanyRecord> = {
  table: 'companies',
  filters: [],
  extra: [textField('name', 'name'), textField('status', 'status')],
};

/** Products: name and vendor. @internal */
export const productsTable: EntityTable<ProductRecord> = {
  table: 'products',
  filters: [],
  extra: [textField('name', 'name'), textField('vendor_name', 'vendorName')],
};

/** Subscriptions: company, product, status, mapped state, quantity. @internal */
export const subscriptionsTable: EntityTable<SubscriptionRecord> = {
  table: 'subscriptions',
  filters: [byCompany],
  extra: [textField('company_id', 'companyId'), textField('product_id', 'productId'), textField('status', 'status'), textField('mapped_state', 'mappedState'), numberField('quantity', 'quantity')],
};

/** Every billing row's scope and period, and their filters. */
const billingColumns = [textField<BillingRecordBase>('scope', 'scope'), textField<BillingRecordBase>('period', 'period')];
const billingFilters: readonly FilterColumn[] = [byCompany, { option: 'scopes', column: 'scope' }, { option: 'periods', column: 'period' }];

/** Invoices: scope, period, date, status, company (nullable), total, currency. @internal */
export const invoicesTable: EntityTable<InvoiceRecord> = {
  table: 'invoices',
  filters: billingFilters,
  extra: [
    ...billingColumns,
    textField('invoice_date', 'invoiceDate'),
    textField('status', 'status'),
    textField('company_id', 'companyId'),
    numberField('total', 'total'),
    textField('currency_code', 'currencyCode'),
  ],
};

/** Invoice and draft items: scope, period, the ids charged, quantity, price, cost, currency, charge type, billed by Pax8. @internal */
export const invoiceItemsTable: EntityTable<InvoiceItemRecord> = {
  table: 'invoice_items',
  filters: billingFilters,
  extra: [
    ...billingColumns,
    textField('invoice_id', 'invoiceId'),
    textField('company_id', 'companyId'),
    textField('subscription_id', 'subscriptionId'),
    textField('product_id', 'productId'),
    numberField('quantity', 'quantity'),
    numberField('price', 'price'),
    numberField('cost', 'cost'),
    textField('currency_code', 'currencyCode'),
    textField('charge_type', 'chargeType'),
    { column: 'billed_by_pax8', type: 'boolean', field: 'billedByPax8' },
  ],
};

/** Usage summaries: scope, period, subscription, company, product, charges, partner total, currency. @internal */
export const usageSummariesTable: EntityTable<UsageSummaryRecord> = {
  table: 'usage_summaries',
  filters: billingFilters,
  extra: [
    ...billingColumns,
    textField('subscription_id', 'subscriptionId'),
    textField('company_id', 'companyId'),
    textField('product_id', 'productId'),
    numberField('current_charges', 'currentCharges'),
    numberField('partner_total', 'partnerTotal'),
    textField('currency_code', 'currencyCode'),
  ],
};
