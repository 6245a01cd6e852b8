import type { RecordFilter, RecordStore, SyncedRecordBase } from '@pax8-sync/core';
import { copy, innerMap, setIn } from '../journal';
import { cmp } from './connection-store';
import type { Runner } from './runner';

/**
 * The ids of one connection's rows in code-point order, kept with the rows' map (shared by every
 * store instance, transactions included) and rebuilt after an id was added or taken back by a
 * rollback: paging through a large listing does not sort every row for every page.
 */
const orderOf = new WeakMap<Map<string, unknown>, { version: number; ids: string[] | undefined }>();

function bump(byId: Map<string, unknown>): void {
  const entry = orderOf.get(byId);
  if (entry) {
    entry.version += 1;
    entry.ids = undefined;
  }
}

/** The seen set of a pull, as the run store keeps it. */
export type SeenSets = Map<string, Map<string, Set<string>>>;

/**
 * Whether a row passes a {@link RecordFilter}: each filter applies only to rows that have its column
 * (companies and products have no company, only billing rows have a scope and a period); a `null`
 * company (a partner invoice) matches no company filter; an empty array matches nothing.
 */
function rowFilter(filter: RecordFilter): (row: SyncedRecordBase) => boolean {
  const sets = ([['companyId', filter.companyIds], ['scope', filter.scopes], ['period', filter.periods]] as const).flatMap(([column, values]) => (values === undefined ? [] : [{ column, values: new Set(values) }]));
  if (sets.length === 0) return () => true;
  return (row) => {
    const columns = row as unknown as Record<string, unknown>;
    return sets.every(({ column, values }) => {
      if (!(column in columns)) return true;
      const value = columns[column];
      return typeof value === 'string' && values.has(value);
    });
  };
}

/** One entity's rows over a connection → id → row map; `seen` is the run store's seen sets (for `notSeenBy` / `listUnseen`). */
export function createRecordStore<T extends SyncedRecordBase>(rows: Map<string, Map<string, T>>, run: Runner, seen: SeenSets): RecordStore<T> {
  const idsOf = (byId: Map<string, T>): string[] => {
    let entry = orderOf.get(byId);
    if (!entry) {
      entry = { version: 0, ids: undefined };
      orderOf.set(byId, entry);
    }
    entry.ids ??= [...byId.keys()].sort(cmp);
    return entry.ids;
  };
  /** Index of the first id after `after` (binary search in code-point order). */
  const startAfter = (ids: readonly string[], after: string | undefined): number => {
    if (after === undefined) return 0;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(ids[mid]!, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
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
        for (const record of records) {
          const byId = innerMap(rows, record.connectionId);
          const added = !byId.has(record.id);
          setIn(ctx, byId, record.id, copy(record));
          if (added) {
            // A new id changes the order, and so does a rollback taking it back.
            bump(byId);
            ctx.journal?.undo.push(() => bump(byId));
          }
        }
      }),
    list: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return { items: [], nextCursor: null };
        const limit = options.limit ?? 1000;
        const matches = rowFilter(options);
        const ids = idsOf(byId);
        const items: T[] = [];
        for (let i = startAfter(ids, options.after); i < ids.length; i += 1) {
          const row = byId.get(ids[i]!);
          if (!row || (options.includeRemoved !== true && row.removedAt !== null) || !matches(row)) continue;
          if (items.length === limit) return { items, nextCursor: items.at(-1)!.id };
          items.push(copy(row));
        }
        return { items, nextCursor: null };
      }),
    listActiveIds: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return [];
        const matches = rowFilter(options);
        return idsOf(byId).filter((id) => {
          const row = byId.get(id);
          return row !== undefined && row.removedAt === null && matches(row);
        });
      }),
    count: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return 0;
        const matches = rowFilter(options);
        const unseen = options.notSeenBy === undefined ? undefined : (seen.get(connectionId)?.get(options.notSeenBy) ?? new Set<string>());
        let n = 0;
        for (const row of byId.values()) {
          if (!matches(row)) continue;
          if (unseen ? row.removedAt === null && !unseen.has(row.id) : options.includeRemoved === true || row.removedAt === null) n += 1;
        }
        return n;
      }),
    listUnseen: (connectionId, pullId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return { items: [], nextCursor: null };
        const limit = options.limit ?? 1000;
        const matches = rowFilter(options);
        const pull = seen.get(connectionId)?.get(pullId);
        const ids = idsOf(byId);
        const items: T[] = [];
        for (let i = startAfter(ids, options.after); i < ids.length; i += 1) {
          const row = byId.get(ids[i]!);
          if (!row || row.removedAt !== null || pull?.has(row.id) || !matches(row)) continue;
          if (items.length === limit) return { items, nextCursor: items.at(-1)!.id };
          items.push(copy(row));
        }
        return { items, nextCursor: null };
      }),
  };
}
