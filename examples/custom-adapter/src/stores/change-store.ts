import { type ChangeEvent, type ChangeStore, type JsonObject, Pax8SyncConfigError } from '@pax8-sync/core';
import { atomically, fromJson, num, type Runner, toJson } from './runner';

interface ChangeRow {
  seq: number;
  connection_id: string;
  run_id: string;
  entity: ChangeEvent['entity'];
  entity_id: string;
  kind: ChangeEvent['kind'];
  at: number;
  fields: string;
  detail: string;
  before: string | null;
  after: string | null;
}

const toEvent = (r: ChangeRow): ChangeEvent => ({
  connectionId: r.connection_id,
  runId: r.run_id,
  entity: r.entity,
  entityId: r.entity_id,
  kind: r.kind,
  at: num(r.at),
  fields: fromJson(r.fields),
  detail: fromJson(r.detail),
  before: r.before === null ? null : fromJson<JsonObject>(r.before),
  after: r.after === null ? null : fromJson<JsonObject>(r.after),
  cursor: String(r.seq),
});

/**
 * The change feed. The cursor is SQLite's AUTOINCREMENT key: transactions are serialised, so the
 * order keys are handed out is the commit order, and a reader never finds an event before one it saw.
 */
export function createChangeStore(run: Runner): ChangeStore {
  return {
    append: (events) =>
      run((db) =>
        atomically(db, () => {
          for (const e of events) {
            db.run('INSERT INTO changes (connection_id, run_id, entity, entity_id, kind, at, fields, detail, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
              e.connectionId,
              e.runId,
              e.entity,
              e.entityId,
              e.kind,
              e.at,
              toJson(e.fields),
              toJson(e.detail),
              e.before === null ? null : toJson(e.before),
              e.after === null ? null : toJson(e.after),
            ]);
          }
        }),
      ),
    list: (connectionId, options = {}) =>
      run((db) => {
        const after = options.after ?? null;
        if (after !== null && !/^\d{1,15}$/.test(after)) {
          throw new Pax8SyncConfigError('after', `must be a cursor returned by changes.list (a string of digits); got ${JSON.stringify(after.slice(0, 40))}.`);
        }
        const rows = db.all<ChangeRow>('SELECT * FROM changes WHERE connection_id = ? AND seq > ? ORDER BY seq LIMIT ?', [connectionId, after === null ? 0 : Number(after), options.limit ?? 100]);
        const events = rows.map(toEvent);
        return { events, nextCursor: events.at(-1)?.cursor ?? after };
      }),
  };
}
