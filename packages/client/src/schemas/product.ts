import { z } from 'zod';
import { defineModel } from './enum-mode';

/** Billing terms Pax8 documents. */
export const PAX8_BILLING_TERMS = ['Monthly', 'Annual', '2-Year', '3-Year', 'One-Time', 'Trial', 'Activation'] as const;
/** A billing term: a documented one, or any newer value Pax8 sends. */
export type Pax8BillingTerm = (typeof PAX8_BILLING_TERMS)[number] | (string & {});

const productFields = {
  id: z.string(),
  name: z.string().nullish(),
  vendorName: z.string().nullish(),
  shortDescription: z.string().nullish(),
  sku: z.string().nullish(),
  vendorSku: z.string().nullish(),
  altVendorSku: z.string().nullish(),
  requiresCommitment: z.boolean().nullish(),
};

/** Product model (lenient and strict). @internal */
export const pax8ProductModel = defineModel('product', () => z.looseObject(productFields));
/** Zod schema of a product as listed. */
export const pax8ProductSchema = pax8ProductModel.lenient;
/** A Pax8 catalogue product. */
export type Pax8Product = z.infer<typeof pax8ProductSchema>;

/** Product detail model. @internal */
export const pax8ProductDetailModel = defineModel('product detail', () =>
  z.looseObject({ ...productFields, description: z.string().nullish() }),
);
/** Zod schema of one product fetched by id. */
export const pax8ProductDetailSchema = pax8ProductDetailModel.lenient;
/** A product fetched by id (adds the long description). */
export type Pax8ProductDetail = z.infer<typeof pax8ProductDetailSchema>;

/** Commitment model (a product's commitment terms). @internal */
export const pax8CommitmentModel = defineModel('commitment', () =>
  z.looseObject({
    id: z.string().nullish(),
    term: z.string().nullish(),
    autoRenew: z.boolean().nullish(),
    renewalWindowDaysBeforeTermEnd: z.number().nullish(),
    renewalWindowDaysAfterTermEnd: z.number().nullish(),
    allowForQuantityIncrease: z.boolean().nullish(),
    allowForQuantityDecrease: z.boolean().nullish(),
    allowForEarlyCancellation: z.boolean().nullish(),
    cancellationFeeApplied: z.boolean().nullish(),
    isTransferable: z.boolean().nullish(),
  }),
);
/** Zod schema of a commitment term a product offers. */
export const pax8CommitmentSchema = pax8CommitmentModel.lenient;
/** A commitment term a product offers. */
export type Pax8Commitment = z.infer<typeof pax8CommitmentSchema>;

/** Product dependencies model. @internal */
export const pax8ProductDependenciesModel = defineModel('product dependencies', (enumOf) =>
  z.looseObject({
    commitmentDependencies: z.array(pax8CommitmentModel.build(enumOf)).nullish(),
    productDependencies: z
      .array(z.looseObject({ name: z.string().nullish(), products: z.array(z.looseObject(productFields)).nullish() }))
      .nullish(),
  }),
);
/** Zod schema of a product's dependencies. */
export const pax8ProductDependenciesSchema = pax8ProductDependenciesModel.lenient;
/** What a product requires: commitment terms and other products. */
export type Pax8ProductDependencies = z.infer<typeof pax8ProductDependenciesSchema>;

/** Pricing model. @internal */
export const pax8PricingModel = defineModel('pricing', (enumOf) =>
  z.looseObject({
    productId: z.string().nullish(),
    productName: z.string().nullish(),
    billingTerm: enumOf(PAX8_BILLING_TERMS).nullish(),
    commitmentTerm: z.string().nullish(),
    commitmentTermInMonths: z.number().nullish(),
    type: enumOf(['Flat', 'Volume', 'Tiered', 'Mark-Up']).nullish(),
    unitOfMeasurement: z.string().nullish(),
    rates: z
      .array(
        z.looseObject({
          partnerBuyRate: z.number().nullish(),
          suggestedRetailPrice: z.number().nullish(),
          startQuantityRange: z.number().nullish(),
          endQuantityRange: z.number().nullish(),
          chargeType: enumOf(['Per Unit', 'Flat Rate']).nullish(),
        }),
      )
      .nullish(),
  }),
);
/** Zod schema of one pricing entry of a product. */
export const pax8PricingSchema = pax8PricingModel.lenient;
/** One pricing entry (per billing term / commitment) of a product. */
export type Pax8Pricing = z.infer<typeof pax8PricingSchema>;

/** Provisioning detail model. @internal */
export const pax8ProvisioningDetailModel = defineModel('provisioning detail', (enumOf) =>
  z.looseObject({
    label: z.string().nullish(),
    key: z.string().nullish(),
    values: z.array(z.string()).nullish(),
    description: z.string().nullish(),
    valueType: enumOf(['Input', 'Single-Value', 'Multi-Value']).nullish(),
    possibleValues: z.array(z.string()).nullish(),
  }),
);
/** Zod schema of a provisioning detail. */
export const pax8ProvisioningDetailSchema = pax8ProvisioningDetailModel.lenient;
/** A value a product needs at order time (e.g. a tenant domain). */
export type Pax8ProvisioningDetail = z.infer<typeof pax8ProvisioningDetailSchema>;
