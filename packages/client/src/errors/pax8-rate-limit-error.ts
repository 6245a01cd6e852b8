import { hasMarker } from './pax8-error';
import { Pax8ApiError, type Pax8ApiErrorOptions } from './pax8-api-error';

const marker = Symbol.for('pax8-sync.error.rate-limit');

/** What a {@link Pax8RateLimitError} is built from. */
export interface Pax8RateLimitErrorOptions extends Omit<Pax8ApiErrorOptions, 'status' | 'isRetryable'> {
  /** How long Pax8 asked to wait (from `Retry-After`), when it said. */
  retryAfterMs: number | undefined;
}

/** Pax8 kept answering 429 after every retry. The request was not applied. */
export class Pax8RateLimitError extends Pax8ApiError {
  /** How long Pax8 asked to wait before the next request, when it said. */
  readonly retryAfterMs: number | undefined;

  /** Creates the error. */
  constructor(message: string, options: Pax8RateLimitErrorOptions) {
    super(message, { ...options, status: 429, isRetryable: true });
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8RateLimitError';
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when `error` is a Pax8RateLimitError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8RateLimitError {
    return hasMarker(error, marker);
  }
}
