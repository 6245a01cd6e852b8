import ky from 'ky';
import { Pax8NetworkError } from '../errors/pax8-network-error';
import { Pax8TimeoutError } from '../errors/pax8-timeout-error';
import type { Pax8Now, Pax8Sleep } from './clock';
import type { Pax8Hooks } from './hooks';
import type { CompleteLogger } from './logger';
import { redact, scrubError } from './redact';

/** The fetch function the client uses (inject one for tests or proxies). */
export type Pax8Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Transport settings shared by every attempt. @internal */
export interface Transport {
  fetch: Pax8Fetch | undefined;
  timeoutMs: number | false;
  now: Pax8Now;
  sleep: Pax8Sleep;
  logger: CompleteLogger;
  hooks: Pax8Hooks;
  /** The client secret and known tokens, kept out of network errors and their `cause`. */
  secrets: () => readonly string[];
}

/** One HTTP attempt's input. @internal */
export interface Attempt {
  method: string;
  url: string;
  body?: unknown;
  bearer?: string;
  attempt: number;
  /** Values of this request to keep out of errors too (e.g. a webhook's authorization). */
  secrets?: readonly string[];
}

/** One HTTP attempt's answer, body already read (JSON parsed when it is JSON). @internal */
export interface AttemptResult {
  status: number;
  statusText: string;
  headers: Headers;
  body: unknown;
}

async function callHook<T>(transport: Transport, name: string, hook: ((info: T) => void | Promise<void>) | undefined, info: T) {
  if (!hook) return;
  try {
    await hook(info);
  } catch (error) {
    transport.logger.warn({ hook: name, error: error instanceof Error ? error.message : String(error) }, 'pax8 hook threw; ignored');
  }
}

/**
 * Sends one attempt through ky (ky's own retry and timeout are off: the client's policy decides).
 * The per-attempt timeout runs on the injected timer. Throws Pax8TimeoutError, Pax8NetworkError,
 * or the injected fetch's own refusal unchanged (see {@link isRefusal}); HTTP error statuses come
 * back as results. @internal
 */
export async function sendOnce(transport: Transport, attempt: Attempt): Promise<AttemptResult> {
  const { method, url } = attempt;
  await callHook(transport, 'beforeRequest', transport.hooks.beforeRequest, { method, url, attempt: attempt.attempt });
  const controller = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  if (transport.timeoutMs !== false) {
    transport.sleep(transport.timeoutMs, timer.signal).then(
      () => {
        timedOut = true;
        controller.abort();
      },
      () => {},
    );
  }
  const started = transport.now();
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (attempt.bearer) headers.authorization = `Bearer ${attempt.bearer}`;
    const response = await ky(url, {
      method,
      headers,
      ...(attempt.body === undefined ? {} : { json: attempt.body }),
      ...(transport.fetch ? { fetch: transport.fetch } : {}),
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      signal: controller.signal,
    });
    const text = await response.text();
    const durationMs = transport.now() - started;
    transport.logger.debug({ method, url, status: response.status, attempt: attempt.attempt, durationMs }, 'pax8 response');
    await callHook(transport, 'afterResponse', transport.hooks.afterResponse, {
      method,
      url,
      attempt: attempt.attempt,
      status: response.status,
      durationMs,
    });
    return { status: response.status, statusText: response.statusText, headers: response.headers, body: parseBody(text) };
  } catch (error) {
    // The injected fetch refused the request itself (the Sandbox guard): it was never sent, and
    // trying again cannot help. The caller gets the refusal as it was thrown.
    if (isRefusal(error)) throw error;
    if (timedOut) {
      throw new Pax8TimeoutError(`${method} ${url} got no answer within ${transport.timeoutMs} ms`, {
        method,
        url,
        timeoutMs: transport.timeoutMs === false ? 0 : transport.timeoutMs,
      });
    }
    const secrets = [...transport.secrets(), ...(attempt.secrets ?? []), ...(attempt.bearer ? [attempt.bearer] : [])];
    const reason = error instanceof Error ? redact(error.message, secrets) : 'unknown failure';
    const requestSent = neverSent(error) ? false : undefined;
    throw new Pax8NetworkError(`${method} ${url} failed before Pax8 answered${requestSent === false ? ' (the request never left)' : ''}: ${reason}`, {
      method,
      url,
      requestSent,
      cause: scrubError(error, secrets),
    });
  } finally {
    timer.abort();
  }
}

/**
 * True for an error the injected fetch threw to refuse a request (its `isRetryable` is exactly
 * false): the client rethrows it unchanged, at once, without retrying or wrapping it. @internal
 */
export function isRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { isRetryable?: unknown }).isRetryable === false;
}

// Failures that happen before a connection carries any byte of the request: nothing reached Pax8.
// Anything else (a reset, a closed socket, a timeout) may have come after Pax8 read the request.
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** True when a fetch failure's cause chain names a connect-phase error (see NEVER_SENT). @internal */
export function neverSent(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_SENT.has(code)) return true;
    // Node groups the errors of every address it tried (IPv4 and IPv6) in an AggregateError.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => neverSent(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
