import { z } from 'zod';
import { defineModel, pax8DateSchema } from './enum-mode';
import { PAX8_BILLING_TERMS, pax8ProvisioningDetailModel } from './product';

/** `orderedBy` values: documented ones plus `Pax8Partner`, which real Pax8 sends. */
export const PAX8_ORDERED_BY = ['Pax8 Partner', 'Pax8Partner', 'Customer', 'Pax8'] as const;

/** Order model (lenient and strict). @internal */
export const pax8OrderModel = defineModel('order', (enumOf) =>
  z.looseObject({
    id: z.string(),
    companyId: z.string().nullish(),
    createdDate: pax8DateSchema.nullish(),
    orderedBy: enumOf(PAX8_ORDERED_BY).nullish(),
    orderedByUserId: z.string().nullish(),
    orderedByUserEmail: z.string().nullish(),
    isScheduled: z.boolean().nullish(),
    lineItems: z
      .array(
        z.looseObject({
          id: z.string().nullish(),
          productId: z.string().nullish(),
          subscriptionId: z.string().nullish(),
          commitmentTermId: z.string().nullish(),
          provisionStartDate: pax8DateSchema.nullish(),
          lineItemNumber: z.number().nullish(),
          billingTerm: enumOf(PAX8_BILLING_TERMS).nullish(),
          parentSubscriptionId: z.string().nullish(),
          parentLineItemNumber: z.number().nullish(),
          quantity: z.number().nullish(),
        }),
      )
      .nullish(),
  }),
);
/** Zod schema of an order. */
export const pax8OrderSchema = pax8OrderModel.lenient;
/** A Pax8 order. */
export type Pax8Order = z.infer<typeof pax8OrderSchema>;

/** Body model of `orders.create`. @internal */
export const pax8OrderCreateModel = defineModel('order create body', (enumOf) =>
  z.looseObject({
    companyId: z.string().min(1),
    orderedBy: enumOf(PAX8_ORDERED_BY).optional(),
    orderedByUserId: z.string().optional(),
    orderedByUserEmail: z.string().optional(),
    isScheduled: z.boolean().optional(),
    lineItems: z
      .array(
        z.looseObject({
          productId: z.string().min(1),
          commitmentTermId: z.string().optional(),
          provisionStartDate: z.string().optional(),
          lineItemNumber: z.number().int(),
          billingTerm: enumOf(PAX8_BILLING_TERMS),
          parentSubscriptionId: z.string().optional(),
          parentLineItemNumber: z.number().int().optional(),
          quantity: z.number().int().nonnegative(),
          provisioningDetails: z.array(pax8ProvisioningDetailModel.build(enumOf)).optional(),
        }),
      )
      .min(1),
  }),
);
/** Zod schema of the body of `orders.create`. */
export const pax8OrderCreateSchema = pax8OrderCreateModel.lenient;
/** The body of `orders.create`. */
export type Pax8OrderCreate = z.input<typeof pax8OrderCreateSchema>;
