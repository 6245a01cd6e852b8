import { type JsonObject, Pax8SyncNotFoundError, type RunStore, type SyncRun } from '@pax8-sync/core';
import { json, num, numOrNull, type StoreContext, textArray } from './store-context';

interface RunRow {
  id: string;
  connection_id: string;
  entity: SyncRun['entity'];
  pull_id: string;
  resumed_from_run_id: string | null;
  started_at: unknown;
  finished_at: unknown;
  outcome: SyncRun['outcome'];
  checkpoint: unknown;
  counts: unknown;
  error: string | null;
  flags: unknown;
}

const columns = 'id, connection_id, entity, pull_id, resumed_from_run_id, started_at, finished_at, outcome, checkpoint, counts, error, flags';

const toRun = (r: RunRow): SyncRun => ({
  id: r.id,
  connectionId: r.connection_id,
  entity: r.entity,
  pullId: r.pull_id,
  resumedFromRunId: r.resumed_from_run_id,
  startedAt: num(r.started_at),
  finishedAt: numOrNull(r.finished_at),
  outcome: r.outcome,
  checkpoint: r.checkpoint === null ? null : json<JsonObject>(r.checkpoint),
  counts: json(r.counts),
  error: r.error,
  flags: json(r.flags),
});

/** Runs, their checkpoints and the seen-id set of each pull. @internal */
export function createRunStore({ run, table }: StoreContext): RunStore {
  const t = table('runs');
  const seen = table('run_seen');
  return {
    start: (r) =>
      run(async (sql) => {
        await sql.query(
          `INSERT INTO ${t} (${columns}) VALUES ($1, $2, $3, $4, $5, $6::bigint, $7::bigint, $8, $9::json, $10::json, $11, $12::json)`,
          [
            r.id,
            r.connectionId,
            r.entity,
            r.pullId,
            r.resumedFromRunId,
            r.startedAt,
            r.finishedAt,
            r.outcome,
            r.checkpoint === null ? null : JSON.stringify(r.checkpoint),
            JSON.stringify(r.counts),
            r.error,
            JSON.stringify(r.flags),
          ],
        );
      }),
    checkpoint: (input) =>
      run(async (sql) => {
        // One statement: the checkpoint, the counts and the seen ids (sorted, so concurrent pages lock alike).
        const ids = [...new Set(input.seenIds)].sort();
        const { rows } = await sql.query<{ n: unknown }>(
          `WITH run AS (
             UPDATE ${t} SET checkpoint = $2::json, counts = $3::json WHERE id = $1 RETURNING connection_id, pull_id
           ), added AS (
             INSERT INTO ${seen} (connection_id, pull_id, entity_id)
             SELECT run.connection_id, run.pull_id, s.id FROM run, unnest($4::text[]) WITH ORDINALITY AS s(id, n) ORDER BY s.n
             ON CONFLICT DO NOTHING
           )
           SELECT count(*) AS n FROM run`,
          [input.runId, JSON.stringify(input.checkpoint), JSON.stringify(input.counts), textArray(ids)],
        );
        if (num(rows[0]?.n ?? 0) === 0) throw new Pax8SyncNotFoundError('run', input.runId);
      }),
    finish: (input) =>
      run(async (sql) => {
        const { rowCount } = await sql.query(
          `UPDATE ${t} SET outcome = $2, finished_at = $3::bigint, counts = $4::json, error = $5, flags = $6::json WHERE id = $1`,
          [input.runId, input.outcome, input.finishedAt, JSON.stringify(input.counts), input.error, JSON.stringify(input.flags)],
        );
        if (rowCount === 0) throw new Pax8SyncNotFoundError('run', input.runId);
      }),
    get: (runId) =>
      run(async (sql) => {
        const { rows } = await sql.query<RunRow>(`SELECT ${columns} FROM ${t} WHERE id = $1`, [runId]);
        return rows[0] ? toRun(rows[0]) : undefined;
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const { rows } = await sql.query<RunRow>(
          `SELECT ${columns} FROM ${t} WHERE connection_id = $1 AND ($2::text IS NULL OR entity = $2::text)
           ORDER BY started_at DESC, seq DESC LIMIT $3::integer`,
          [connectionId, options.entity ?? null, options.limit ?? 50],
        );
        return rows.map(toRun);
      }),
    listSeen: (connectionId, pullId) =>
      run(async (sql) => {
        const { rows } = await sql.query<{ entity_id: string }>(`SELECT entity_id FROM ${seen} WHERE connection_id = $1 AND pull_id = $2`, [connectionId, pullId]);
        return rows.map((r) => r.entity_id);
      }),
    clearSeen: (connectionId, pullId) =>
      run(async (sql) => {
        await sql.query(`DELETE FROM ${seen} WHERE connection_id = $1 AND pull_id = $2`, [connectionId, pullId]);
      }),
  };
}
