import { Pax8AuthError, type Pax8AuthErrorOptions } from './pax8-auth-error';
import { hasMarker } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.oauth');

/**
 * Why a delegated-authorization step failed, in plain words:
 * - `consent-denied`: the person declined at Pax8's login page (`error=access_denied`);
 * - `state-mismatch`: the callback's `state` is missing or not the one this authorization sent
 *   (a forged or crossed callback): nothing was exchanged;
 * - `pkce-failed`: the code verifier was refused (it does not match the code challenge);
 * - `code-refused`: the authorization code was refused (expired, already used, wrong redirect URI);
 * - `reauthenticate`: the refresh token was refused (invalid, expired or revoked): the partner must
 *   connect to Pax8 again;
 * - `client-refused`: the application's client id or secret was refused;
 * - `authorization-error`: another error came back to the redirect URI;
 * - `token-error`: another OAuth error from the token endpoint;
 * - `invalid-response`: the callback or the token response is not usable (no code, no access token).
 */
export type Pax8OAuthFailureReason =
  | 'consent-denied'
  | 'state-mismatch'
  | 'pkce-failed'
  | 'code-refused'
  | 'reauthenticate'
  | 'client-refused'
  | 'authorization-error'
  | 'token-error'
  | 'invalid-response';

/** What a {@link Pax8OAuthError} is built from. */
export interface Pax8OAuthErrorOptions extends Pax8AuthErrorOptions {
  /** Why, in a stable code. */
  reason: Pax8OAuthFailureReason;
  /** The server's `error_description`, secrets redacted, when it sent one. */
  description?: string;
}

/**
 * A delegated-authorization step failed (authorization callback, code exchange or refresh).
 * `code` is the OAuth error code (`access_denied`, `invalid_grant`, ...) or ours
 * (`state_mismatch`, `invalid_response`); `reason` says what it means; `reauthenticate` is true
 * only when a stored refresh token was refused. No code, verifier, state or token is in it.
 */
export class Pax8OAuthError extends Pax8AuthError {
  /** Why, in a stable code. */
  readonly reason: Pax8OAuthFailureReason;
  /** The server's `error_description` (redacted), when it sent one. */
  readonly description: string | undefined;

  /** Creates the error. */
  constructor(message: string, options: Pax8OAuthErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8OAuthError';
    this.reason = options.reason;
    this.description = options.description;
  }

  /** True when `error` is a Pax8OAuthError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8OAuthError {
    return hasMarker(error, marker);
  }
}
