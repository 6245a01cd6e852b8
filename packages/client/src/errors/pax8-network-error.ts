import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.network');

/** What a {@link Pax8NetworkError} is built from. */
export interface Pax8NetworkErrorOptions extends Pax8ErrorOptions {
  /** HTTP method of the request. */
  method: string;
  /** Absolute URL of the request. */
  url: string;
  /** False when the failure came before any byte of the request could leave (connection refused, DNS, TLS). */
  requestSent?: boolean;
}

/**
 * The request never got an HTTP answer (DNS, refused connection, reset...). The fetch error is in
 * `cause`. `requestSent` is false when it certainly never left (connection refused, DNS failure,
 * TLS handshake failure), so even a POST may be sent again; undefined when it may have reached Pax8.
 */
export class Pax8NetworkError extends Pax8Error {
  /** HTTP method of the request. */
  readonly method: string;
  /** Absolute URL of the request. */
  readonly url: string;
  /** False when the request certainly never left; undefined when it may have reached Pax8. */
  readonly requestSent: false | undefined;

  /** Creates the error. */
  constructor(message: string, options: Pax8NetworkErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8NetworkError';
    this.method = options.method;
    this.url = options.url;
    this.requestSent = options.requestSent === false ? false : undefined;
  }

  /** True when `error` is a Pax8NetworkError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8NetworkError {
    return hasMarker(error, marker);
  }
}
