import { type JsonObject, type OutboxStore, Pax8SyncError, type StoredWriteIntent } from '@pax8-sync/core';
import { fromJson, marks, num, numOrNull, type Params, type Runner, toJson } from './runner';

interface IntentRow {
  id: string;
  connection_id: string;
  kind: StoredWriteIntent['kind'];
  target_entity: StoredWriteIntent['target']['entity'];
  target_id: string;
  payload: string;
  based_on: string | null;
  requested_by: string;
  reason: string;
  state: StoredWriteIntent['state'];
  due_at: number | null;
  attempts: number;
  sent_at: number | null;
  outcome: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

const columns = ['id', 'connection_id', 'kind', 'target_entity', 'target_id', 'payload', 'based_on', 'requested_by', 'reason', 'state', 'due_at', 'attempts', 'sent_at', 'outcome', 'created_at', 'updated_at', 'version'];

const toIntent = (r: IntentRow): StoredWriteIntent => ({
  id: r.id,
  connectionId: r.connection_id,
  kind: r.kind,
  target: { entity: r.target_entity, id: r.target_id },
  payload: fromJson<JsonObject>(r.payload),
  basedOn: r.based_on === null ? null : fromJson<JsonObject>(r.based_on),
  requestedBy: r.requested_by,
  reason: r.reason,
  state: r.state,
  dueAt: numOrNull(r.due_at),
  attempts: num(r.attempts),
  sentAt: numOrNull(r.sent_at),
  outcome: r.outcome === null ? null : fromJson<JsonObject>(r.outcome),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  version: num(r.version),
});

/** The values of every column but the key (`id`, `connection_id`), in column order. */
const fields = (i: StoredWriteIntent): Params => [
  i.kind,
  i.target.entity,
  i.target.id,
  toJson(i.payload),
  i.basedOn === null ? null : toJson(i.basedOn),
  i.requestedBy,
  i.reason,
  i.state,
  i.dueAt,
  i.attempts,
  i.sentAt,
  i.outcome === null ? null : toJson(i.outcome),
  i.createdAt,
  i.updatedAt,
  i.version,
];

/**
 * The write-back outbox. Every operation is one statement under the adapter's single writer, so
 * the compare-and-swap in `update` is atomic: of concurrent claimers one matches the version.
 */
export function createOutboxStore(run: Runner): OutboxStore {
  const assignments = columns.slice(2).map((c) => `${c} = ?`).join(', ');
  return {
    add: (intent) =>
      run((db) => {
        const { changes } = db.run(`INSERT INTO write_intents (${columns.join(', ')}) VALUES (${marks(columns.length)}) ON CONFLICT (id) DO NOTHING`, [intent.id, intent.connectionId, ...fields(intent)]);
        if (changes === 0) throw new Pax8SyncError('write-intent-exists', `A write intent with id ${JSON.stringify(intent.id.slice(0, 80))} is already stored: intent ids are unique per storage.`);
      }),
    get: (connectionId, id) => run((db) => db.all<IntentRow>('SELECT * FROM write_intents WHERE connection_id = ? AND id = ?', [connectionId, id]).map(toIntent)[0]),
    list: (connectionId, options = {}) =>
      run((db) => {
        const states = options.states;
        if (states?.length === 0) return [];
        const where = ['connection_id = ?', ...(states ? [`state IN (${marks(states.length)})`] : []), ...(options.after === undefined ? [] : ['id > ?'])];
        const params: Params = [connectionId, ...(states ?? []), ...(options.after === undefined ? [] : [options.after]), options.limit ?? 100];
        return db.all<IntentRow>(`SELECT * FROM write_intents WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`, params).map(toIntent);
      }),
    listDue: (connectionId, now, limit = 100) =>
      run((db) =>
        db
          .all<IntentRow>(
            // SQLite sorts NULL first in ascending order; said explicitly all the same.
            `SELECT * FROM write_intents WHERE connection_id = ? AND state = 'approved' AND (due_at IS NULL OR due_at <= ?)
             ORDER BY due_at ASC NULLS FIRST, id LIMIT ?`,
            [connectionId, now, limit],
          )
          .map(toIntent),
      ),
    update: (intent, expectedVersion) =>
      run((db) => {
        if (intent.version !== expectedVersion + 1) return false;
        return db.run(`UPDATE write_intents SET ${assignments} WHERE id = ? AND connection_id = ? AND version = ?`, [...fields(intent), intent.id, intent.connectionId, expectedVersion]).changes === 1;
      }),
  };
}
