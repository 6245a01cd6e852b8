import pRetry from 'p-retry';
import type { TokenManager } from '../auth/token-manager';
import { Pax8ApiError } from '../errors/pax8-api-error';
import { Pax8AuthError } from '../errors/pax8-auth-error';
import { Pax8MaybeAppliedError } from '../errors/pax8-maybe-applied-error';
import { Pax8NetworkError } from '../errors/pax8-network-error';
import { Pax8RateLimitError } from '../errors/pax8-rate-limit-error';
import { Pax8TimeoutError } from '../errors/pax8-timeout-error';
import type { Pax8RateLimiter } from '../rate-limit/create-rate-limiter';
import { backoffDelay, type Pax8RetryOptions } from './backoff';
import { errorFromResponse } from './error-from-response';
import { parseRetryAfter } from './retry-after';
import { type AttemptResult, isRefusal, sendOnce, type Transport } from './send-once';

/** HTTP methods the Pax8 API uses. @internal */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** A query value; undefined and null are left out. @internal */
export type QueryValue = string | number | boolean | undefined | null;

/** One API call. @internal */
export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL without query. */
  url: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** False: a single attempt (verifyConnectivity). */
  retry?: boolean;
  /** Values in this request that must not appear in errors (e.g. a webhook's `authorization`). */
  secrets?: readonly string[];
  /**
   * Send at most once: no retry at all (only the resend after a 401, which Pax8 applied nothing
   * for), every method treated as non-idempotent, and what reached the wire recorded here.
   */
  once?: SendTrace;
}

/** What a send-at-most-once call put on the wire. @internal */
export interface SendTrace {
  /** True once a request may have left (its fetch was called and did not fail before connecting). */
  sent: boolean;
  /** HTTP statuses of the answers received, in order. */
  answered: number[];
  /** The last request sent (absolute URL with query). */
  last?: { method: string; url: string };
}

/** A successful API answer. @internal */
export interface HttpResponse {
  status: number;
  data: unknown;
  /** Absolute URL with query, as sent. */
  url: string;
}

/** What {@link createHttpClient} needs. @internal */
export interface HttpClientOptions {
  transport: Transport;
  retry: Required<Pax8RetryOptions>;
  limiter: Pax8RateLimiter;
  tokens: TokenManager;
  secrets: () => readonly string[];
}

/** Sends API calls with auth, rate limiting and the retry policy. @internal */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);
/** A Retry-After longer than this is not waited for: the error comes at once. @internal */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Appends the defined query values to `url`. @internal */
export function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

/** Builds the HTTP client. @internal */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { transport, tokens, limiter } = options;
  const { logger } = transport;

  return {
    async request(request) {
      const url = withQuery(request.url, request.query);
      const { method, once: trace } = request;
      // In send-at-most-once mode even PUT and DELETE are never sent twice.
      const idempotent = IDEMPOTENT.has(method) && trace === undefined;
      // Errors raised before the API request could leave (getting a token, connecting): it was never sent.
      const beforeSend = new WeakSet<object>();
      let attempt = 0;

      const guardToken = async <T>(step: () => T | Promise<T>): Promise<T> => {
        try {
          return await step();
        } catch (error) {
          if (typeof error === 'object' && error !== null) beforeSend.add(error);
          throw error;
        }
      };
      const token = () => guardToken(() => tokens.get());
      const send = (bearer: string) =>
        limiter.run(async () => {
          if (trace) trace.last = { method, url };
          try {
            const result = await sendOnce(transport, { method, url, body: request.body, bearer, attempt, secrets: request.secrets });
            if (trace) {
              trace.sent = true;
              trace.answered.push(result.status);
            }
            return result;
          } catch (error) {
            const neverLeft = isRefusal(error) || (Pax8NetworkError.isInstance(error) && error.requestSent === false);
            if (neverLeft && typeof error === 'object' && error !== null) beforeSend.add(error);
            else if (trace) trace.sent = true;
            throw error;
          }
        });

      const attemptOnce = async (): Promise<HttpResponse> => {
        attempt += 1;
        let bearer = await token();
        let result: AttemptResult = await send(bearer);
        if (result.status === 401) {
          // A 401 on an API call means the token went stale: drop it, refresh once, retry once.
          logger.info({ method, url }, 'pax8 refused the access token; refreshing it once');
          await guardToken(() => tokens.invalidate(bearer));
          bearer = await token();
          result = await send(bearer);
          if (result.status === 401) {
            await guardToken(() => tokens.invalidate(bearer));
            throw new Pax8AuthError(`Pax8 refused a freshly issued access token for ${method} ${url}`, {
              code: 'invalid_token',
              status: 401,
              url,
            });
          }
        }
        if (result.status >= 200 && result.status < 300) return { status: result.status, data: result.body, url };
        const status = result.status;
        const retryAfterMs = status === 429 ? parseRetryAfter(result.headers.get('retry-after'), transport.now()) : undefined;
        // Pax8 rate-limits the client, not one call: every request waits out its Retry-After.
        if (retryAfterMs !== undefined && retryAfterMs <= MAX_RETRY_AFTER_MS) await limiter.hold(retryAfterMs);
        throw errorFromResponse({
          status,
          statusText: result.statusText,
          body: result.body,
          method,
          url,
          retryable: status === 429 || (idempotent && (status >= 500 || status === 408)),
          retryAfterMs,
          secrets: [...options.secrets(), ...(request.secrets ?? [])],
        });
      };

      const retryDelay = (error: unknown, retry: number): number | undefined => {
        if (Pax8RateLimitError.isInstance(error)) return error.retryAfterMs ?? backoffDelay(retry, options.retry);
        const transient =
          Pax8TimeoutError.isInstance(error) || Pax8NetworkError.isInstance(error) || (Pax8ApiError.isInstance(error) && (error.status >= 500 || error.status === 408));
        if (!transient) return undefined;
        if (beforeSend.has(error as object) || idempotent) return backoffDelay(retry, options.retry);
        return undefined;
      };

      try {
        return await pRetry(attemptOnce, {
          retries: request.retry === false || trace !== undefined ? 0 : options.retry.retries,
          minTimeout: 0,
          maxTimeout: 0,
          factor: 1,
          shouldRetry: async ({ error, retriesConsumed }) => {
            const delayMs = retryDelay(error, retriesConsumed + 1);
            if (delayMs === undefined || delayMs > MAX_RETRY_AFTER_MS) return false;
            logger.warn({ method, url, attempt, delayMs, reason: error.name }, 'pax8 request failed; retrying');
            await transport.sleep(delayMs);
            return true;
          },
        });
      } catch (error) {
        const final = mayHaveBeenApplied(error, idempotent, beforeSend, method, url);
        // A plain 4xx answer is the caller's business (debug); giving up on a failure is an error.
        const plainAnswer = attempt === 1 && Pax8ApiError.isInstance(final) && final.status < 500;
        const level = plainAnswer ? logger.debug : logger.error;
        level({ method, url, attempts: attempt, error: final instanceof Error ? final.name : 'unknown' }, 'pax8 request failed');
        throw final;
      }
    },
  };
}

function mayHaveBeenApplied(error: unknown, idempotent: boolean, beforeSend: WeakSet<object>, method: string, url: string): unknown {
  if (idempotent || typeof error !== 'object' || error === null || beforeSend.has(error)) return error;
  const status = Pax8ApiError.isInstance(error) ? error.status : undefined;
  const unknownOutcome =
    Pax8TimeoutError.isInstance(error) ||
    Pax8NetworkError.isInstance(error) ||
    (status !== undefined && status !== 429 && (status >= 500 || status === 408));
  if (!unknownOutcome) return error;
  const what = status === undefined ? (error as Error).name : `HTTP ${status}`;
  return new Pax8MaybeAppliedError(
    `${method} ${url} failed (${what}) after it may have reached Pax8, so it may have been applied; it was not retried. Check Pax8 before sending it again.`,
    { method, url, status, cause: error },
  );
}
