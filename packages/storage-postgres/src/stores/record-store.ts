import type { JsonObject, RecordFilter, RecordStore, SyncedRecordBase } from '@pax8-sync/core';
import type { EntityTable } from './record-tables';
import { json, num, numOrNull, type StoreContext, selectList, textArray } from './store-context';

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
      data: json<JsonObject>(row.data),
      createdRunId: row.created_run_id,
      updatedRunId: row.updated_run_id,
      createdAt: num(row.created_at),
      updatedAt: num(row.updated_at),
      removedAt: numOrNull(row.removed_at),
    };
    for (const e of spec.extra) record[e.field] = e.type === 'double precision' ? num(row[e.column]) : row[e.column];
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

  // Each filter the entity honours, as `AND column = ANY($n)` with its list pushed onto `params`.
  const filtered = (options: RecordFilter, params: unknown[]): string =>
    spec.filters
      .map(({ option, column }) => {
        const values = options[option];
        return values === undefined ? '' : ` AND t.${column} = ANY($${params.push(textArray(values))}::text[])`;
      })
      .join('');
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
        const filter = filtered(options, params);
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
        const filter = filtered(options, params);
        const { rows } = await sql.query<{ id: string }>(`SELECT ${ctx.text('t.id')} FROM ${t} t WHERE t.connection_id = $1 AND t.removed_at IS NULL${filter} ORDER BY t.id`, params);
        return rows.map((r) => r.id);
      }),
    count: (connectionId, options = {}) =>
      run(async (sql) => {
        const params: unknown[] = [connectionId];
        const where = `t.connection_id = $1${filtered(options, params)}`;
        if (options.notSeenBy !== undefined) {
          const seen = seenIds(params.push(options.notSeenBy));
          const { rows } = await sql.query<{ n: unknown }>(`SELECT count(*) AS n FROM (SELECT t.id FROM ${t} t WHERE ${where} AND t.removed_at IS NULL EXCEPT ${seen}) unseen`, params);
          return num(rows[0]?.n ?? 0);
        }
        const active = options.includeRemoved === true ? '' : ' AND t.removed_at IS NULL';
        const { rows } = await sql.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${t} t WHERE ${where}${active}`, params);
        return num(rows[0]?.n ?? 0);
      }),
    listUnseen: (connectionId, pullId, options = {}) =>
      run(async (sql) => {
        const limit = options.limit ?? 1000;
        const params: unknown[] = [connectionId, options.after ?? null, limit + 1, pullId];
        const filter = filtered(options, params);
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
