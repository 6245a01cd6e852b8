import type { CompanyRecord, JsonObject, ProductRecord, RecordStore, SubscriptionRecord, SyncedRecordBase } from '@pax8-sync/core';
import { json, num, numOrNull, type StoreContext, selectList, textArray } from './store-context';

/** An entity-specific column: SQL name and type, and the record field it holds. @internal */
interface ExtraColumn<T> {
  column: string;
  type: 'text' | 'double precision';
  field: keyof T & string;
}

/** How one entity maps to its table. @internal */
export interface EntityTable<T extends SyncedRecordBase> {
  table: 'companies' | 'products' | 'subscriptions';
  extra: readonly ExtraColumn<T>[];
  /** Whether `companyIds` filters apply (subscriptions). */
  byCompany: boolean;
}

/** Companies: name and status as columns. @internal */
export const companiesTable: EntityTable<CompanyRecord> = {
  table: 'companies',
  byCompany: false,
  extra: [
    { column: 'name', type: 'text', field: 'name' },
    { column: 'status', type: 'text', field: 'status' },
  ],
};

/** Products: name and vendor. @internal */
export const productsTable: EntityTable<ProductRecord> = {
  table: 'products',
  byCompany: false,
  extra: [
    { column: 'name', type: 'text', field: 'name' },
    { column: 'vendor_name', type: 'text', field: 'vendorName' },
  ],
};

/** Subscriptions: company, product, status, mapped state, quantity. @internal */
export const subscriptionsTable: EntityTable<SubscriptionRecord> = {
  table: 'subscriptions',
  byCompany: true,
  extra: [
    { column: 'company_id', type: 'text', field: 'companyId' },
    { column: 'product_id', type: 'text', field: 'productId' },
    { column: 'status', type: 'text', field: 'status' },
    { column: 'mapped_state', type: 'text', field: 'mappedState' },
    { column: 'quantity', type: 'double precision', field: 'quantity' },
  ],
};

const base = [
  ['connection_id', 'text'],
  ['id', 'text'],
  ['hash', 'text'],
  ['data', 'json'],
  ['created_run_id', 'text'],
  ['updated_run_id', 'text'],
  ['created_at', 'bigint'],
  ['updated_at', 'bigint'],
  ['removed_at', 'bigint'],
] as const;

type Row = Record<string, unknown>;

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One entity's rows. `upsertMany` is one statement per call: the page goes in as one `json`
 * parameter, is unpacked by `json_to_recordset` and upserted with `ON CONFLICT`. @internal
 */
export function createRecordStore<T extends SyncedRecordBase>(ctx: StoreContext, spec: EntityTable<T>): RecordStore<T> {
  const { run, table } = ctx;
  const t = table(spec.table);
  const names = [...base.map(([c]) => c), ...spec.extra.map((e) => e.column)];
  const columns = names.join(', ');
  const textNames = [...base.filter(([, type]) => type === 'text').map(([c]) => c), ...spec.extra.filter((e) => e.type === 'text').map((e) => e.column)];
  const selected = selectList(ctx, names, textNames, 't.');
  const recordset = [...base.map(([c, type]) => `${c} ${type}`), ...spec.extra.map((e) => `${e.column} ${e.type}`)].join(', ');
  const updates = names
    .filter((c) => c !== 'connection_id' && c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  const upsert = `INSERT INTO ${t} (${columns}) SELECT ${columns} FROM json_to_recordset($1::json) AS r(${recordset})
    ON CONFLICT (connection_id, id) DO UPDATE SET ${updates}`;

  const toRecord = (row: Row): T => {
    // Field order matches the contract's types, so a record serialises the same way it came in.
    const record: Record<string, unknown> = {
      connectionId: row.connection_id,
      id: row.id,
      hash: row.hash,
      createdRunId: row.created_run_id,
      updatedRunId: row.updated_run_id,
      createdAt: num(row.created_at),
      updatedAt: num(row.updated_at),
      removedAt: numOrNull(row.removed_at),
      data: json<JsonObject>(row.data),
    };
    for (const e of spec.extra) record[e.field] = e.type === 'text' ? row[e.column] : num(row[e.column]);
    return record as T;
  };

  const toParam = (record: T): Row => {
    const row: Row = {
      connection_id: record.connectionId,
      id: record.id,
      hash: record.hash,
      data: record.data,
      created_run_id: record.createdRunId,
      updated_run_id: record.updatedRunId,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      removed_at: record.removedAt,
    };
    for (const e of spec.extra) row[e.column] = record[e.field];
    return row;
  };

  const companyFilter = (companyIds: readonly string[] | undefined, param: number): string =>
    spec.byCompany && companyIds !== undefined ? ` AND t.company_id = ANY($${param}::text[])` : '';
  // The pull's seen ids: removal is a set difference done here, not in the engine. EXCEPT plans as a
  // hashed or a sorted set operation whatever the statistics say: never the nested loop an anti join
  // gets when the tables were never analyzed (quadratic: 23 s at 20k rows).
  const seenIds = (pullParam: number) =>
    `SELECT u.id FROM ${table('run_pages')} p CROSS JOIN LATERAL unnest(p.ids) AS u(id) WHERE p.connection_id = $1 AND p.pull_id = $${pullParam}::text`;

  return {
    getMany: (connectionId, ids) =>
      run(async (sql) => {
        if (ids.length === 0) return [];
        const { rows } = await sql.query<Row>(
          `SELECT ${selected} FROM ${t} t WHERE t.connection_id = $1 AND t.id = ANY($2::text[])`,
          [connectionId, textArray(ids)],
        );
        return rows.map(toRecord);
      }),
    upsertMany: (records) =>
      run(async (sql) => {
        if (records.length === 0) return;
        // The last write of a key wins (ON CONFLICT cannot touch a row twice in one statement), and rows
        // go in id order so concurrent batches lock shared rows in the same order and never deadlock.
        const latest = new Map<string, T>();
        for (const r of records) latest.set(`${r.connectionId.length}:${r.connectionId}:${r.id}`, r);
        const rows = [...latest.values()].sort((a, b) => (a.connectionId < b.connectionId ? -1 : a.connectionId > b.connectionId ? 1 : byId(a, b)));
        await sql.query(upsert, [JSON.stringify(rows.map(toParam))]);
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const limit = options.limit ?? 1000;
        // One row more than asked tells whether another page follows.
        const params: unknown[] = [connectionId, options.after ?? null, limit + 1, options.includeRemoved === true];
        const filter = companyFilter(options.companyIds, 5);
        if (filter) params.push(textArray(options.companyIds ?? []));
        const { rows } = await sql.query<Row>(
          `SELECT ${selected} FROM ${t} t
           WHERE t.connection_id = $1 AND ($2::text IS NULL OR t.id > $2::text) AND ($4::boolean OR t.removed_at IS NULL)${filter}
           ORDER BY t.id LIMIT $3::integer`,
          params,
        );
        const items = rows.slice(0, limit).map(toRecord);
        return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
      }),
    listActiveIds: (connectionId, options = {}) =>
      run(async (sql) => {
        const params: unknown[] = [connectionId];
        const filter = companyFilter(options.companyIds, 2);
        if (filter) params.push(textArray(options.companyIds ?? []));
        const { rows } = await sql.query<{ id: string }>(`SELECT ${ctx.text('t.id')} FROM ${t} t WHERE t.connection_id = $1 AND t.removed_at IS NULL${filter} ORDER BY t.id`, params);
        return rows.map((r) => r.id);
      }),
    count: (connectionId, options = {}) =>
      run(async (sql) => {
        const params: unknown[] = [connectionId];
        const where = ['t.connection_id = $1'];
        if (spec.byCompany && options.companyIds !== undefined) where.push(`t.company_id = ANY($${params.push(textArray(options.companyIds))}::text[])`);
        if (options.notSeenBy !== undefined) {
          const seen = seenIds(params.push(options.notSeenBy));
          where.push('t.removed_at IS NULL');
          const { rows } = await sql.query<{ n: unknown }>(`SELECT count(*) AS n FROM (SELECT t.id FROM ${t} t WHERE ${where.join(' AND ')} EXCEPT ${seen}) unseen`, params);
          return num(rows[0]?.n ?? 0);
        }
        if (options.includeRemoved !== true) where.push('t.removed_at IS NULL');
        const { rows } = await sql.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${t} t WHERE ${where.join(' AND ')}`, params);
        return num(rows[0]?.n ?? 0);
      }),
    listUnseen: (connectionId, pullId, options = {}) =>
      run(async (sql) => {
        const limit = options.limit ?? 1000;
        const params: unknown[] = [connectionId, options.after ?? null, limit + 1, pullId];
        const filter = companyFilter(options.companyIds, 5);
        if (filter) params.push(textArray(options.companyIds ?? []));
        const { rows } = await sql.query<Row>(
          `WITH unseen AS (SELECT t.id FROM ${t} t WHERE t.connection_id = $1 AND ($2::text IS NULL OR t.id > $2::text) AND t.removed_at IS NULL${filter}
                           EXCEPT ${seenIds(4)} ORDER BY 1 LIMIT $3::integer)
           SELECT ${selected} FROM unseen JOIN ${t} t ON t.connection_id = $1 AND t.id = unseen.id
           ORDER BY t.id`,
          params,
        );
        const items = rows.slice(0, limit).map(toRecord);
        return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
      }),
  };
}
