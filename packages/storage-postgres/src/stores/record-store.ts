import type { RecordFilter, RecordStore, SyncedRecordBase } from '@pax8-sync/core';
import { commonColumns, type EntityTable, type RecordColumn } from './record-tables';
import { upsertStatement } from './record-upsert';
import { json, num, numOrNull, type StoreContext, selectList, textArray } from './store-context';

type Row = Record<string, unknown>;

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A column's value as read back: numbers as JS numbers (`pg` returns int8 as text), the rest as they are. */
function fromColumn(type: RecordColumn<unknown>['type'], value: unknown): unknown {
  if (type === 'bigint') return numOrNull(value);
  if (type === 'double precision') return num(value);
  return type === 'json' ? json(value) : value;
}

/**
 * One entity's rows. `upsertMany` is one statement per call (see {@link upsertStatement}). @internal
 */
export function createRecordStore<T extends SyncedRecordBase>(ctx: StoreContext, spec: EntityTable<T>): RecordStore<T> {
  const { run, table } = ctx;
  const t = table(spec.table);
  const all: readonly RecordColumn<T>[] = [...(commonColumns as readonly RecordColumn<T>[]), ...spec.extra];
  const selected = selectList(
    ctx,
    all.map((c) => c.column),
    all.filter((c) => c.type === 'text').map((c) => c.column),
    't.',
  );
  const upsert = upsertStatement(t, all);

  // Field order matches the contract's types, so a record serialises the same way it came in.
  const toRecord = (row: Row): T => {
    const record: Row = {};
    for (const c of all) record[c.field] = fromColumn(c.type, row[c.column]);
    return record as T;
  };

  // Each filter the entity honours, as `AND column = ANY($n)` with its list pushed onto `params`. A
  // list of one is `column = $n`: an equality the planner knows keeps an index's id order, so one
  // company's rows of one scope are read in order from the company index, statistics or not.
  const filtered = (options: RecordFilter, params: unknown[]): string =>
    spec.filters
      .map(({ option, column }) => {
        const values = options[option];
        if (values === undefined) return '';
        if (values.length === 1) return ` AND t.${column} = $${params.push(values[0])}::text`;
        return ` AND t.${column} = ANY($${params.push(textArray(values))}::text[])`;
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
        await sql.query(upsert.sql, upsert.params(rows));
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
