import type { InvoiceItemRecord, InvoiceRecord, UsageSummaryRecord } from '@pax8-sync/core';
import { recordBase } from './rows';

const common = (connectionId: string, id: string) => recordBase(connectionId, id, { id, note: `row ${id}` });

/** An invoice row of month `period` (scope `invoices:<period>`) for adapter tests. */
export function invoiceRow(connectionId: string, id: string, period: string, companyId: string | null): InvoiceRecord {
  return { ...common(connectionId, id), scope: `invoices:${period}`, period, invoiceDate: `${period}-05`, status: 'Unpaid', companyId, total: 1234.56, currencyCode: 'USD' };
}

/** An item row: of invoice `invoiceId` (scope `invoice:<id>`), or a draft item (scope `draft:<period>`) when it is `null`. */
export function itemRow(connectionId: string, id: string, companyId: string, period: string, invoiceId: string | null = null): InvoiceItemRecord {
  return {
    ...common(connectionId, id),
    scope: invoiceId === null ? `draft:${period}` : `invoice:${invoiceId}`,
    period,
    invoiceId,
    companyId,
    subscriptionId: `sub-${id}`,
    productId: 'prod-1',
    quantity: 3,
    price: 12.5,
    cost: 9.75,
    currencyCode: 'USD',
    chargeType: 'per',
    billedByPax8: false,
  };
}

/** A usage summary of subscription `subscriptionId` for `period` (scope `usage:<subscription>:<period>`). */
export function usageRow(connectionId: string, id: string, subscriptionId: string, companyId: string, period: string): UsageSummaryRecord {
  return {
    ...common(connectionId, id),
    scope: `usage:${subscriptionId}:${period}`,
    period,
    subscriptionId,
    companyId,
    productId: null,
    currentCharges: 41.2,
    partnerTotal: 30.9,
    currencyCode: 'EUR',
  };
}
