import type { RecordStore, SyncedRecordBase } from '@pax8-sync/core';
import { copy, innerMap, setIn } from '../journal';
import type { Runner } from './runner';
import { cmp } from './connection-store';

/** One entity's rows over a connection → id → row map. */
export function createRecordStore<T extends SyncedRecordBase>(
  rows: Map<string, Map<string, T>>,
  run: Runner,
): RecordStore<T> {
  const companyOf = (row: T): string | undefined => (row as { companyId?: string }).companyId;
  const matches = (row: T, companyIds: ReadonlySet<string> | undefined): boolean => {
    if (companyIds === undefined) return true;
    const companyId = companyOf(row);
    return companyId === undefined || companyIds.has(companyId);
  };
  const toSet = (ids: readonly string[] | undefined) => (ids === undefined ? undefined : new Set(ids));
  return {
    getMany: (connectionId, ids) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return [];
        return [...new Set(ids)].flatMap((id) => {
          const row = byId.get(id);
          return row ? [copy(row)] : [];
        });
      }),
    upsertMany: (records) =>
      run((ctx) => {
        for (const record of records) setIn(ctx, innerMap(rows, record.connectionId), record.id, copy(record));
      }),
    list: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return [];
        const limit = options.limit ?? 1000;
        const companyIds = toSet(options.companyIds);
        return [...byId.values()]
          .filter((row) => options.after === undefined || cmp(row.id, options.after) > 0)
          .filter((row) => options.includeRemoved === true || row.removedAt === null)
          .filter((row) => matches(row, companyIds))
          .sort((a, b) => cmp(a.id, b.id))
          .slice(0, limit)
          .map(copy);
      }),
    listActiveIds: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return [];
        const companyIds = toSet(options.companyIds);
        const ids: string[] = [];
        for (const row of byId.values()) if (row.removedAt === null && matches(row, companyIds)) ids.push(row.id);
        return ids.sort(cmp);
      }),
    count: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return 0;
        let n = 0;
        for (const row of byId.values()) if (options.includeRemoved === true || row.removedAt === null) n += 1;
        return n;
      }),
  };
}
