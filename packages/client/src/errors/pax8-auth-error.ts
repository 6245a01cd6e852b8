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
}

/** Pax8 refused the credentials: the token request failed, or a fresh token was rejected. */
export class Pax8AuthError extends Pax8Error {
  /** The OAuth error code Pax8 returned, e.g. `access_denied`. */
  readonly code: string;
  /** HTTP status, when a response came. */
  readonly status: number | undefined;
  /** The URL that refused. */
  readonly url: string;

  /** Creates the error. */
  constructor(message: string, options: Pax8AuthErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8AuthError';
    this.code = options.code;
    this.status = options.status;
    this.url = options.url;
  }

  /** True when `error` is a Pax8AuthError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8AuthError {
    return hasMarker(error, marker);
  }
}
