import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { Pax8OAuthError } from '../errors/pax8-oauth-error';
import { completeLogger } from '../http/logger';
import { redact } from '../http/redact';
import { oauthContext, type OAuthContext, type Pax8OAuthRequestOptions, parseStepOptions, requestOptions, requestOptionsShape } from './oauth-settings';
import { type Pax8OAuthTokens, type ReasonFor, runTokenRequest } from './token-request';

/** The redirect Pax8 sent the person back with: the full callback URL, its query string, or its parameters. */
export type Pax8AuthorizationCallback = URL | URLSearchParams | string | Record<string, string | undefined>;

/** Options of {@link exchangePax8AuthorizationCode}. */
export interface Pax8CodeExchangeOptions extends Pax8OAuthRequestOptions {
  /** The callback's parameters (`code`, `state`, or `error`, `error_description`; `iss` when sent). */
  callback: Pax8AuthorizationCallback;
  /** The state the authorization request sent (from your store). */
  expectedState: string;
  /** The PKCE verifier of that request (from your store). */
  codeVerifier: string;
  /** The redirect URI the authorization request sent. */
  redirectUri: string;
}

const shape = {
  ...requestOptionsShape,
  callback: z.custom<Pax8AuthorizationCallback>(
    (value) => value instanceof URL || value instanceof URLSearchParams || typeof value === 'string' || (typeof value === 'object' && value !== null),
    { message: 'must be the callback URL, its query string, or its parameters' },
  ),
  expectedState: z.string({ message: 'is required: the state the authorization request sent' }).min(1, 'is required: the state the authorization request sent'),
  codeVerifier: z.string({ message: 'is required: the PKCE code verifier of the authorization request' }).min(1, 'is required: the PKCE code verifier of the authorization request'),
  redirectUri: z.string({ message: 'must be an absolute URL' }).refine((value) => URL.canParse(value), { message: 'must be an absolute URL' }),
};

/** The callback as URLSearchParams. @internal */
export function callbackParameters(callback: Pax8AuthorizationCallback): URLSearchParams {
  if (callback instanceof URL) return new URLSearchParams(callback.search);
  if (callback instanceof URLSearchParams) return new URLSearchParams(callback);
  if (typeof callback === 'string') return URL.canParse(callback) ? new URL(callback).searchParams : new URLSearchParams(callback.replace(/^\?/, ''));
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(callback)) if (typeof value === 'string') params.set(key, value);
  return params;
}

const codeReason: ReasonFor = (error, description) => {
  if (error === 'invalid_grant' && description !== undefined && /verifier|pkce|code_challenge/i.test(description)) {
    return { reason: 'pkce-failed', message: 'The PKCE code verifier was refused: it does not match the code challenge of the authorization; start the authorization again' };
  }
  if (error === 'invalid_grant') {
    return { reason: 'code-refused', message: 'The authorization code was refused (expired, already used, or issued for another redirect URI); start the authorization again' };
  }
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return { reason: 'client-refused', message: "The authorization server refused the application's client id or secret" };
  }
  if (error === 'access_denied') return { reason: 'consent-denied', message: 'The authorization was denied' };
  return { reason: 'token-error', message: 'The authorization server refused the code exchange' };
};

/** Checks the callback (state first, then an error), as oauth4webapi's validateAuthResponse does. */
function validateCallback(ctx: OAuthContext, params: URLSearchParams, expectedState: string): URLSearchParams {
  const url = ctx.as.authorization_endpoint as string;
  const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text, ctx.secrets));
  try {
    return oauth.validateAuthResponse(ctx.as, ctx.client, params, expectedState);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      const code = clean(error.error) ?? 'unknown_error';
      const description = clean(error.error_description);
      const denied = code === 'access_denied';
      const message = denied
        ? 'The partner declined the authorization at the Pax8 login page (access_denied): nothing was connected; they can try again'
        : `Pax8 sent an error back to the redirect URI (${code})`;
      return fail(new Pax8OAuthError(`${message}${description ? `: ${description}` : ''}`, { code, url, reason: denied ? 'consent-denied' : 'authorization-error', description }));
    }
    const text = error instanceof Error ? error.message : '';
    if (text.includes('"state"')) {
      return fail(
        new Pax8OAuthError('The callback state does not match the authorization this application started (missing, forged or from another attempt): nothing was exchanged', {
          code: 'state_mismatch',
          url,
          reason: 'state-mismatch',
        }),
      );
    }
    return fail(new Pax8OAuthError(`The callback is not a usable authorization response: ${clean(text)}`, { code: 'invalid_response', url, reason: 'invalid-response' }));
  }
}

const fail = (error: Error): never => {
  throw error;
};

/**
 * Completes a delegated authorization: checks the callback's state against `expectedState`
 * (a denied consent, an error or a mismatch is a Pax8OAuthError with a plain reason, and
 * nothing is sent), then exchanges the code with the PKCE verifier at the token endpoint. Sends
 * once, never retries (a code is single-use). Returns the tokens to seal and store.
 *
 * @example
 * ```ts
 * const tokens = await exchangePax8AuthorizationCode({ clientId, clientSecret, callback: request.url, expectedState, codeVerifier, redirectUri });
 * await store.save(seal(tokens.accessToken), seal(tokens.refreshToken), tokens.expiresAt);
 * ```
 */
export async function exchangePax8AuthorizationCode(options: Pax8CodeExchangeOptions): Promise<Pax8OAuthTokens> {
  parseStepOptions(shape, options, 'exchangePax8AuthorizationCode');
  const params = callbackParameters(options.callback);
  const code = params.get('code') ?? undefined;
  const ctx = oauthContext(options, [code, options.codeVerifier, options.expectedState, params.get('state') ?? undefined]);
  const logger = completeLogger(options.logger);
  const tokenEndpoint = ctx.as.token_endpoint as string;
  try {
    const validated = validateCallback(ctx, params, options.expectedState);
    if (!code) {
      throw new Pax8OAuthError('The callback carries no authorization code', { code: 'invalid_response', url: ctx.as.authorization_endpoint as string, reason: 'invalid-response' });
    }
    const tokens = await runTokenRequest({
      ctx,
      send: (signal) =>
        oauth.authorizationCodeGrantRequest(ctx.as, ctx.client, ctx.clientAuth, validated, options.redirectUri, options.codeVerifier, requestOptions(ctx, signal)),
      process: (response) => oauth.processAuthorizationCodeResponse(ctx.as, ctx.client, response),
      reasonFor: codeReason,
      now: options.now,
      sleep: options.sleep,
      timeoutMs: options.timeoutMs,
    });
    logger.info({ tokenEndpoint, grant: 'authorization_code', refreshToken: tokens.refreshToken !== undefined, expiresAt: tokens.expiresAt }, 'pax8 authorization code exchanged');
    return tokens;
  } catch (error) {
    logger.warn({ tokenEndpoint, grant: 'authorization_code', error: error instanceof Error ? error.name : 'unknown', reason: Pax8OAuthError.isInstance(error) ? error.reason : undefined }, 'pax8 authorization failed');
    throw error;
  }
}
