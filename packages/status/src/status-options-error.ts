const marker = Symbol.for('@pax8-sync/status.StatusOptionsError');

/** Thrown when status-mapping options are invalid; `field` names the offending option. */
export class StatusOptionsError extends Error {
  /** The option at fault, e.g. `'overrides.PendingManual'`. */
  readonly field: string;

  /**
   * @param field - the option at fault.
   * @param message - what is wrong and how to fix it.
   */
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'StatusOptionsError';
    this.field = field;
    Object.defineProperty(this, marker, { value: true });
  }

  /** Whether `error` is a `StatusOptionsError`, even one from another copy of this package. */
  static isInstance(error: unknown): error is StatusOptionsError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
