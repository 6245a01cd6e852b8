import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';
import type { TokenManager } from './token-manager';

/**
 * Supplies access tokens to a client instead of its built-in client-credentials manager
 * (`createPax8Client({ tokenProvider })`), e.g. delegated authorization-code tokens the engine
 * keeps sealed in storage and refreshes under a lease.
 *
 * - `getAccessToken()` is called before every HTTP attempt: keep the token cached.
 * - On a 401 the client calls `tokenRefused(token)`, then `getAccessToken()` again (which must
 *   return a different, refreshed token), and retries the request once; a second 401 is a
 *   Pax8AuthError `invalid_token`.
 * - An error thrown by either method is passed up unchanged and not retried, except a
 *   Pax8NetworkError, Pax8TimeoutError, Pax8RateLimitError or a 5xx Pax8ApiError, which are
 *   retried with backoff (the API request itself was not sent). Throw a Pax8AuthError with
 *   `reauthenticate: true` when only a new consent can help.
 *
 * @example
 * ```ts
 * const provider: Pax8TokenProvider = {
 *   specificationVersion: 'v1',
 *   getAccessToken: async () => tokens.current(),
 *   tokenRefused: async (token) => tokens.markRefused(token),
 * };
 * const client = createPax8Client({ tokenProvider: provider });
 * ```
 */
export interface Pax8TokenProvider {
  /** Version of this contract. */
  readonly specificationVersion: 'v1';
  /** A valid access token for the next attempt. Treat it as a secret: the client redacts it everywhere. */
  getAccessToken(): Promise<string>;
  /** Pax8 refused `token` (HTTP 401): drop it, so that the next `getAccessToken()` returns a fresh one. */
  tokenRefused(token: string): Promise<void>;
}

/** The client's token source backed by a {@link Pax8TokenProvider}. @internal */
export function createProviderTokenSource(provider: Pax8TokenProvider): TokenManager {
  const seen: string[] = [];
  const get = async (): Promise<string> => {
    const token = await provider.getAccessToken();
    if (typeof token !== 'string' || token.trim() === '') {
      throw new Pax8InvalidArgumentError(
        `tokenProvider.getAccessToken() must resolve to a non-empty access token, got ${token === '' ? 'an empty string' : typeof token}`,
        { field: 'tokenProvider' },
      );
    }
    if (!seen.includes(token)) seen.push(token);
    if (seen.length > 20) seen.shift();
    return token;
  };
  return {
    get,
    invalidate: (token) => provider.tokenRefused(token),
    refresh: get,
    knownTokens: () => seen,
  };
}
