import { z } from 'zod';
import { defineModel, pax8DateSchema } from './enum-mode';
import { PAX8_BILLING_TERMS, pax8ProvisioningDetailModel } from './product';

/** The ten subscription statuses Pax8 documents. */
export const PAX8_SUBSCRIPTION_STATUSES = [
  'Active',
  'Cancelled',
  'PendingManual',
  'PendingAutomated',
  'PendingCancel',
  'WaitingForDetails',
  'Trial',
  'Converted',
  'PendingActivation',
  'Activated',
] as const;

/** A subscription status: one of the ten documented, or any newer value Pax8 sends. */
export type Pax8SubscriptionStatus = (typeof PAX8_SUBSCRIPTION_STATUSES)[number] | (string & {});

/** The commitment attached to a subscription (`commitment` in real payloads, `commitmentTerm` in the spec). */
export const pax8SubscriptionCommitmentSchema = z.looseObject({
  id: z.string().nullish(),
  term: z.string().nullish(),
  endDate: pax8DateSchema.nullish(),
});

/** Subscription model (lenient and strict). @internal */
export const pax8SubscriptionModel = defineModel('subscription', (enumOf) =>
  z.looseObject({
    id: z.string(),
    parentSubscriptionId: z.string().nullish(),
    companyId: z.string().nullish(),
    productId: z.string().nullish(),
    vendorSubscriptionId: z.string().nullish(),
    vendorSkuId: z.string().nullish(),
    quantity: z.number().nullish(),
    startDate: pax8DateSchema.nullish(),
    endDate: pax8DateSchema.nullish(),
    createdDate: pax8DateSchema.nullish(),
    updatedDate: pax8DateSchema.nullish(),
    billingStart: pax8DateSchema.nullish(),
    status: enumOf(PAX8_SUBSCRIPTION_STATUSES).nullish(),
    price: z.number().nullish(),
    currencyCode: z.string().nullish(),
    partnerCost: z.number().nullish(),
    productName: z.string().nullish(),
    billingTerm: enumOf(PAX8_BILLING_TERMS).nullish(),
    provisioningDetails: z.array(pax8ProvisioningDetailModel.build(enumOf)).nullish(),
    commitmentTerm: pax8SubscriptionCommitmentSchema.nullish(),
    commitment: pax8SubscriptionCommitmentSchema.nullish(),
  }),
);
/** Zod schema of a subscription (lenient: unknown statuses and fields pass). */
export const pax8SubscriptionSchema = pax8SubscriptionModel.lenient;
/** A Pax8 subscription. */
export type Pax8Subscription = z.infer<typeof pax8SubscriptionSchema>;

/** Body model of `subscriptions.update`: at least one of price, billingTerm, quantity, startDate. @internal */
export const pax8SubscriptionUpdateModel = defineModel('subscription update body', (enumOf) =>
  z
    .looseObject({
      quantity: z.number().int().nonnegative().optional(),
      price: z.number().optional(),
      billingTerm: enumOf(PAX8_BILLING_TERMS).optional(),
      startDate: z.string().optional(),
      provisioningDetails: z.array(pax8ProvisioningDetailModel.build(enumOf)).optional(),
    })
    .refine((body) => ['quantity', 'price', 'billingTerm', 'startDate'].some((key) => body[key] !== undefined), {
      message: 'give at least one of quantity, price, billingTerm or startDate',
    }),
);
/** Zod schema of the body of `subscriptions.update`. */
export const pax8SubscriptionUpdateSchema = pax8SubscriptionUpdateModel.lenient;
/** The body of `subscriptions.update`. */
export type Pax8SubscriptionUpdate = z.input<typeof pax8SubscriptionUpdateSchema>;
