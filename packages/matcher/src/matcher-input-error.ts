const marker = Symbol.for('@pax8-sync/matcher.MatcherInputError');

/** Thrown when matcher input is invalid; `field` names the offending input, e.g. `'pax8Companies[3].id'`. */
export class MatcherInputError extends Error {
  /** The input at fault. */
  readonly field: string;

  /**
   * @param field - the input at fault.
   * @param message - what is wrong and how to fix it.
   */
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'MatcherInputError';
    this.field = field;
    Object.defineProperty(this, marker, { value: true });
  }

  /** Whether `error` is a `MatcherInputError`, even one from another copy of this package. */
  static isInstance(error: unknown): error is MatcherInputError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
