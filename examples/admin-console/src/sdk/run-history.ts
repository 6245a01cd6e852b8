import type { Pax8SyncStorage, SyncRun } from '@pax8-sync/core';

/** The newest runs of a connection, every entity, newest first. */
export function loadRunHistory(storage: Pax8SyncStorage, connectionId: string, limit = 20): Promise<SyncRun[]> {
  return storage.runs.list(connectionId, { limit });
}
