import { z } from 'zod';

// An error body is read field by field: one drifted field (status as text, details as an object)
// must not cost the caller Pax8's message and type.
const text = z.string().nullish().catch(undefined);
const code = z.coerce.number().int().nullish().catch(undefined);

/** The JSON body of a Pax8 error: `{ type, message, instance, status, details[] }`; a field that does not fit is dropped. */
export const pax8ErrorBodySchema = z.looseObject({
  type: text,
  message: text,
  instance: text,
  status: code,
  details: z
    .array(z.looseObject({ type: text, message: text, instance: text, status: code }).nullable().catch(null))
    .nullish()
    .catch(undefined),
});

/** The JSON body of a refused token request: `{ error, error_description }`. */
export const pax8TokenErrorBodySchema = z.looseObject({
  error: z.string().nullish(),
  error_description: z.string().nullish(),
});

/** A successful token response. */
export const pax8TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().nullish(),
});
