import { z } from 'zod';
import { defineModel, pax8DateSchema } from './enum-mode';

/** Invoice statuses Pax8 documents (the `status` filter of `invoices.list`). */
export const PAX8_INVOICE_STATUSES = ['Unpaid', 'Paid', 'Void', 'Carried', 'Nothing Due', 'Credited'] as const;
/** An invoice status: a documented one, or any newer value Pax8 sends. */
export type Pax8InvoiceStatus = (typeof PAX8_INVOICE_STATUSES)[number] | (string & {});

/** Invoice model (lenient and strict). @internal */
export const pax8InvoiceModel = defineModel('invoice', (enumOf) =>
  z.looseObject({
    id: z.string(),
    invoiceDate: pax8DateSchema.nullish(),
    dueDate: pax8DateSchema.nullish(),
    status: enumOf(PAX8_INVOICE_STATUSES).nullish(),
    balance: z.number().nullish(),
    carriedBalance: z.number().nullish(),
    total: z.number().nullish(),
    currencyCode: z.string().nullish(),
    partnerName: z.string().nullish(),
    companyId: z.string().nullish(),
    externalId: z.string().nullish(),
  }),
);
/** Zod schema of a partner invoice. */
export const pax8InvoiceSchema = pax8InvoiceModel.lenient;
/** A partner invoice. */
export type Pax8Invoice = z.infer<typeof pax8InvoiceSchema>;

/** Invoice item types Pax8 documents. */
export const PAX8_INVOICE_ITEM_TYPES = [
  'rebate',
  'prorate',
  'subscription',
  'payment-credit',
  'one-time',
  'service-charge',
  'service-credit',
  'invoice-credit',
] as const;

/** Charge types of invoice items: `flat` (one price) or `per` (per unit). */
export const PAX8_INVOICE_CHARGE_TYPES = ['flat', 'per'] as const;

/** Invoice item model (used by invoice items and draft items). @internal */
export const pax8InvoiceItemModel = defineModel('invoice item', (enumOf) =>
  z.looseObject({
    id: z.string().nullish(),
    purchaseOrderNumber: z.string().nullish(),
    type: enumOf(PAX8_INVOICE_ITEM_TYPES).nullish(),
    companyId: z.string().nullish(),
    externalId: z.string().nullish(),
    companyName: z.string().nullish(),
    startPeriod: pax8DateSchema.nullish(),
    endPeriod: pax8DateSchema.nullish(),
    quantity: z.number().nullish(),
    unitOfMeasure: z.string().nullish(),
    term: enumOf(['3 Year', 'Annual', '2 Year', 'Activation', 'One-Time', 'Arrears', 'Trial', 'Rebate', 'One-time', 'Monthly']).nullish(),
    sku: z.string().nullish(),
    description: z.string().nullish(),
    details: z.string().nullish(),
    // The document lists descriptions ("markup (Percentage based markup ...)") as its values:
    // any string passes, the short names being markup, single, flat, volume and tiered.
    rateType: z.string().nullish(),
    chargeType: enumOf(PAX8_INVOICE_CHARGE_TYPES).nullish(),
    price: z.number().nullish(),
    subTotal: z.number().nullish(),
    cost: z.number().nullish(),
    costTotal: z.number().nullish(),
    offeredBy: z.string().nullish(),
    billedByPax8: z.boolean().nullish(),
    total: z.number().nullish(),
    productId: z.string().nullish(),
    productName: z.string().nullish(),
    billingFee: z.number().nullish(),
    billingFeeRate: z.number().nullish(),
    amountDue: z.number().nullish(),
    currencyCode: z.string().nullish(),
    salesTax: z.number().nullish(),
    subscriptionId: z.string().nullish(),
    vendorName: z.string().nullish(),
  }),
);
/** Zod schema of an invoice item (and of a draft invoice item). */
export const pax8InvoiceItemSchema = pax8InvoiceItemModel.lenient;
/** One line of an invoice, or of the upcoming (draft) invoice. */
export type Pax8InvoiceItem = z.infer<typeof pax8InvoiceItemSchema>;
