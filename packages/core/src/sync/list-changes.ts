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
 * @throws `Pax8SyncConfigError` for a `limit` below 1 or not whole, or an `after` that is not a cursor.
 */
export async function listChanges(options: ListChangesOptions): Promise<ChangePage> {
  const { after, limit } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new Pax8SyncConfigError('limit', `must be a whole number of events, 1 or more (got ${String(limit)}); pass e.g. 100, or omit it.`);
  }
  if (after !== undefined && after !== null && (typeof after !== 'string' || !/^\d+$/.test(after))) {
    throw new Pax8SyncConfigError('after', 'must be a cursor (the nextCursor of your last read: a digit string) or null to read from the start.');
  }
  return options.storage.changes.list(options.connectionId, {
    ...(options.after === undefined ? {} : { after: options.after }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
}
