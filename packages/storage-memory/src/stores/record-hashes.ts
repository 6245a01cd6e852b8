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
      const out: RecordHash[] = [];
      if (!byId) return out;
      for (const id of ids.length > 1 ? new Set(ids) : ids) {
        const row = byId.get(id);
        if (row && row.removedAt === null) out.push({ id, hash: row.hash });
      }
      return out;
    });
}
