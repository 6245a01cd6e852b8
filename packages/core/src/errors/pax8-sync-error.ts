const marker = Symbol.for('pax8-sync.core.error');

/** Base of every error the engine and the storage contract throw. Messages never contain secrets. */
export class Pax8SyncError extends Error {
  /** Stable machine-readable code, e.g. `invalid-settings`. */
  readonly code: string;

  /**
   * @param code - stable machine-readable code.
   * @param message - human message (no secrets).
   * @param options - standard `cause`.
   */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Pax8SyncError';
    this.code = code;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for any pax8-sync core error, even from a duplicate install of the package. */
  static isInstance(error: unknown): error is Pax8SyncError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
