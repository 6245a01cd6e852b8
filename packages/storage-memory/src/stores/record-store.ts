import type { RecordFilter, RecordStore, SyncedRecordBase } from '@pax8-sync/core';
import { copy, type WriteContext } from '../journal';
import { copyShared } from '../reused-copy';
import { dropCompanyIndex, idsOfCompanies } from './company-index';
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

/**
 * What one `upsertMany` wrote, filled as it goes (so a rollback also takes back a write that threw
 * half-way): the rows' maps it wrote to, with whether it added an id to each, and each row it replaced.
 */
class WrittenRows<T> {
  /** Rows' map → whether an id was added to it. */
  readonly touched = new Map<Map<string, T>, boolean>();
  private readonly maps: Map<string, T>[] = [];
  private readonly ids: string[] = [];
  private readonly before: (T | undefined)[] = [];

  /** Keeps what `byId[id]` held (`undefined`: nothing) before this write; `journalled`: for `revert`. */
  note(byId: Map<string, T>, id: string, previous: T | undefined, journalled: boolean): void {
    if (previous === undefined) this.touched.set(byId, true);
    else if (!this.touched.has(byId)) this.touched.set(byId, false);
    if (!journalled) return;
    this.maps.push(byId);
    this.ids.push(id);
    this.before.push(previous);
  }

  /** Puts back every row noted, newest first. */
  revert(): void {
    for (let i = this.ids.length - 1; i >= 0; i -= 1) {
      const previous = this.before[i];
      if (previous === undefined) this.maps[i]!.delete(this.ids[i]!);
      else this.maps[i]!.set(this.ids[i]!, previous);
    }
  }
}

/** Stores a copy of each record (its nested values shared with later writes of the transaction, see {@link copyShared}). */
function writeRows<T extends SyncedRecordBase>(ctx: WriteContext, rows: Map<string, Map<string, T>>, records: readonly T[], written: WrittenRows<T>): void {
  const journalled = ctx.journal !== undefined;
  let connectionId: string | undefined;
  let byId: Map<string, T> | undefined;
  for (const record of records) {
    if (byId === undefined || record.connectionId !== connectionId) {
      connectionId = record.connectionId;
      byId = rows.get(connectionId);
      if (byId === undefined) {
        byId = new Map();
        rows.set(connectionId, byId);
      }
    }
    const row = copyRow(ctx, record);
    written.note(byId, record.id, byId.get(record.id), journalled);
    byId.set(record.id, row);
  }
}

/** The store's copy of a record: columns as they are, nested values (`data`) through {@link copyShared}. */
function copyRow<T extends SyncedRecordBase>(ctx: WriteContext, record: T): T {
  const out: Record<string, unknown> = {};
  const source = record as unknown as Record<string, unknown>;
  for (const key in source) {
    if (!Object.hasOwn(source, key)) continue;
    const value = source[key];
    out[key] = value === null || typeof value !== 'object' ? value : copyShared(ctx, value, true);
  }
  return out as unknown as T;
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
        const out: T[] = [];
        if (!byId) return out;
        for (const id of ids.length > 1 ? new Set(ids) : ids) {
          const row = byId.get(id);
          if (row) out.push(copy(row));
        }
        return out;
      }),
    upsertMany: (records) =>
      run((ctx) => {
        const written = new WrittenRows<T>();
        // A write may move a row to another company, and a new id changes the order; so does a rollback of either.
        const settle = () => {
          for (const [byId, added] of written.touched) {
            dropCompanyIndex(byId);
            if (added) bump(byId);
          }
        };
        ctx.journal?.undo.push(() => {
          written.revert();
          settle();
        });
        try {
          writeRows(ctx, rows, records, written);
        } finally {
          settle();
        }
      }),
    list: (connectionId, options = {}) =>
      run(() => {
        const byId = rows.get(connectionId);
        if (!byId) return { items: [], nextCursor: null };
        const limit = options.limit ?? 1000;
        const matches = rowFilter(options);
        const ids = idsOfCompanies(byId, options.companyIds) ?? idsOf(byId);
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
        return (idsOfCompanies(byId, options.companyIds) ?? idsOf(byId)).filter((id) => {
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
        const indexed = idsOfCompanies(byId, options.companyIds);
        for (const row of indexed ? indexed.map((id) => byId.get(id) as T) : byId.values()) {
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
        const ids = idsOfCompanies(byId, options.companyIds) ?? idsOf(byId);
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
