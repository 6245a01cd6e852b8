import { Pax8ApiError } from '../errors/pax8-api-error';
import { Pax8AuthError } from '../errors/pax8-auth-error';
import { Pax8MaybeAppliedError } from '../errors/pax8-maybe-applied-error';
import type { HttpClient, SendTrace } from '../http/http-client';
import type { ResourceContext } from '../resources/context';

/**
 * The outcome of one write sent at most once (`client.sendOnce`):
 * - `applied`: Pax8 answered 2xx; `value` is the parsed answer.
 * - `refused`: Pax8 answered 4xx and applied nothing; `error` carries the status and Pax8's
 *   `type`, `message`, `details` (a Pax8ApiError, a Pax8RateLimitError for 429 with
 *   `retryAfterMs`, or a Pax8AuthError when a fresh token was refused too). `error.isRetryable`
 *   says whether the same write may succeed later (429).
 * - `maybe-applied`: it may have reached Pax8 and no usable answer came (a 5xx, a timeout, a reset
 *   after sending, or a 2xx whose body could not be read): read Pax8 back before sending again.
 * - `not-sent`: it certainly never reached Pax8: refused locally (a bad argument or body, a
 *   refusal by the injected fetch such as the Sandbox guard, returned unchanged) or failed before
 *   any byte left (no token, connection refused, DNS, TLS, a rate-limit store failure).
 */
export type Pax8WriteOutcome<T> =
  | { kind: 'applied'; value: T }
  | { kind: 'refused'; error: Pax8ApiError | Pax8AuthError }
  | { kind: 'maybe-applied'; error: Pax8MaybeAppliedError }
  | { kind: 'not-sent'; error: unknown };

const is2xx = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;
const is4xx = (status: number | undefined) => status !== undefined && status >= 400 && status < 500;

/** Runs `call` against resources whose every request is sent at most once, and classifies what happened. @internal */
export async function runAtMostOnce<R, T>(ctx: ResourceContext, build: (ctx: ResourceContext) => R, call: (resources: R) => Promise<T>): Promise<Pax8WriteOutcome<T>> {
  const trace: SendTrace = { sent: false, answered: [] };
  const http: HttpClient = { request: (request) => ctx.http.request({ ...request, once: trace }) };
  try {
    return { kind: 'applied', value: await call(build({ ...ctx, http })) };
  } catch (error) {
    const last = trace.answered.at(-1);
    if (Pax8MaybeAppliedError.isInstance(error)) return { kind: 'maybe-applied', error };
    if (is4xx(last) && (Pax8ApiError.isInstance(error) || Pax8AuthError.isInstance(error))) return { kind: 'refused', error };
    if (!trace.sent) return { kind: 'not-sent', error };
    const what = is2xx(last) ? `Pax8 answered ${last} (so it was applied), but the answer could not be read` : 'no usable answer came';
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure';
    return {
      kind: 'maybe-applied',
      error: new Pax8MaybeAppliedError(`${trace.last?.method} ${trace.last?.url} reached Pax8 and ${what} (${detail}). Read Pax8 back before sending it again.`, {
        method: trace.last?.method ?? 'unknown',
        url: trace.last?.url ?? 'unknown',
        status: last,
        cause: error,
      }),
    };
  }
}
