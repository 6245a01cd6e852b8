import { type ChangeEvent, type ChangeStore, type JsonObject, Pax8SyncConfigError } from '@pax8-sync/core';
import { json, num, type StoreContext } from './store-context';

interface ChangeRow {
  connection_id: string;
  cursor: string;
  run_id: string;
  entity: ChangeEvent['entity'];
  entity_id: string;
  kind: ChangeEvent['kind'];
  at: unknown;
  fields: unknown;
  detail: unknown;
  before: unknown;
  after: unknown;
}

const toEvent = (r: ChangeRow): ChangeEvent => ({
  connectionId: r.connection_id,
  runId: r.run_id,
  entity: r.entity,
  entityId: r.entity_id,
  kind: r.kind,
  at: num(r.at),
  fields: json(r.fields),
  detail: json(r.detail),
  before: r.before === null ? null : json<JsonObject>(r.before),
  after: r.after === null ? null : json<JsonObject>(r.after),
  cursor: r.cursor,
});

/**
 * The change feed. Cursors are per-connection counters kept in `change_heads`; an append locks its
 * connection's head row until commit, so cursors become visible in commit order. @internal
 */
export function createChangeStore({ run, table, text }: StoreContext): ChangeStore {
  const t = table('changes');
  const heads = table('change_heads');
  const append = `WITH input AS (
      SELECT * FROM json_to_recordset($1::json) AS r(ord integer, connection_id text COLLATE "C", run_id text, entity text, entity_id text,
        kind text, at bigint, fields json, detail json, before json, after json)
    ), counts AS (
      SELECT connection_id, count(*) AS n FROM input GROUP BY connection_id
    ), head AS (
      INSERT INTO ${heads} AS h (connection_id, last_cursor) SELECT connection_id, n FROM counts ORDER BY connection_id
      ON CONFLICT (connection_id) DO UPDATE SET last_cursor = h.last_cursor + EXCLUDED.last_cursor
      RETURNING h.connection_id, h.last_cursor
    )
    INSERT INTO ${t} (connection_id, cursor, run_id, entity, entity_id, kind, at, fields, detail, before, after)
    SELECT i.connection_id, head.last_cursor - counts.n + row_number() OVER (PARTITION BY i.connection_id ORDER BY i.ord),
      i.run_id, i.entity, i.entity_id, i.kind, i.at, i.fields, i.detail, i.before, i.after
    FROM input i JOIN counts ON counts.connection_id = i.connection_id JOIN head ON head.connection_id = i.connection_id`;

  return {
    append: (events) =>
      run(async (sql) => {
        if (events.length === 0) return;
        const rows = events.map((e, ord) => ({
          ord,
          connection_id: e.connectionId,
          run_id: e.runId,
          entity: e.entity,
          entity_id: e.entityId,
          kind: e.kind,
          at: e.at,
          fields: e.fields,
          detail: e.detail,
          before: e.before,
          after: e.after,
        }));
        await sql.query(append, [JSON.stringify(rows)]);
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const after = options.after ?? null;
        if (after !== null && !/^\d{1,18}$/.test(after)) {
          throw new Pax8SyncConfigError('after', `must be a cursor returned by changes.list (a string of digits); got ${JSON.stringify(after.slice(0, 40))}.`);
        }
        const { rows } = await sql.query<ChangeRow>(
          // Ordered by the bigint column (the text alias would sort "10" before "9").
          `SELECT ${text('c.connection_id')}, c.cursor::text AS cursor, ${text('c.run_id')}, ${text('c.entity')}, ${text('c.entity_id')}, ${text('c.kind')}, c.at, c.fields, c.detail, c.before, c.after
           FROM ${t} c WHERE c.connection_id = $1 AND ($2::bigint IS NULL OR c.cursor > $2::bigint) ORDER BY c.cursor LIMIT $3::integer`,
          [connectionId, after, options.limit ?? 100],
        );
        const events = rows.map(toEvent);
        return { events, nextCursor: events.at(-1)?.cursor ?? after };
      }),
  };
}
