import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import { PAX8_OAUTH_DEFAULTS } from './defaults';
import { endpointSchema, parseStepOptions, requestOptionsShape } from './oauth-settings';

/** Options of {@link createPax8AuthorizationRequest}. */
export interface Pax8AuthorizationRequestOptions {
  /** The application's OAuth client id. */
  clientId: string;
  /** Where Pax8 sends the person back (registered with the application). */
  redirectUri: string;
  /** Scopes asked for. Default `['Manage:Pax8Data']` (documented by Pax8). */
  scopes?: string[];
  /** The scope that asks for a refresh token, added to `scopes`; false for none. Default `offline_access` (an assumption). */
  offlineScope?: string | false;
  /** The mandatory `audience` parameter. Default `https://api.pax8.com` (documented by Pax8). */
  audience?: string;
  /** Default `https://login.pax8.com/authorize` (documented by Pax8). */
  authorizationEndpoint?: string;
  /** The state to send; default: 32 random bytes (base64url). Store it, bound to the connection, single-use, expiring. */
  state?: string;
  /** The PKCE code verifier; default: 32 random bytes (base64url). Store it with the state; it never goes in the URL. */
  codeVerifier?: string;
}

/** What to send the person to, and what to keep until the callback. */
export interface Pax8AuthorizationRequest {
  /** The authorization URL (response_type=code, client_id, redirect_uri, scope, state, audience, PKCE S256). */
  url: string;
  /** The state in the URL: check the callback against it. Secret until used. */
  state: string;
  /** The PKCE verifier: give it to the code exchange. Secret. */
  codeVerifier: string;
  /** S256 of the verifier, as sent. */
  codeChallenge: string;
  /** The redirect URI sent (the code exchange must send the same). */
  redirectUri: string;
  /** The scope parameter sent. */
  scope: string;
}

// RFC 7636 §4.1: 43 to 128 characters of [A-Z] [a-z] [0-9] - . _ ~
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

const shape = {
  clientId: requestOptionsShape.clientId,
  redirectUri: z.string({ message: 'must be an absolute URL' }).refine((value) => URL.canParse(value), { message: 'must be an absolute URL' }),
  scopes: z.array(z.string().trim().min(1).regex(/^\S+$/, 'must be one scope each, without spaces'), { message: 'must be an array of scopes' }).optional(),
  offlineScope: z.union([z.literal(false), z.string().trim().min(1)], { message: 'must be a scope, or false' }).optional(),
  audience: z.string({ message: 'must be a non-empty string' }).min(1, 'must be a non-empty string').optional(),
  authorizationEndpoint: endpointSchema.optional(),
  state: z.string({ message: 'must be a string' }).min(16, 'must be at least 16 characters (it guards the callback)').optional(),
  codeVerifier: z.string().optional(),
};

/**
 * Builds the authorization URL that starts a delegated authorization ("Connect to Pax8"), with a
 * fresh state and a PKCE S256 challenge. Nothing is kept: store `state` and `codeVerifier`
 * (sealed, bound to the connection, single-use, expiring) and give them to
 * {@link exchangePax8AuthorizationCode} when the person comes back.
 *
 * @example
 * ```ts
 * const request = await createPax8AuthorizationRequest({ clientId, redirectUri: 'https://psa.example.com/pax8/callback' });
 * await saveForCallback(request.state, request.codeVerifier);
 * redirect(request.url);
 * ```
 */
export async function createPax8AuthorizationRequest(options: Pax8AuthorizationRequestOptions): Promise<Pax8AuthorizationRequest> {
  parseStepOptions(shape, options, 'createPax8AuthorizationRequest');
  const codeVerifier = options.codeVerifier ?? oauth.generateRandomCodeVerifier();
  if (!VERIFIER.test(codeVerifier)) {
    throw new Pax8InvalidArgumentError('codeVerifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636); leave it out to get a random one', {
      field: 'codeVerifier',
    });
  }
  const state = options.state ?? oauth.generateRandomState();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  const offline = options.offlineScope ?? PAX8_OAUTH_DEFAULTS.offlineScope;
  const scopes = [...(options.scopes ?? [PAX8_OAUTH_DEFAULTS.scope]), ...(offline === false ? [] : [offline])];
  const scope = [...new Set(scopes)].join(' ');
  const url = new URL(options.authorizationEndpoint ?? PAX8_OAUTH_DEFAULTS.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: options.clientId.trim(),
    redirect_uri: options.redirectUri,
    scope,
    state,
    audience: options.audience ?? PAX8_OAUTH_DEFAULTS.audience,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url: url.href, state, codeVerifier, codeChallenge, redirectUri: options.redirectUri, scope };
}
