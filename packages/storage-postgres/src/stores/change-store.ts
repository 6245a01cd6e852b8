import { type ChangeEvent, type ChangeStore, type JsonObject, type NewChangeEvent, Pax8SyncConfigError } from '@pax8-sync/core';
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

/** The parameters of the append: each connection's count, then the events column by column. */
function appendParams(events: readonly NewChangeEvent[]): unknown[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.connectionId, (counts.get(e.connectionId) ?? 0) + 1);
  const seen = new Map<string, number>();
  const back = events.map((e) => {
    const n = (seen.get(e.connectionId) ?? 0) + 1;
    seen.set(e.connectionId, n);
    return (counts.get(e.connectionId) ?? n) - n;
  });
  const ids = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const column = <K extends keyof NewChangeEvent>(key: K) => events.map((e) => e[key]);
  return [
    ids,
    ids.map((id) => counts.get(id)),
    column('connectionId'),
    back,
    column('runId'),
    column('entity'),
    column('entityId'),
    column('kind'),
    column('at'),
    JSON.stringify(column('fields')),
    JSON.stringify(column('detail')),
    JSON.stringify(column('before')),
    JSON.stringify(column('after')),
  ];
}

/**
 * The change feed. Cursors are per-connection counters kept in `change_heads`; an append locks its
 * connection's head row until commit, so cursors become visible in commit order. @internal
 */
export function createChangeStore({ run, table, text }: StoreContext): ChangeStore {
  const t = table('changes');
  const heads = table('change_heads');
  // One typed array per column and one JSON array per json column, zipped by ROWS FROM as the record
  // upsert does (issue #13): the server parses no per-row JSON object, as json_to_recordset did, and
  // no window sorts the rows. Each connection's head moves once by its count of events; an event's
  // cursor is that connection's new head minus `back`, its distance from the connection's last event
  // (computed here, from the order of the batch). A JSON `null` before/after is stored as SQL NULL.
  const nullable = (column: string) => `CASE WHEN json_typeof(e.${column}) = 'null' THEN NULL ELSE e.${column} END`;
  const append = `WITH head AS (
      INSERT INTO ${heads} AS h (connection_id, last_cursor) SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1
      ON CONFLICT (connection_id) DO UPDATE SET last_cursor = h.last_cursor + EXCLUDED.last_cursor
      RETURNING h.connection_id, h.last_cursor
    )
    INSERT INTO ${t} (connection_id, cursor, run_id, entity, entity_id, kind, at, fields, detail, before, after)
    SELECT head.connection_id, head.last_cursor - e.back, e.run_id, e.entity, e.entity_id, e.kind, e.at, e.fields, e.detail, ${nullable('before')}, ${nullable('after')}
    FROM ROWS FROM (unnest($3::text[]), unnest($4::integer[]), unnest($5::text[]), unnest($6::text[]), unnest($7::text[]), unnest($8::text[]), unnest($9::bigint[]),
      json_array_elements($10::json), json_array_elements($11::json), json_array_elements($12::json), json_array_elements($13::json))
      AS e(connection_id, back, run_id, entity, entity_id, kind, at, fields, detail, before, after)
    JOIN head ON head.connection_id = e.connection_id COLLATE "C"`;

  return {
    append: (events) =>
      run(async (sql) => {
        if (events.length === 0) return;
        await sql.query(append, appendParams(events));
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
