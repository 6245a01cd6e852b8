import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.collect-limit');

/** What a {@link Pax8CollectLimitError} is built from. */
export interface Pax8CollectLimitErrorOptions extends Pax8ErrorOptions {
  /** The `max` you passed to `collect`. */
  max: number;
  /** How many records the listing holds. */
  totalElements: number;
}

/** `collect(params, { max })` would need more than `max` records; nothing partial is returned. */
export class Pax8CollectLimitError extends Pax8Error {
  /** The `max` you passed. */
  readonly max: number;
  /** How many records the listing holds. */
  readonly totalElements: number;

  /** Creates the error. */
  constructor(message: string, options: Pax8CollectLimitErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8CollectLimitError';
    this.max = options.max;
    this.totalElements = options.totalElements;
  }

  /** True when `error` is a Pax8CollectLimitError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8CollectLimitError {
    return hasMarker(error, marker);
  }
}
