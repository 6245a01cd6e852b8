import type { CompanyRecord, ListRecordsOptions, ProductRecord, RecordStore, SubscriptionRecord, SyncedRecordBase } from '@pax8-sync/core';
import type { SqlValue } from '../sqlite-driver';
import { atomically, chunks, fromJson, marks, num, numOrNull, type Params, type Runner, toJson } from './runner';

/** How one entity's own fields map to columns. */
export interface RecordTable<R extends SyncedRecordBase> {
  /** Table name. */
  table: string;
  /** Entity-specific fields and their columns. */
  columns: readonly { column: string; field: Exclude<keyof R, keyof SyncedRecordBase> & string; kind: 'text' | 'number' }[];
  /** Column holding the Pax8 company id (subscriptions), for `companyIds` filters. */
  companyColumn?: string;
}

/** Companies: name and status as columns. */
export const companiesTable: RecordTable<CompanyRecord> = {
  table: 'companies',
  columns: [
    { column: 'name', field: 'name', kind: 'text' },
    { column: 'status', field: 'status', kind: 'text' },
  ],
};

/** Products: name and vendor. */
export const productsTable: RecordTable<ProductRecord> = {
  table: 'products',
  columns: [
    { column: 'name', field: 'name', kind: 'text' },
    { column: 'vendor_name', field: 'vendorName', kind: 'text' },
  ],
};

/** Subscriptions: the columns a billing screen queries. */
export const subscriptionsTable: RecordTable<SubscriptionRecord> = {
  table: 'subscriptions',
  columns: [
    { column: 'company_id', field: 'companyId', kind: 'text' },
    { column: 'product_id', field: 'productId', kind: 'text' },
    { column: 'status', field: 'status', kind: 'text' },
    { column: 'mapped_state', field: 'mappedState', kind: 'text' },
    { column: 'quantity', field: 'quantity', kind: 'number' },
  ],
  companyColumn: 'company_id',
};

const baseColumns = ['connection_id', 'id', 'hash', 'data', 'created_run_id', 'updated_run_id', 'created_at', 'updated_at', 'removed_at'];

/** One entity's rows. */
export function createRecordStore<R extends SyncedRecordBase>(run: Runner, spec: RecordTable<R>): RecordStore<R> {
  const { table } = spec;
  const columns = [...baseColumns, ...spec.columns.map((c) => c.column)];
  const upsert = `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${marks(columns.length)})`;

  const toParams = (r: R): Params => [
    r.connectionId,
    r.id,
    r.hash,
    toJson(r.data),
    r.createdRunId,
    r.updatedRunId,
    r.createdAt,
    r.updatedAt,
    r.removedAt,
    ...spec.columns.map((c) => r[c.field] as unknown as SqlValue),
  ];
  const fromRow = (row: Record<string, unknown>): R => {
    const record: Record<string, unknown> = {
      connectionId: row.connection_id,
      id: row.id,
      hash: row.hash,
      createdRunId: row.created_run_id,
      updatedRunId: row.updated_run_id,
      createdAt: num(row.created_at),
      updatedAt: num(row.updated_at),
      removedAt: numOrNull(row.removed_at),
      data: fromJson(row.data),
    };
    for (const c of spec.columns) record[c.field] = c.kind === 'number' ? num(row[c.column]) : row[c.column];
    return record as R;
  };
  const companyFilter = (companyIds: readonly string[] | undefined, params: Params): string => {
    if (companyIds === undefined || spec.companyColumn === undefined) return '';
    if (companyIds.length === 0) return ' AND 0';
    params.push(...companyIds);
    return ` AND ${spec.companyColumn} IN (${marks(companyIds.length)})`;
  };

  return {
    getMany: (connectionId, ids) =>
      run((db) =>
        chunks([...new Set(ids)]).flatMap((part) =>
          db.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE connection_id = ? AND id IN (${marks(part.length)})`, [connectionId, ...part]).map(fromRow),
        ),
      ),
    upsertMany: (records) =>
      run((db) => {
        if (records.length === 0) return;
        atomically(db, () => {
          for (const r of records) db.run(upsert, toParams(r));
        });
      }),
    list: (connectionId, options: ListRecordsOptions = {}) =>
      run((db) => {
        const params: Params = [connectionId];
        let where = 'connection_id = ?';
        if (options.after !== undefined) {
          where += ' AND id > ?';
          params.push(options.after);
        }
        if (!options.includeRemoved) where += ' AND removed_at IS NULL';
        where += companyFilter(options.companyIds, params);
        const limit = options.limit ?? 1000;
        // One row more than asked tells whether another page follows.
        params.push(limit + 1);
        const rows = db.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${where} ORDER BY id LIMIT ?`, params).map(fromRow);
        const items = rows.slice(0, limit);
        return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
      }),
    listActiveIds: (connectionId, options = {}) =>
      run((db) => {
        const params: Params = [connectionId];
        const filter = companyFilter(options.companyIds, params);
        return db.all<{ id: string }>(`SELECT id FROM ${table} WHERE connection_id = ? AND removed_at IS NULL${filter} ORDER BY id`, params).map((r) => r.id);
      }),
    count: (connectionId, options = {}) =>
      run((db) => {
        const params: Params = [connectionId];
        let where = 'connection_id = ?';
        if (options.notSeenBy !== undefined) {
          where += ' AND removed_at IS NULL AND id NOT IN (SELECT id FROM run_seen WHERE connection_id = ? AND pull_id = ?)';
          params.push(connectionId, options.notSeenBy);
        } else if (!options.includeRemoved) where += ' AND removed_at IS NULL';
        where += companyFilter(options.companyIds, params);
        const [row] = db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
        return num(row?.n ?? 0);
      }),
    listUnseen: (connectionId, pullId, options = {}) =>
      run((db) => {
        // The set difference in SQL: run_seen's primary key makes the NOT IN an index lookup.
        const params: Params = [connectionId, connectionId, pullId];
        let where = 'connection_id = ? AND removed_at IS NULL AND id NOT IN (SELECT id FROM run_seen WHERE connection_id = ? AND pull_id = ?)';
        if (options.after !== undefined) {
          where += ' AND id > ?';
          params.push(options.after);
        }
        where += companyFilter(options.companyIds, params);
        const limit = options.limit ?? 1000;
        params.push(limit + 1);
        const rows = db.all<Record<string, unknown>>(`SELECT * FROM ${table} WHERE ${where} ORDER BY id LIMIT ?`, params).map(fromRow);
        const items = rows.slice(0, limit);
        return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
      }),
  };
}
