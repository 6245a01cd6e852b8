import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { ChangePage } from '../storage/changes';
import type { Pax8SyncStorage } from '../storage/storage';

/** Options of {@link listChanges}. */
export interface ListChangesOptions {
  /** The storage adapter. */
  storage: Pax8SyncStorage;
  /** The connection. */
  connectionId: string;
  /** Read events after this cursor (the `nextCursor` of your last read); all when absent. */
  after?: string | null;
  /** Most events; default 100. */
  limit?: number;
}

/**
 * Reads the change feed of a connection from a cursor (created, updated, removed, status and quantity changes).
 * @throws `Pax8SyncConfigError` for a missing, empty or non-string `connectionId`, a `limit` below 1
 * or not whole, or an `after` that is not a cursor.
 */
export async function listChanges(options: ListChangesOptions): Promise<ChangePage> {
  validateEngineDeps(options, { codec: false });
  const { connectionId, after, limit } = options;
  if (typeof connectionId !== 'string' || connectionId === '') {
    const got = connectionId === '' ? 'an empty string' : connectionId === null ? 'null' : Array.isArray(connectionId) ? 'an array' : typeof connectionId;
    throw new Pax8SyncConfigError('connectionId', `must be the id of a connection (a non-empty string, e.g. the id createConnection returned); got ${got}.`);
  }
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new Pax8SyncConfigError('limit', `must be a whole number of events, 1 or more (got ${String(limit)}); pass e.g. 100, or omit it.`);
  }
  if (after !== undefined && after !== null && (typeof after !== 'string' || !/^\d+$/.test(after))) {
    throw new Pax8SyncConfigError('after', 'must be a cursor (the nextCursor of your last read: a digit string) or null to read from the start.');
  }
  return options.storage.changes.list(connectionId, {
    ...(options.after === undefined ? {} : { after: options.after }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
}
