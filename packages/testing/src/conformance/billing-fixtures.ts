import type { BillingStores, InvoiceItemRecord, InvoiceRecord, Pax8SyncStores, UsageSummaryRecord } from '@pax8-sync/core';
import { rowBase } from './fixtures';

/** The billing stores of `stores`, failing clearly when the adapter declared `billing` without them. */
export function billingOf(stores: Pax8SyncStores): BillingStores {
  if (!stores.billing) throw new Error('storage.billing is missing although capabilities.billing is declared');
  return stores.billing;
}

/** An invoice row of the month `period` (its scope `invoices:<period>`); `patch` overrides any field. */
export function invoiceRow(connectionId: string, id: string, period: string, patch: Partial<InvoiceRecord> = {}): InvoiceRecord {
  const invoiceDate = `${period}-05`;
  return {
    ...rowBase(connectionId, id, 1),
    data: { id, invoiceDate, status: 'Unpaid', total: 120.5, currencyCode: 'USD', partnerId: 'partner-1' },
    scope: `invoices:${period}`,
    period,
    invoiceDate,
    status: 'Unpaid',
    companyId: 'c-1',
    total: 120.5,
    currencyCode: 'USD',
    ...patch,
  };
}

/** An item of invoice `invoiceId` (`null`: a draft item of `period`) charged to `companyId`; `patch` overrides any field. */
export function itemRow(connectionId: string, id: string, invoiceId: string | null, companyId: string, period: string, patch: Partial<InvoiceItemRecord> = {}): InvoiceItemRecord {
  return {
    ...rowBase(connectionId, id, 1),
    data: { companyId, subscriptionId: `sub-${id}`, productId: 'p-1', quantity: 3, price: 12.5, cost: 9.75, nested: { tags: ['a', 1], none: null } },
    scope: invoiceId === null ? `draft:${period}` : `invoice:${invoiceId}`,
    period,
    invoiceId,
    companyId,
    subscriptionId: `sub-${id}`,
    productId: 'p-1',
    quantity: 3,
    price: 12.5,
    cost: 9.75,
    currencyCode: 'USD',
    chargeType: 'per',
    billedByPax8: false,
    ...patch,
  };
}

/** A usage summary of subscription `subscriptionId` for `period`; `patch` overrides any field. */
export function usageRow(connectionId: string, id: string, subscriptionId: string, companyId: string, period: string, patch: Partial<UsageSummaryRecord> = {}): UsageSummaryRecord {
  return {
    ...rowBase(connectionId, id, 1),
    data: { id, subscriptionId, companyId, currentCharges: 42.25, partnerTotal: 30 },
    scope: `usage:${subscriptionId}:${period}`,
    period,
    subscriptionId,
    companyId,
    productId: null,
    currentCharges: 42.25,
    partnerTotal: 30,
    currencyCode: 'USD',
    ...patch,
  };
}
