/** One log method, pino-shaped: a context object first, then a message. */
export type Pax8LogMethod = (context: Record<string, unknown>, message: string) => void;

/**
 * A pino-shaped logger; every method is optional (a missing one is a no-op). The client never
 * logs secrets, tokens, headers or bodies: only method, URL, status, attempt and timings.
 */
export interface Pax8Logger {
  /** Very detailed tracing. */
  trace?: Pax8LogMethod;
  /** One line per HTTP attempt. */
  debug?: Pax8LogMethod;
  /** Token refreshes. */
  info?: Pax8LogMethod;
  /** Retries and schema drift. */
  warn?: Pax8LogMethod;
  /** Failures given up on. */
  error?: Pax8LogMethod;
}

/** A logger whose every method exists. @internal */
export type CompleteLogger = Required<Pax8Logger>;

/** Fills missing methods with no-ops, keeping `this` for loggers that need it (pino). @internal */
export function completeLogger(logger: Pax8Logger | undefined): CompleteLogger {
  const level = (name: keyof Pax8Logger): Pax8LogMethod => {
    const method = logger?.[name];
    return method ? (context, message) => method.call(logger, context, message) : () => {};
  };
  return { trace: level('trace'), debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
