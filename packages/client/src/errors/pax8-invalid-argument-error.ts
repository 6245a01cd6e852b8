import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.invalid-argument');

/** What a {@link Pax8InvalidArgumentError} is built from. */
export interface Pax8InvalidArgumentErrorOptions extends Pax8ErrorOptions {
  /** The option or argument at fault, e.g. `rateLimit.requestsPerMinute`. */
  field: string;
}

/** A client option or method argument is invalid; the message names the field and the fix. */
export class Pax8InvalidArgumentError extends Pax8Error {
  /** The option or argument at fault. */
  readonly field: string;

  /** Creates the error. */
  constructor(message: string, options: Pax8InvalidArgumentErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8InvalidArgumentError';
    this.field = options.field;
  }

  /** True when `error` is a Pax8InvalidArgumentError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8InvalidArgumentError {
    return hasMarker(error, marker);
  }
}
