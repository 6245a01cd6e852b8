import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { parseOptions } from '../client/parse-options';
import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import type { Pax8Now, Pax8Sleep } from '../http/clock';
import type { Pax8Logger } from '../http/logger';
import type { Pax8Fetch } from '../http/send-once';
import { PAX8_OAUTH_DEFAULTS } from './defaults';

/** Where Pax8's authorization server is (defaults in {@link PAX8_OAUTH_DEFAULTS}). */
export interface Pax8OAuthServerOptions {
  /** Default `https://login.pax8.com/authorize` (documented by Pax8). */
  authorizationEndpoint?: string;
  /** Default `https://login.pax8.com/oauth/token` (an assumption: the guide does not say). */
  tokenEndpoint?: string;
  /**
   * Default `https://login.pax8.com/` (an assumption), or the origin of `authorizationEndpoint`
   * plus `/` when that is given; checked only against an `iss` callback parameter.
   */
  issuer?: string;
}

/** The application registered with Pax8 (a confidential client by default). */
export interface Pax8OAuthClientOptions extends Pax8OAuthServerOptions {
  /** The application's OAuth client id. */
  clientId: string;
  /** The application's client secret. Never logged, never put in an error. Leave out for a public client (PKCE only). */
  clientSecret?: string;
  /** How the secret is sent: `client_secret_post` (default with a secret), `client_secret_basic`, or `none` (default without). */
  clientAuthentication?: 'client_secret_post' | 'client_secret_basic' | 'none';
}

/** What every token-endpoint step accepts besides the client: injectable fetch, clock, timer and logger. */
export interface Pax8OAuthRequestOptions extends Pax8OAuthClientOptions {
  /** fetch implementation. Default: the global fetch. */
  fetch?: Pax8Fetch;
  /** Clock (epoch ms), for `expiresAt`. Default `Date.now`. */
  now?: Pax8Now;
  /** Timer for the timeout. Default: setTimeout. */
  sleep?: Pax8Sleep;
  /** Timeout of the token request in ms, or false. Default 30 000. */
  timeoutMs?: number | false;
  /** pino-shaped logger: one line per step, never a code, verifier, state or token. */
  logger?: Pax8Logger;
}

/** What the steps work with, validated. @internal */
export interface OAuthContext {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  /** The injected fetch, if any. */
  fetch: Pax8Fetch | undefined;
  /** An http endpoint (loopback only) is in use. */
  insecure: boolean;
  /** Values to redact from every message. */
  secrets: string[];
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

/** An https URL; http only for a loopback host (a simulator on this machine). @internal */
export const endpointSchema = z
  .string({ message: 'must be an absolute https URL' })
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { message: 'must be an absolute https URL' })
  .refine((value) => !URL.canParse(value) || new URL(value).protocol === 'https:' || isLoopback(new URL(value).hostname), {
    message: 'must be https (http only on a loopback host such as 127.0.0.1)',
  });

const fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', { message: 'must be a function' });

/** Shape of {@link Pax8OAuthRequestOptions}, for the steps' own schemas. @internal */
export const requestOptionsShape = {
  clientId: z.string({ message: 'is required: the OAuth client id of the application' }).trim().min(1, 'is required: the OAuth client id of the application'),
  clientSecret: z.string({ message: 'must be a string' }).min(1, 'must not be empty (leave it out for a public client)').optional(),
  clientAuthentication: z.enum(['client_secret_post', 'client_secret_basic', 'none'], { message: "must be 'client_secret_post', 'client_secret_basic' or 'none'" }).optional(),
  authorizationEndpoint: endpointSchema.optional(),
  tokenEndpoint: endpointSchema.optional(),
  issuer: z.string().min(1).optional(),
  fetch: fn.optional(),
  now: fn.optional(),
  sleep: fn.optional(),
  timeoutMs: z.union([z.literal(false), z.number().int().positive()], { message: 'must be a positive number of ms, or false' }).optional(),
  logger: z.object({}).loose().optional(),
};

/** Validates `value` against `shape` (strict); errors name the field. @internal */
export function parseStepOptions<T extends z.ZodRawShape>(shape: T, value: unknown, step: string): z.infer<z.ZodObject<T>> {
  if (typeof value !== 'object' || value === null) throw new Pax8InvalidArgumentError(`${step} needs an options object`, { field: 'options' });
  return parseOptions(z.strictObject(shape), value, step) as z.infer<z.ZodObject<T>>;
}

/** Builds oauth4webapi's server, client and auth method from the options. @internal */
export function oauthContext(options: Pax8OAuthRequestOptions, secrets: readonly (string | undefined)[]): OAuthContext {
  const tokenEndpoint = options.tokenEndpoint ?? PAX8_OAUTH_DEFAULTS.tokenEndpoint;
  const authorizationEndpoint = options.authorizationEndpoint ?? PAX8_OAUTH_DEFAULTS.authorizationEndpoint;
  // An authorization server elsewhere (a simulator) is its own issuer unless told otherwise.
  const issuer = options.issuer ?? (options.authorizationEndpoint ? `${new URL(authorizationEndpoint).origin}/` : PAX8_OAUTH_DEFAULTS.issuer);
  const as: oauth.AuthorizationServer = {
    issuer,
    authorization_endpoint: authorizationEndpoint,
    token_endpoint: tokenEndpoint,
  };
  const secret = options.clientSecret;
  const method = options.clientAuthentication ?? (secret ? 'client_secret_post' : 'none');
  if (method !== 'none' && !secret) {
    throw new Pax8InvalidArgumentError(`clientSecret is required with clientAuthentication '${method}'`, { field: 'clientSecret' });
  }
  const clientAuth = method === 'none' ? oauth.None() : method === 'client_secret_basic' ? oauth.ClientSecretBasic(secret as string) : oauth.ClientSecretPost(secret as string);
  return {
    as,
    client: { client_id: options.clientId.trim() },
    clientAuth,
    fetch: options.fetch,
    insecure: [tokenEndpoint, authorizationEndpoint].some((url) => new URL(url).protocol === 'http:'),
    secrets: [secret, ...secrets].filter((value): value is string => typeof value === 'string' && value.length > 0),
  };
}

/** oauth4webapi request options: the injected fetch, loopback http, the abort signal. @internal */
export function requestOptions(ctx: OAuthContext, signal: AbortSignal): oauth.TokenEndpointRequestOptions {
  const options: oauth.TokenEndpointRequestOptions = { signal };
  const fetch = ctx.fetch;
  if (fetch) options[oauth.customFetch] = (url, init) => fetch(url, init as RequestInit);
  // http is accepted only for loopback endpoints (checked by endpointSchema): a simulator here.
  if (ctx.insecure) options[oauth.allowInsecureRequests] = true;
  return options;
}
