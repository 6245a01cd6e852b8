import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.api');

/** One entry of the `details` array Pax8 sends with an error. */
export interface Pax8ErrorDetail {
  /** Pax8's error type for this detail, when given. */
  type?: string;
  /** What went wrong. */
  message?: string;
  /** The path or field concerned, when given. */
  instance?: string;
  /** HTTP status of this detail, when given. */
  status?: number;
}

/** What a {@link Pax8ApiError} is built from. */
export interface Pax8ApiErrorOptions extends Pax8ErrorOptions {
  /** HTTP status of the response. */
  status: number;
  /** HTTP method of the request. */
  method: string;
  /** Absolute URL of the request. */
  url: string;
  /** Pax8's `type` field (e.g. `NOT_FOUND`), when the body had one. */
  type?: string;
  /** Pax8's `instance` field (the path called), when the body had one. */
  instance?: string;
  /** Pax8's `details` array. */
  details?: Pax8ErrorDetail[];
  /** Whether trying again later may succeed. */
  isRetryable: boolean;
}

/** Pax8 answered with an HTTP error status. */
export class Pax8ApiError extends Pax8Error {
  /** HTTP status of the response. */
  readonly status: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** Absolute URL of the request (it never contains credentials). */
  readonly url: string;
  /** Pax8's `type` field, when present. */
  readonly type: string | undefined;
  /** Pax8's `instance` field, when present. */
  readonly instance: string | undefined;
  /** Pax8's `details` array (empty when absent). */
  readonly details: Pax8ErrorDetail[];
  /** Whether trying again later may succeed. */
  readonly isRetryable: boolean;

  /** Creates the error from a response. */
  constructor(message: string, options: Pax8ApiErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8ApiError';
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.type = options.type;
    this.instance = options.instance;
    this.details = options.details ?? [];
    this.isRetryable = options.isRetryable;
  }

  /** True when `error` is a Pax8ApiError (or a subclass) from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8ApiError {
    return hasMarker(error, marker);
  }
}
