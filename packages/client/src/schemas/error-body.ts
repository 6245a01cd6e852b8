import { z } from 'zod';

/** The JSON body of a Pax8 error: `{ type, message, instance, status, details[] }`. */
export const pax8ErrorBodySchema = z.looseObject({
  type: z.string().nullish(),
  message: z.string().nullish(),
  instance: z.string().nullish(),
  status: z.number().nullish(),
  details: z
    .array(
      z.looseObject({
        type: z.string().nullish(),
        message: z.string().nullish(),
        instance: z.string().nullish(),
        status: z.number().nullish(),
      }),
    )
    .nullish(),
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
