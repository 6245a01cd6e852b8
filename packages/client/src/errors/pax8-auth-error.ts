import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.auth');

/** What a {@link Pax8AuthError} is built from. */
export interface Pax8AuthErrorOptions extends Pax8ErrorOptions {
  /** The OAuth error code (`access_denied`, `invalid_client`, ...) or `invalid_token` for an API 401. */
  code: string;
  /** HTTP status, when a response came. */
  status?: number;
  /** The URL that refused (token URL or API URL). */
  url: string;
  /**
   * True when only a new authorization can fix it (a refused refresh token, revoked consent):
   * the connection needs the partner to re-authenticate. Default false.
   */
  reauthenticate?: boolean;
}

/**
 * The code of a Pax8AuthError a token provider throws when it knows the connection already
 * needs a new authorization (it was marked so after a refused refresh).
 */
export const PAX8_REAUTHORIZATION_REQUIRED = 'reauthorization-required';

/**
 * Pax8 refused the credentials: the token request failed, or a fresh token was rejected; or a
 * delegated authorization failed (see Pax8OAuthError). `reauthenticate` says whether only a new
 * authorization can fix it.
 */
export class Pax8AuthError extends Pax8Error {
  /** The OAuth error code Pax8 returned, e.g. `access_denied`. */
  readonly code: string;
  /** HTTP status, when a response came. */
  readonly status: number | undefined;
  /** The URL that refused. */
  readonly url: string;
  /** True when only a new authorization by the partner can fix it ("re-authenticate"). */
  readonly reauthenticate: boolean;

  /** Creates the error. */
  constructor(message: string, options: Pax8AuthErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8AuthError';
    this.code = options.code;
    this.status = options.status;
    this.url = options.url;
    this.reauthenticate = options.reauthenticate ?? false;
  }

  /** True when `error` is a Pax8AuthError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8AuthError {
    return hasMarker(error, marker);
  }
}
