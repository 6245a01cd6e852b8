import type { JsonValue, Pax8SyncEntity, QuarantinedRecord, QuarantineStore } from '@pax8-sync/core';
import { json, num, type StoreContext, selectList, textArray } from './store-context';

interface QuarantineRow {
  connection_id: string;
  entity: Pax8SyncEntity;
  key: string;
  run_id: string;
  reason: string;
  issues: unknown;
  record: unknown;
  at: unknown;
}

const columns = 'connection_id, entity, key, run_id, reason, issues, record, at';

const toRecord = (r: QuarantineRow): QuarantinedRecord => ({
  connectionId: r.connection_id,
  entity: r.entity,
  key: r.key,
  runId: r.run_id,
  reason: r.reason,
  issues: json(r.issues),
  // A raw record may be JSON null, stored as SQL NULL.
  record: r.record === null ? null : json<JsonValue>(r.record),
  at: num(r.at),
});

/** Invalid records kept with their reason. @internal */
export function createQuarantineStore(ctx: StoreContext): QuarantineStore {
  const { run, table } = ctx;
  const t = table('quarantine');
  const select = selectList(ctx, columns.split(', '), ['connection_id', 'entity', 'key', 'run_id', 'reason'], 'q.');
  return {
    putMany: (records) =>
      run(async (sql) => {
        if (records.length === 0) return;
        const latest = new Map<string, QuarantinedRecord>();
        for (const q of records) latest.set(JSON.stringify([q.connectionId, q.entity, q.key]), q);
        const rows = [...latest.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, q]) => ({
            connection_id: q.connectionId,
            entity: q.entity,
            key: q.key,
            run_id: q.runId,
            reason: q.reason,
            issues: q.issues,
            record: q.record,
            at: q.at,
          }));
        await sql.query(
          `INSERT INTO ${t} (${columns}) SELECT ${columns} FROM json_to_recordset($1::json)
             AS r(connection_id text, entity text, key text, run_id text, reason text, issues json, record json, at bigint)
           ON CONFLICT (connection_id, entity, key) DO UPDATE SET run_id = EXCLUDED.run_id, reason = EXCLUDED.reason,
             issues = EXCLUDED.issues, record = EXCLUDED.record, at = EXCLUDED.at`,
          [JSON.stringify(rows)],
        );
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const { rows } = await sql.query<QuarantineRow>(
          `SELECT ${select} FROM ${t} q WHERE q.connection_id = $1 AND ($2::text IS NULL OR q.entity = $2::text) ORDER BY q.entity, q.key`,
          [connectionId, options.entity ?? null],
        );
        return rows.map(toRecord);
      }),
    deleteMany: (connectionId, entity, keys) =>
      run(async (sql) => {
        if (keys.length === 0) return;
        await sql.query(`DELETE FROM ${t} WHERE connection_id = $1 AND entity = $2 AND key = ANY($3::text[])`, [connectionId, entity, textArray(keys)]);
      }),
  };
}
