import { z } from 'zod';
import { defineModel, pax8DateSchema } from './enum-mode';
import { pax8ContactInputModel, pax8ContactModel } from './contact';

/** Company statuses Pax8 documents (others may appear). */
export const PAX8_COMPANY_STATUSES = ['Active', 'Inactive', 'Deleted'] as const;

/** A postal address as Pax8 sends it. */
export const pax8AddressSchema = z.looseObject({
  street: z.string().nullish(),
  street2: z.string().nullish(),
  city: z.string().nullish(),
  stateOrProvince: z.string().nullish(),
  postalCode: z.string().nullish(),
  country: z.string().nullish(),
});

/** A postal address. */
export type Pax8Address = z.infer<typeof pax8AddressSchema>;

/** Company model (lenient and strict). @internal */
export const pax8CompanyModel = defineModel('company', (enumOf) =>
  z.looseObject({
    id: z.string(),
    name: z.string().nullish(),
    address: pax8AddressSchema.nullish(),
    phone: z.string().nullish(),
    website: z.string().nullish(),
    externalId: z.string().nullish(),
    billOnBehalfOfEnabled: z.boolean().nullish(),
    selfServiceAllowed: z.boolean().nullish(),
    orderApprovalRequired: z.boolean().nullish(),
    status: enumOf(PAX8_COMPANY_STATUSES).nullish(),
    updatedDate: pax8DateSchema.nullish(),
    contacts: z.array(pax8ContactModel.build(enumOf)).nullish(),
  }),
);

/** Zod schema of a Pax8 company (lenient: unknown fields and enum values pass). */
export const pax8CompanySchema = pax8CompanyModel.lenient;
/** A Pax8 company (end customer of the partner). */
export type Pax8Company = z.infer<typeof pax8CompanySchema>;
/** A company status: a documented one, or any newer value Pax8 sends. */
export type Pax8CompanyStatus = (typeof PAX8_COMPANY_STATUSES)[number] | (string & {});

/**
 * Body model of `companies.create`. Give `contacts` (a primary Admin or Billing contact, for one):
 * Pax8 leaves a company created without contacts inactive, and an inactive company blocks its
 * re-creation ("already exists"). @internal
 */
export const pax8CompanyCreateModel = defineModel('company create body', (enumOf) =>
  z.looseObject({
    name: z.string().min(1),
    address: pax8AddressSchema,
    phone: z.string(),
    website: z.string(),
    externalId: z.string().optional(),
    billOnBehalfOfEnabled: z.boolean(),
    selfServiceAllowed: z.boolean(),
    orderApprovalRequired: z.boolean(),
    contacts: z.array(pax8ContactInputModel.build(enumOf)).optional(),
  }),
);

/** Zod schema of the body of `companies.create`. */
export const pax8CompanyCreateSchema = pax8CompanyCreateModel.lenient;
/** The body of `companies.create`. */
export type Pax8CompanyCreate = z.input<typeof pax8CompanyCreateSchema>;

/** Body model of `companies.update` (PATCH: every field optional). @internal */
export const pax8CompanyUpdateModel = defineModel('company update body', () =>
  z.looseObject({
    name: z.string().min(1).optional(),
    address: pax8AddressSchema.optional(),
    phone: z.string().optional(),
    website: z.string().optional(),
    externalId: z.string().optional(),
    billOnBehalfOfEnabled: z.boolean().optional(),
    selfServiceAllowed: z.boolean().optional(),
    orderApprovalRequired: z.boolean().optional(),
  }),
);

/** Zod schema of the body of `companies.update`. */
export const pax8CompanyUpdateSchema = pax8CompanyUpdateModel.lenient;
/** The body of `companies.update`. */
export type Pax8CompanyUpdate = z.input<typeof pax8CompanyUpdateSchema>;
