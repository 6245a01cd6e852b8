import type { RecordHash, SyncedRecordBase } from '@pax8-sync/core';
import type { Runner } from './runner';

/**
 * `getHashes` over one entity's connection → id → row map: the id and hash of each active row
 * asked for, each id once; removed and unknown ids are left out. No `data` is copied.
 */
export function readHashes<T extends SyncedRecordBase>(rows: Map<string, Map<string, T>>, run: Runner): (connectionId: string, ids: readonly string[]) => Promise<RecordHash[]> {
  return (connectionId, ids) =>
    run(() => {
      const byId = rows.get(connectionId);
      if (!byId) return [];
      return [...new Set(ids)].flatMap((id) => {
        const row = byId.get(id);
        return row && row.removedAt === null ? [{ id, hash: row.hash }] : [];
      });
    });
}
