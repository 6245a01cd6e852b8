import type { z } from 'zod';
import type { HttpMethod, QueryValue } from '../http/http-client';
import type { Pax8Model } from '../schemas/enum-mode';
import { pax8ContentEnvelopeSchema } from '../schemas/page';
import { defineModel } from '../schemas/enum-mode';
import type { ResourceContext } from './context';

/** One call whose answer is one object. @internal */
export interface CallSpec {
  method: HttpMethod;
  url: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Values in the body that must not appear in errors. */
  secrets?: readonly string[];
}

/** Sends a call and validates the single object it returns. @internal */
export async function callOne<S extends z.ZodType>(ctx: ResourceContext, model: Pax8Model<S>, spec: CallSpec): Promise<z.infer<S>> {
  const response = await ctx.http.request(spec);
  return ctx.validator.one(model, response.data, response.url);
}

/** Sends a call that returns no body (204/202). @internal */
export async function callVoid(ctx: ResourceContext, spec: CallSpec): Promise<void> {
  await ctx.http.request(spec);
}

const contentModel = defineModel('content envelope', () => pax8ContentEnvelopeSchema);

/** Sends a call whose answer is `{ content: [...] }` (not paged) and validates every item. @internal */
export async function callContent<S extends z.ZodType>(ctx: ResourceContext, model: Pax8Model<S>, spec: CallSpec): Promise<z.infer<S>[]> {
  const response = await ctx.http.request(spec);
  const envelope = ctx.validator.one(contentModel, response.data, response.url);
  return envelope.content.map((item, index) => ctx.validator.one(model, item, response.url, ['content', index]));
}
