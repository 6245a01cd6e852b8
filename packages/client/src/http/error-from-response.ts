import { Pax8ApiError } from '../errors/pax8-api-error';
import type { Pax8ErrorDetail } from '../errors/pax8-api-error';
import { Pax8RateLimitError } from '../errors/pax8-rate-limit-error';
import { pax8ErrorBodySchema } from '../schemas/error-body';
import { redact } from './redact';

/** What {@link errorFromResponse} needs. @internal */
export interface ErrorResponse {
  status: number;
  statusText: string;
  body: unknown;
  method: string;
  url: string;
  retryable: boolean;
  retryAfterMs: number | undefined;
  secrets: readonly string[];
}

/** Builds the typed error for an HTTP error response (Pax8 `{type,message,instance,details}` body). @internal */
export function errorFromResponse(response: ErrorResponse): Pax8ApiError {
  const parsed = pax8ErrorBodySchema.safeParse(response.body);
  const body = parsed.success ? parsed.data : undefined;
  const clean = (text: string | null | undefined) => (text ? redact(text, response.secrets) : undefined);
  const details: Pax8ErrorDetail[] = (body?.details ?? []).flatMap((detail) => (detail ? [detail] : [])).map((detail) => ({
    type: clean(detail.type),
    message: clean(detail.message),
    instance: clean(detail.instance),
    status: detail.status ?? undefined,
  }));
  const pax8Message = clean(body?.message);
  const message = `Pax8 answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} to ${response.method} ${response.url}${pax8Message ? `: ${pax8Message}` : ''}`;
  const common = {
    method: response.method,
    url: response.url,
    type: clean(body?.type),
    instance: clean(body?.instance),
    details,
  };
  if (response.status === 429) {
    return new Pax8RateLimitError(`${message} (rate limited; the request was not applied)`, {
      ...common,
      retryAfterMs: response.retryAfterMs,
    });
  }
  return new Pax8ApiError(message, { ...common, status: response.status, isRetryable: response.retryable });
}
