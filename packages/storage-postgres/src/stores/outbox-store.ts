import { type JsonObject, type OutboxStore, Pax8SyncError, type StoredWriteIntent } from '@pax8-sync/core';
import { json, num, numOrNull, type StoreContext, selectList, textArray } from './store-context';

interface IntentRow {
  id: string;
  connection_id: string;
  kind: StoredWriteIntent['kind'];
  target_entity: StoredWriteIntent['target']['entity'];
  target_id: string;
  payload: unknown;
  based_on: unknown;
  requested_by: string;
  reason: string;
  state: StoredWriteIntent['state'];
  due_at: unknown;
  attempts: unknown;
  sent_at: unknown;
  outcome: unknown;
  created_at: unknown;
  updated_at: unknown;
  version: unknown;
}

const columns = [
  'id', 'connection_id', 'kind', 'target_entity', 'target_id', 'payload', 'based_on', 'requested_by', 'reason',
  'state', 'due_at', 'attempts', 'sent_at', 'outcome', 'created_at', 'updated_at', 'version',
];
const textColumns = ['id', 'connection_id', 'kind', 'target_entity', 'target_id', 'requested_by', 'reason', 'state'];
/** The cast each column's parameter needs, in column order. */
const casts = ['', '', '', '', '', '::json', '::json', '', '', '', '::bigint', '::integer', '::bigint', '::json', '::bigint', '::bigint', '::bigint'];
const placeholders = casts.map((cast, i) => `$${i + 1}${cast}`).join(', ');
/** `column = $n` for every column but the key (id, connection id). */
const assignments = columns.map((c, i) => `${c} = $${i + 1}${casts[i]}`).slice(2).join(', ');

const toIntent = (r: IntentRow): StoredWriteIntent => ({
  id: r.id,
  connectionId: r.connection_id,
  kind: r.kind,
  target: { entity: r.target_entity, id: r.target_id },
  payload: json<JsonObject>(r.payload),
  basedOn: r.based_on === null ? null : json<JsonObject>(r.based_on),
  requestedBy: r.requested_by,
  reason: r.reason,
  state: r.state,
  dueAt: numOrNull(r.due_at),
  attempts: num(r.attempts),
  sentAt: numOrNull(r.sent_at),
  outcome: r.outcome === null ? null : json<JsonObject>(r.outcome),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  version: num(r.version),
});

const values = (i: StoredWriteIntent): unknown[] => [
  i.id,
  i.connectionId,
  i.kind,
  i.target.entity,
  i.target.id,
  JSON.stringify(i.payload),
  i.basedOn === null ? null : JSON.stringify(i.basedOn),
  i.requestedBy,
  i.reason,
  i.state,
  i.dueAt,
  i.attempts,
  i.sentAt,
  i.outcome === null ? null : JSON.stringify(i.outcome),
  i.createdAt,
  i.updatedAt,
  i.version,
];

/** The write-back outbox: one row per intent, updated by compare-and-swap on `version`. @internal */
export function createOutboxStore(ctx: StoreContext): OutboxStore {
  const { run, table } = ctx;
  const t = table('write_intents');
  // Qualified columns: on PGlite the select list renames text columns, and ORDER BY must not sort those.
  const select = `SELECT ${selectList(ctx, columns, textColumns, 'w.')} FROM ${t} w`;
  return {
    add: (intent) =>
      run(async (sql) => {
        // ON CONFLICT instead of a unique violation: a failed statement would abort the caller's transaction.
        const { rows } = await sql.query(`INSERT INTO ${t} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT (id) DO NOTHING RETURNING 1 AS wrote`, values(intent));
        if (rows.length === 0) {
          throw new Pax8SyncError('write-intent-exists', `A write intent with id ${JSON.stringify(intent.id.slice(0, 80))} is already stored: intent ids are unique per storage.`);
        }
      }),
    get: (connectionId, id) =>
      run(async (sql) => {
        const { rows } = await sql.query<IntentRow>(`${select} WHERE w.connection_id = $1 AND w.id = $2`, [connectionId, id]);
        return rows[0] ? toIntent(rows[0]) : undefined;
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const { rows } = await sql.query<IntentRow>(
          `${select} WHERE w.connection_id = $1 AND ($2::text[] IS NULL OR w.state = ANY($2::text[])) AND ($3::text IS NULL OR w.id > $3::text)
           ORDER BY w.id LIMIT $4::integer`,
          [connectionId, options.states === undefined ? null : textArray(options.states), options.after ?? null, options.limit ?? 100],
        );
        return rows.map(toIntent);
      }),
    listDue: (connectionId, now, limit = 100) =>
      run(async (sql) => {
        const { rows } = await sql.query<IntentRow>(
          `${select} WHERE w.connection_id = $1 AND w.state = 'approved' AND (w.due_at IS NULL OR w.due_at <= $2::bigint)
           ORDER BY w.due_at NULLS FIRST, w.id LIMIT $3::integer`,
          [connectionId, now, limit],
        );
        return rows.map(toIntent);
      }),
    update: (intent, expectedVersion) =>
      run(async (sql) => {
        if (intent.version !== expectedVersion + 1) return false;
        // One conditional UPDATE: of concurrent writers with one expected version, the row lock lets one
        // through and the others re-check `version` against the row it wrote, and match nothing.
        const { rows } = await sql.query(
          `UPDATE ${t} SET ${assignments} WHERE id = $1 AND connection_id = $2 AND version = $18::bigint RETURNING 1 AS wrote`,
          [...values(intent), expectedVersion],
        );
        return rows.length === 1;
      }),
  };
}
