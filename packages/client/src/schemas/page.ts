import { z } from 'zod';

/** Paging metadata of a Pax8 listing. */
export const pax8PageInfoSchema = z.looseObject({
  size: z.number(),
  totalElements: z.number(),
  totalPages: z.number(),
  number: z.number(),
});

/** Paging metadata of a Pax8 listing: page `number` starts at 0. */
export type Pax8PageInfo = Pick<z.infer<typeof pax8PageInfoSchema>, 'size' | 'totalElements' | 'totalPages' | 'number'>;

/**
 * The envelope of a listing. Partner endpoints send `{ content, page: {...} }`; the webhook
 * topic-definitions endpoint sends the paging fields flat beside `content`.
 */
export const pax8PageEnvelopeSchema = z.looseObject({
  content: z.array(z.unknown()),
  page: pax8PageInfoSchema.optional(),
  size: z.number().optional(),
  totalElements: z.number().optional(),
  totalPages: z.number().optional(),
  number: z.number().optional(),
});

/** The envelope of a non-paged list such as subscription history: `{ content: [...] }`. */
export const pax8ContentEnvelopeSchema = z.looseObject({ content: z.array(z.unknown()) });
