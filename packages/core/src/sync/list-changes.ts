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

/** Reads the change feed of a connection from a cursor (created, updated, removed, status and quantity changes). */
export function listChanges(options: ListChangesOptions): Promise<ChangePage> {
  return options.storage.changes.list(options.connectionId, {
    ...(options.after === undefined ? {} : { after: options.after }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
}
