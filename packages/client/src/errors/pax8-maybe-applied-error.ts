import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.maybe-applied');

/** What a {@link Pax8MaybeAppliedError} is built from. */
export interface Pax8MaybeAppliedErrorOptions extends Pax8ErrorOptions {
  /** HTTP method. */
  method: string;
  /** Absolute URL of the request. */
  url: string;
  /** HTTP status when Pax8 answered (5xx), undefined for a timeout or network failure. */
  status?: number;
}

/**
 * A non-idempotent request (POST, PATCH; any method sent through `client.sendOnce`) failed after
 * it may have reached Pax8 (5xx, timeout, a reset after sending). It is NOT retried: check Pax8
 * (e.g. list orders) before sending it again. The underlying error is in `cause`.
 */
export class Pax8MaybeAppliedError extends Pax8Error {
  /** Always true: the change may have been applied by Pax8. */
  readonly mayHaveBeenApplied = true;
  /** HTTP method. */
  readonly method: string;
  /** Absolute URL of the request. */
  readonly url: string;
  /** HTTP status when Pax8 answered. */
  readonly status: number | undefined;

  /** Creates the error. */
  constructor(message: string, options: Pax8MaybeAppliedErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8MaybeAppliedError';
    this.method = options.method;
    this.url = options.url;
    this.status = options.status;
  }

  /** True when `error` is a Pax8MaybeAppliedError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8MaybeAppliedError {
    return hasMarker(error, marker);
  }
}
