import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.timeout');

/** What a {@link Pax8TimeoutError} is built from. */
export interface Pax8TimeoutErrorOptions extends Pax8ErrorOptions {
  /** HTTP method of the request. */
  method: string;
  /** Absolute URL of the request. */
  url: string;
  /** The per-attempt limit that was reached. */
  timeoutMs: number;
}

/** An attempt took longer than `timeoutMs` (after retries, for methods that retry). */
export class Pax8TimeoutError extends Pax8Error {
  /** HTTP method of the request. */
  readonly method: string;
  /** Absolute URL of the request. */
  readonly url: string;
  /** The per-attempt limit that was reached. */
  readonly timeoutMs: number;

  /** Creates the error. */
  constructor(message: string, options: Pax8TimeoutErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8TimeoutError';
    this.method = options.method;
    this.url = options.url;
    this.timeoutMs = options.timeoutMs;
  }

  /** True when `error` is a Pax8TimeoutError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8TimeoutError {
    return hasMarker(error, marker);
  }
}
