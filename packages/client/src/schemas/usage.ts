import { z } from 'zod';
import { defineModel, pax8DateSchema } from './enum-mode';

/** Usage summary model. @internal */
export const pax8UsageSummaryModel = defineModel('usage summary', () =>
  z.looseObject({
    id: z.string(),
    companyId: z.string().nullish(),
    productId: z.string().nullish(),
    resourceGroup: z.string().nullish(),
    vendorName: z.string().nullish(),
    currentCharges: z.number().nullish(),
    currencyCode: z.string().nullish(),
    partnerTotal: z.number().nullish(),
    isTrial: z.boolean().nullish(),
  }),
);
/** Zod schema of a usage summary. */
export const pax8UsageSummarySchema = pax8UsageSummaryModel.lenient;
/** The month's usage of one subscription (per resource group). */
export type Pax8UsageSummary = z.infer<typeof pax8UsageSummarySchema>;

/** Usage line model. @internal */
export const pax8UsageLineModel = defineModel('usage line', () =>
  z.looseObject({
    usageSummaryId: z.string().nullish(),
    usageDate: pax8DateSchema.nullish(),
    productName: z.string().nullish(),
    productId: z.string().nullish(),
    unitOfMeasure: z.string().nullish(),
    quantity: z.number().nullish(),
    currentCharges: z.number().nullish(),
    currentProfit: z.number().nullish(),
    partnerTotal: z.number().nullish(),
    unitPrice: z.number().nullish(),
    currencyCode: z.string().nullish(),
    isTrial: z.boolean().nullish(),
  }),
);
/** Zod schema of a usage line. */
export const pax8UsageLineSchema = pax8UsageLineModel.lenient;
/** One day's usage of one product within a usage summary. */
export type Pax8UsageLine = z.infer<typeof pax8UsageLineSchema>;
