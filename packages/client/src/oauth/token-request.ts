import * as oauth from 'oauth4webapi';
import { Pax8ApiError } from '../errors/pax8-api-error';
import { Pax8NetworkError } from '../errors/pax8-network-error';
import { type Pax8OAuthFailureReason, Pax8OAuthError } from '../errors/pax8-oauth-error';
import { Pax8RateLimitError } from '../errors/pax8-rate-limit-error';
import { Pax8TimeoutError } from '../errors/pax8-timeout-error';
import { type Pax8Now, type Pax8Sleep, realSleep } from '../http/clock';
import { redact } from '../http/redact';
import { parseRetryAfter } from '../http/retry-after';
import { isRefusal } from '../http/send-once';
import type { OAuthContext } from './oauth-settings';

/** Tokens from Pax8's token endpoint. Treat every field but the dates as a secret. */
export interface Pax8OAuthTokens {
  /** The bearer token for the partner API. */
  accessToken: string;
  /** When it expires (epoch ms, by the injected clock), when the server said (`expires_in`). */
  expiresAt: number | undefined;
  /** The refresh token: the new one when the server rotated it, else the one that was used (undefined if none was issued). Store it. */
  refreshToken: string | undefined;
  /** True when the server returned a new refresh token (the one used must be replaced). */
  refreshTokenRotated: boolean;
  /** Scopes granted, when the server said. */
  scope: string | undefined;
  /** `bearer` (lowercased). */
  tokenType: string;
}

/** How a step turns an OAuth error code from the token endpoint into a reason. @internal */
export type ReasonFor = (error: string, description: string | undefined) => { reason: Pax8OAuthFailureReason; message: string; reauthenticate?: boolean };

/** What {@link runTokenRequest} needs. @internal */
export interface TokenRequestRun {
  ctx: OAuthContext;
  send: (signal: AbortSignal) => Promise<Response>;
  process: (response: Response) => Promise<oauth.TokenEndpointResponse>;
  reasonFor: ReasonFor;
  now: Pax8Now | undefined;
  sleep: Pax8Sleep | undefined;
  timeoutMs: number | false | undefined;
  /** The refresh token sent, kept when the server does not rotate it. */
  previousRefreshToken?: string;
}

/**
 * Sends one token-endpoint request through oauth4webapi and maps every failure to a typed error
 * with no secret in it: OAuth errors to Pax8OAuthError, 429 to Pax8RateLimitError, 5xx to a
 * retryable Pax8ApiError, no answer to Pax8NetworkError/Pax8TimeoutError; an injected fetch's
 * refusal (isRetryable false) passes through unchanged. Never retries. @internal
 */
export async function runTokenRequest(run: TokenRequestRun): Promise<Pax8OAuthTokens> {
  const { ctx } = run;
  const url = ctx.as.token_endpoint as string;
  const controller = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  if (run.timeoutMs !== false) {
    const ms = run.timeoutMs ?? 30_000;
    (run.sleep ?? realSleep)(ms, timer.signal).then(
      () => {
        timedOut = true;
        controller.abort();
      },
      () => {},
    );
  }
  try {
    let response: Response;
    try {
      response = await run.send(controller.signal);
    } catch (error) {
      if (isRefusal(error)) throw error;
      if (timedOut) throw new Pax8TimeoutError(`POST ${url} got no answer within ${run.timeoutMs ?? 30_000} ms`, { method: 'POST', url, timeoutMs: Number(run.timeoutMs ?? 30_000) });
      const reason = error instanceof Error ? redact(error.message, ctx.secrets) : 'unknown failure';
      throw new Pax8NetworkError(`POST ${url} failed before the authorization server answered: ${reason}`, { method: 'POST', url });
    }
    const status = response.status;
    const retryAfter = response.headers.get('retry-after');
    try {
      const result = await run.process(response);
      return toTokens(result, run);
    } catch (error) {
      throw mapProcessingError(error, { url, status, retryAfter, run });
    }
  } finally {
    timer.abort();
  }
}

function toTokens(result: oauth.TokenEndpointResponse, run: TokenRequestRun): Pax8OAuthTokens {
  const now = (run.now ?? Date.now)();
  return {
    accessToken: result.access_token,
    expiresAt: typeof result.expires_in === 'number' ? now + result.expires_in * 1000 : undefined,
    refreshToken: result.refresh_token ?? run.previousRefreshToken,
    refreshTokenRotated: result.refresh_token !== undefined && result.refresh_token !== run.previousRefreshToken,
    scope: result.scope,
    tokenType: result.token_type,
  };
}

function mapProcessingError(error: unknown, at: { url: string; status: number; retryAfter: string | null; run: TokenRequestRun }): Error {
  const { url, status, run } = at;
  const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text, run.ctx.secrets));
  const common = { url, status };
  if (error instanceof oauth.ResponseBodyError) {
    const code = clean(error.error) ?? 'unknown_error';
    const description = clean(error.error_description);
    if (status === 429) return rateLimited(url, at.retryAfter, run, description);
    if (status >= 500) return serverFailed(url, status, description);
    const mapped = run.reasonFor(code, description);
    return new Pax8OAuthError(`${mapped.message} (${status} ${code}${description ? `: ${description}` : ''})`, {
      ...common,
      code,
      reason: mapped.reason,
      description,
      reauthenticate: mapped.reauthenticate ?? false,
    });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    return new Pax8OAuthError(`The authorization server refused the application's credentials at ${url} (${status}): check the client id and secret`, {
      ...common,
      code: 'invalid_client',
      reason: 'client-refused',
    });
  }
  if (status === 429) return rateLimited(url, at.retryAfter, run, undefined);
  if (status >= 500) return serverFailed(url, status, undefined);
  const what = error instanceof Error ? clean(error.message) : 'unusable answer';
  return new Pax8OAuthError(`The token endpoint ${url} answered ${status} with something that is not a usable token response: ${what}`, {
    ...common,
    code: 'invalid_response',
    reason: 'invalid-response',
  });
}

function rateLimited(url: string, retryAfter: string | null, run: TokenRequestRun, description: string | undefined): Error {
  return new Pax8RateLimitError(`The token endpoint ${url} answered 429 (rate limited; nothing was issued)${description ? `: ${description}` : ''}`, {
    method: 'POST',
    url,
    retryAfterMs: parseRetryAfter(retryAfter, (run.now ?? Date.now)()),
  });
}

function serverFailed(url: string, status: number, description: string | undefined): Error {
  return new Pax8ApiError(`The token endpoint ${url} failed with ${status}${description ? `: ${description}` : ''}; try again later`, {
    method: 'POST',
    url,
    status,
    isRetryable: true,
  });
}
