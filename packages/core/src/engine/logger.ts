/** A pino-shaped logger; every method is optional (missing ones are no-ops). Messages carry ids and counts, never secrets. */
export interface SyncLogger {
  /** Debug detail. */
  debug?: (fields: Record<string, unknown>, message: string) => void;
  /** Normal progress. */
  info?: (fields: Record<string, unknown>, message: string) => void;
  /** Something unusual that did not stop the work. */
  warn?: (fields: Record<string, unknown>, message: string) => void;
  /** A failure. */
  error?: (fields: Record<string, unknown>, message: string) => void;
}

/** A logger where every method exists. @internal */
export type CompleteSyncLogger = Required<SyncLogger>;

/** Fills the missing methods of `logger` with no-ops. @internal */
export function completeLogger(logger: SyncLogger | undefined): CompleteSyncLogger {
  const noop = () => undefined;
  return {
    debug: logger?.debug?.bind(logger) ?? noop,
    info: logger?.info?.bind(logger) ?? noop,
    warn: logger?.warn?.bind(logger) ?? noop,
    error: logger?.error?.bind(logger) ?? noop,
  };
}
