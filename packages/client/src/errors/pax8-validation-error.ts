import { hasMarker, Pax8Error, type Pax8ErrorOptions } from './pax8-error';

const marker = Symbol.for('pax8-sync.error.validation');

/** One problem found by a schema, with a readable path such as `content[3].status`. */
export interface Pax8ValidationIssue {
  /** Where in the payload, e.g. `commitment.endDate` (empty for the root). */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** What a {@link Pax8ValidationError} is built from. */
export interface Pax8ValidationErrorOptions extends Pax8ErrorOptions {
  /** Which schema failed, e.g. `subscription` or `subscription update body`. */
  schema: string;
  /** Every problem found. */
  issues: Pax8ValidationIssue[];
  /** The request URL, when the payload was a response. */
  url?: string;
}

/** A payload (response, or request body you passed) does not match its schema. */
export class Pax8ValidationError extends Pax8Error {
  /** Which schema failed. */
  readonly schema: string;
  /** Every problem found. */
  readonly issues: Pax8ValidationIssue[];
  /** Path of the first problem (convenience). */
  readonly path: string;
  /** The request URL, when the payload was a response. */
  readonly url: string | undefined;

  /** Creates the error. */
  constructor(message: string, options: Pax8ValidationErrorOptions) {
    super(message, options);
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8ValidationError';
    this.schema = options.schema;
    this.issues = options.issues;
    this.path = options.issues[0]?.path ?? '';
    this.url = options.url;
  }

  /** True when `error` is a Pax8ValidationError from any copy of this package. */
  static override isInstance(error: unknown): error is Pax8ValidationError {
    return hasMarker(error, marker);
  }
}
