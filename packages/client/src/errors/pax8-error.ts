const marker = Symbol.for('pax8-sync.error');

/** Options every Pax8 error accepts. */
export interface Pax8ErrorOptions {
  /** The original error, kept for debugging (never carries a secret the client put there). */
  cause?: unknown;
}

/**
 * Base class of every error the client throws. Use {@link Pax8Error.isInstance} rather than
 * `instanceof`: it works across duplicate installs of the package.
 */
export class Pax8Error extends Error {

  /** Creates the error; `name` is set by each subclass. */
  constructor(message: string, options: Pax8ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, marker, { value: true });
    this.name = 'Pax8Error';
  }

  /** True when `error` is a Pax8Error from any copy of this package. */
  static isInstance(error: unknown): error is Pax8Error {
    return hasMarker(error, marker);
  }

  /** A JSON form with only safe, documented fields (no headers, no bodies sent). */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause' && typeof value !== 'function') json[key] = value;
    }
    return json;
  }
}

/** True when `value` is an object carrying the given `Symbol.for` marker. @internal */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return typeof value === 'object' && value !== null && symbol in value && (value as Record<symbol, unknown>)[symbol] === true;
}
