import { z } from 'zod';
import { defineModel, pax8DateSchema } from './enum-mode';

/** Contact types Pax8 documents. */
export const PAX8_CONTACT_TYPES = ['Admin', 'Billing', 'Technical'] as const;

/** Contact model (lenient and strict). @internal */
export const pax8ContactModel = defineModel('contact', (enumOf) =>
  z.looseObject({
    id: z.string(),
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    createdDate: pax8DateSchema.nullish(),
    types: z.array(z.looseObject({ type: enumOf(PAX8_CONTACT_TYPES).nullish(), primary: z.boolean().nullish() })).nullish(),
  }),
);

/** Zod schema of a company contact. */
export const pax8ContactSchema = pax8ContactModel.lenient;
/** A contact of a Pax8 company. */
export type Pax8Contact = z.infer<typeof pax8ContactSchema>;

/** Body model of `contacts.create` / `contacts.update`. @internal */
export const pax8ContactInputModel = defineModel('contact body', (enumOf) =>
  z.looseObject({
    firstName: z.string().min(1),
    lastName: z.string().min(1),
    email: z.string().min(3),
    phone: z.string(),
    types: z.array(z.looseObject({ type: enumOf(PAX8_CONTACT_TYPES), primary: z.boolean() })).optional(),
  }),
);

/** Zod schema of the body of `contacts.create` and `contacts.update`. */
export const pax8ContactInputSchema = pax8ContactInputModel.lenient;
/** The body of `contacts.create` and `contacts.update`. */
export type Pax8ContactInput = z.input<typeof pax8ContactInputSchema>;
