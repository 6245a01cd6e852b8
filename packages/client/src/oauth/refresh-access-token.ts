import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { Pax8OAuthError } from '../errors/pax8-oauth-error';
import { completeLogger } from '../http/logger';
import { oauthContext, type Pax8OAuthRequestOptions, parseStepOptions, requestOptions, requestOptionsShape } from './oauth-settings';
import { type Pax8OAuthTokens, type ReasonFor, runTokenRequest } from './token-request';

/** Options of {@link refreshPax8AccessToken}. */
export interface Pax8RefreshOptions extends Pax8OAuthRequestOptions {
  /** The stored refresh token. */
  refreshToken: string;
}

const shape = {
  ...requestOptionsShape,
  refreshToken: z.string({ message: 'is required: the stored refresh token' }).min(1, 'is required: the stored refresh token'),
};

const refreshReason: ReasonFor = (error) => {
  if (error === 'invalid_grant') {
    return {
      reason: 'reauthenticate',
      reauthenticate: true,
      message: "The refresh token was refused (invalid, expired or revoked, e.g. the partner withdrew consent): re-authenticate, the partner must connect to Pax8 again",
    };
  }
  if (error === 'invalid_client' || error === 'unauthorized_client') {
    return { reason: 'client-refused', message: "The authorization server refused the application's client id or secret" };
  }
  return { reason: 'token-error', message: 'The authorization server refused the refresh' };
};

/**
 * Exchanges a refresh token for a new access token. With refresh-token rotation the server
 * returns a new refresh token: it is in `refreshToken` with `refreshTokenRotated: true`, and must
 * replace the old one atomically with the access token. A refused refresh token (`invalid_grant`)
 * is a Pax8OAuthError with `reason: 'reauthenticate'` and `reauthenticate: true`. Sends once,
 * never retries; transient failures are Pax8NetworkError, Pax8TimeoutError, Pax8RateLimitError or
 * a retryable Pax8ApiError.
 *
 * @example
 * ```ts
 * const tokens = await refreshPax8AccessToken({ clientId, clientSecret, refreshToken: stored.refreshToken });
 * await store.replace({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt });
 * ```
 */
export async function refreshPax8AccessToken(options: Pax8RefreshOptions): Promise<Pax8OAuthTokens> {
  parseStepOptions(shape, options, 'refreshPax8AccessToken');
  const ctx = oauthContext(options, [options.refreshToken]);
  const logger = completeLogger(options.logger);
  const tokenEndpoint = ctx.as.token_endpoint as string;
  try {
    const tokens = await runTokenRequest({
      ctx,
      send: (signal) => oauth.refreshTokenGrantRequest(ctx.as, ctx.client, ctx.clientAuth, options.refreshToken, requestOptions(ctx, signal)),
      process: (response) => oauth.processRefreshTokenResponse(ctx.as, ctx.client, response),
      reasonFor: refreshReason,
      now: options.now,
      sleep: options.sleep,
      timeoutMs: options.timeoutMs,
      previousRefreshToken: options.refreshToken,
    });
    logger.info({ tokenEndpoint, grant: 'refresh_token', rotated: tokens.refreshTokenRotated, expiresAt: tokens.expiresAt }, 'pax8 access token refreshed');
    return tokens;
  } catch (error) {
    logger.warn({ tokenEndpoint, grant: 'refresh_token', error: error instanceof Error ? error.name : 'unknown', reason: Pax8OAuthError.isInstance(error) ? error.reason : undefined }, 'pax8 token refresh failed');
    throw error;
  }
}
