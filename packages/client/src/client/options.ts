import { z } from 'zod';
import type { Pax8TokenProvider } from '../auth/token-provider';
import type { Pax8TokenStore } from '../auth/token-store';
import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import type { Pax8RetryOptions } from '../http/backoff';
import type { Pax8Now, Pax8Sleep } from '../http/clock';
import type { Pax8Hooks } from '../http/hooks';
import type { Pax8Logger } from '../http/logger';
import type { Pax8Fetch } from '../http/send-once';
import { type Pax8RateLimiter, rateLimitSettingsShape } from '../rate-limit/create-rate-limiter';
import type { Pax8ValidationMode } from '../schemas/validator';
import { normalizePax8BaseUrl, PAX8_DEFAULT_BASE_URL } from './normalize-base-url';
import { parseOptions } from './parse-options';
import { CLIENT_ID_REQUIRED, CLIENT_SECRET_REQUIRED, type ResolvedAuth, resolveAuth } from './resolve-auth';

/** Rate limiting of a client that makes its own limiter (see {@link createPax8RateLimiter}). */
export interface Pax8RateLimitOptions {
  /** Pax8's limit, in requests a minute. Default 1000. */
  requestsPerMinute?: number;
  /** Share of the limit used, in (0, 1]; requests go one every 60 000 / floor(n × margin) ms. Default 0.9. */
  safetyMargin?: number;
  /** Requests in flight at most. Default 10. */
  concurrency?: number;
}

/**
 * Options of {@link createPax8Client}.
 *
 * @example
 * ```ts
 * const client = createPax8Client({ clientId: process.env.PAX8_CLIENT_ID!, clientSecret: process.env.PAX8_CLIENT_SECRET! });
 * ```
 */
export interface Pax8ClientOptions {
  /** OAuth client id from the Pax8 integrations page (client credentials). Required unless `tokenProvider` is given. */
  clientId?: string;
  /** OAuth client secret. Never logged, never put in an error. Required unless `tokenProvider` is given. */
  clientSecret?: string;
  /**
   * Supplies access tokens instead of the built-in client-credentials manager (e.g. delegated
   * authorization-code tokens kept by the engine). Not with `clientId`/`clientSecret`,
   * `tokenUrl`, `audience`, `tokenStore` or `tokenRefreshMarginMs`.
   */
  tokenProvider?: Pax8TokenProvider;
  /**
   * API origin. Default `https://api.pax8.com`; partner endpoints live under `/v1`, webhooks under
   * `/api/v2`. Given as Pax8's documents write it (`https://api.pax8.com/v1`), the trailing `/v1`
   * (or `/api/v2`, or slashes) is dropped: see {@link normalizePax8BaseUrl}.
   */
  baseUrl?: string;
  /** Token endpoint of the client-credentials grant. Default `${baseUrl}/v1/token` (`https://api.pax8.com/v1/token`). */
  tokenUrl?: string;
  /** Token audience. Default `https://api.pax8.com`. */
  audience?: string;
  /** fetch implementation (passed to ky). Default: the global fetch. */
  fetch?: Pax8Fetch;
  /** Per-attempt timeout in ms, or false for none. Default 30 000. */
  timeoutMs?: number | false;
  /** Retry tuning. */
  retry?: Pax8RetryOptions;
  /** Rate limiting of this client's own limiter. Not with `rateLimiter`. */
  rateLimit?: Pax8RateLimitOptions;
  /**
   * A limiter shared with other clients of the same partner account (Pax8's limit is per
   * account), from {@link createPax8RateLimiter}. Not with `rateLimit`. Default: the client makes
   * its own from `rateLimit`.
   */
  rateLimiter?: Pax8RateLimiter;
  /** `lenient` (default): unknown enum values pass and are reported, bad records go to `rejected`. `strict`: they throw Pax8ValidationError. */
  validation?: Pax8ValidationMode;
  /** pino-shaped logger; each method optional. */
  logger?: Pax8Logger;
  /** Observation hooks (requests, responses, drift). */
  hooks?: Pax8Hooks;
  /** Where tokens are kept, to share one token between processes. Default: in memory. */
  tokenStore?: Pax8TokenStore;
  /** Refresh the token this long before it expires (at most half its life, for short-lived tokens). Default 300 000 (5 minutes). */
  tokenRefreshMarginMs?: number;
  /** Clock (epoch ms). Default `Date.now`. */
  now?: Pax8Now;
  /** Timer used for backoff, rate spacing and timeouts. Default: setTimeout. */
  sleep?: Pax8Sleep;
}

/** Options with every default applied. @internal */
export interface ResolvedOptions {
  auth: ResolvedAuth;
  baseUrl: string;
  fetch: Pax8Fetch | undefined;
  timeoutMs: number | false;
  retry: Required<Pax8RetryOptions>;
  rateLimit: Pax8RateLimitOptions;
  rateLimiter: Pax8RateLimiter | undefined;
  validation: Pax8ValidationMode;
  logger: Pax8Logger | undefined;
  hooks: Pax8Hooks;
  now: Pax8Now;
  sleep: Pax8Sleep | undefined;
}

const fn = (what: string) => z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', { message: `must be ${what}` });
const url = z
  .string()
  .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), { message: 'must be an absolute http(s) URL' })
  // Credentials in a URL would be logged with every request (and fetch refuses them anyway).
  .refine((value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''), {
    message: 'must not carry user:password (it would appear in logs and errors); give proxy credentials through `fetch`',
  });
const optionalFn = (what: string) => fn(what).optional();

const optionsSchema = z.strictObject({
  clientId: z.string({ message: CLIENT_ID_REQUIRED }).trim().min(1, CLIENT_ID_REQUIRED).optional(),
  clientSecret: z.string({ message: CLIENT_SECRET_REQUIRED }).min(1, CLIENT_SECRET_REQUIRED).optional(),
  tokenProvider: z
    .object(
      { getAccessToken: fn('a function returning a Promise of the token'), tokenRefused: fn('a function returning a Promise') },
      { message: 'must be a Pax8TokenProvider: { getAccessToken(), tokenRefused(token) }' },
    )
    .loose()
    .optional(),
  // Checked, with its own message, by normalizePax8BaseUrl.
  baseUrl: z.unknown().optional(),
  tokenUrl: url.optional(),
  audience: z.string().min(1).optional(),
  fetch: optionalFn('a fetch function'),
  timeoutMs: z.union([z.literal(false), z.number().int().positive()], { message: 'must be a positive number of ms, or false' }).optional(),
  retry: z
    .strictObject({
      retries: z.number().int().min(0).max(20).optional(),
      minDelayMs: z.number().min(0).optional(),
      maxDelayMs: z.number().min(0).optional(),
    })
    .optional(),
  rateLimit: z.strictObject(rateLimitSettingsShape).optional(),
  rateLimiter: z
    .object({ run: fn('a function'), hold: fn('a function') }, { message: 'must be a Pax8RateLimiter (from createPax8RateLimiter)' })
    .loose()
    .optional(),
  validation: z.enum(['lenient', 'strict'], { message: "must be 'lenient' or 'strict'" }).optional(),
  logger: z
    .object({
      trace: optionalFn('a function'),
      debug: optionalFn('a function'),
      info: optionalFn('a function'),
      warn: optionalFn('a function'),
      error: optionalFn('a function'),
    })
    .loose()
    .optional(),
  hooks: z
    .strictObject({ beforeRequest: optionalFn('a function'), afterResponse: optionalFn('a function'), onDrift: optionalFn('a function') })
    .optional(),
  tokenStore: z.object({ get: fn('a function returning a Promise'), set: fn('a function returning a Promise') }, { message: 'must be an object with get() and set()' }).loose().optional(),
  tokenRefreshMarginMs: z.number().min(0).optional(),
  now: optionalFn('a function returning epoch ms'),
  sleep: optionalFn('a function (ms, signal) => Promise<void>'),
});

/** Validates the options (without mutating them) and applies defaults. @internal */
export function resolveOptions(options: Pax8ClientOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new Pax8InvalidArgumentError('createPax8Client needs an options object with clientId and clientSecret (or tokenProvider)', { field: 'options' });
  }
  parseOptions(optionsSchema, options, 'Pax8 client');
  if (options.rateLimit !== undefined && options.rateLimiter !== undefined) {
    throw new Pax8InvalidArgumentError(
      'Invalid Pax8 client option `rateLimiter`: give either `rateLimiter` (a shared limiter, configured where it is made) or `rateLimit`, not both',
      { field: 'rateLimiter' },
    );
  }
  const retry = { retries: 4, minDelayMs: 500, maxDelayMs: 30_000, ...stripUndefined(options.retry) };
  if (retry.maxDelayMs < retry.minDelayMs) {
    throw new Pax8InvalidArgumentError('Invalid Pax8 client option `retry.maxDelayMs`: must be at least retry.minDelayMs', { field: 'retry.maxDelayMs' });
  }
  const baseUrl = options.baseUrl === undefined ? PAX8_DEFAULT_BASE_URL : normalizePax8BaseUrl(options.baseUrl);
  return {
    auth: resolveAuth(options, baseUrl),
    baseUrl,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry,
    rateLimit: stripUndefined(options.rateLimit),
    rateLimiter: options.rateLimiter,
    validation: options.validation ?? 'lenient',
    logger: options.logger,
    hooks: { ...options.hooks },
    now: options.now ?? Date.now,
    sleep: options.sleep,
  };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
