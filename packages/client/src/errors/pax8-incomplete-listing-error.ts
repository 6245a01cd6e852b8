import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.incomplete-listing');

/** What a {@link Pax8IncompleteListingError} is built from. */
export interface Pax8IncompleteListingErrorOptions extends Pax8ErrorOptions {
  /** The listing's URL (without page parameters). */
  url: string;
  /** `totalElements` as Pax8 announced it. */
  expected: number;
  /** How many records the pages really held. */
  received: number;
}

/**
 * A listing's pages disagree with its `totalElements` (ended short, or the total moved while
 * paging). The records already yielded are not a complete set: do not treat absence as removal.
 */
export class Pax8IncompleteListingError extends Pax8Error {
  /** The listing's URL. */
  readonly url: string;
  /** `totalElements` as Pax8 announced it. */
  readonly expected: number;
  /** How many records the pages really held. */
  readonly received: number;

  /** Creates the error. */
  constructor(message: string, options: Pax8IncompleteListingErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8IncompleteListingError';
    this.url = options.url;
    this.expected = options.expected;
    this.received = options.received;
  }

  /** True when `error` is a Pax8IncompleteListingError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8IncompleteListingError {
    return hasMarker(error, marker);
  }
}
