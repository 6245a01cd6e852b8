import { Logger } from 'graphile-worker';
import type { WorkerContext } from './worker-context';

/** graphile-worker's messages into the worker's logger (job payloads are ids only, never secrets). @internal */
export function graphileLogger(logger: WorkerContext['logger']): Logger {
  return new Logger((scope) => (level, message) => {
    const fields = { source: 'graphile-worker', ...(scope as Record<string, unknown>) };
    const text = `graphile-worker: ${message}`;
    switch (String(level)) {
      case 'error':
        return logger.error(fields, text);
      case 'warning':
        return logger.warn(fields, text);
      case 'info':
        return logger.info(fields, text);
      default:
        return logger.debug(fields, text);
    }
  });
}
