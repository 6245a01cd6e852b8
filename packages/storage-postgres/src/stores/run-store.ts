import { type JsonObject, Pax8SyncNotFoundError, type RunStore, type SyncRun } from '@pax8-sync/core';
import { checkpointParams, checkpointSql } from './run-checkpoint';
import { json, num, numOrNull, type StoreContext, selectList } from './store-context';

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
  page_checkpoint: unknown;
  page_counts: unknown;
}

const columns = 'id, connection_id, entity, pull_id, resumed_from_run_id, started_at, finished_at, outcome, checkpoint, counts, error, flags';

const toRun = (r: RunRow): SyncRun => {
  // A running run's progress is in its latest page slot; the run row gets it when the run finishes.
  const checkpoint = r.page_checkpoint ?? r.checkpoint;
  return {
    id: r.id,
    connectionId: r.connection_id,
    entity: r.entity,
    pullId: r.pull_id,
    resumedFromRunId: r.resumed_from_run_id,
    startedAt: num(r.started_at),
    finishedAt: numOrNull(r.finished_at),
    outcome: r.outcome,
    checkpoint: checkpoint === null || checkpoint === undefined ? null : json<JsonObject>(checkpoint),
    counts: json(r.page_counts ?? r.counts),
    error: r.error,
    flags: json(r.flags),
  };
};

/**
 * Runs, their checkpoints and the seen-id set of each pull. A page writes one row: its slot in
 * `run_pages` (connection, entity, position in the pull) with the page's ids, the checkpoint, the
 * counts and the page's mark; the next pull of the entity overwrites the slots in place (no deletes). @internal
 */
export function createRunStore(ctx: StoreContext): RunStore {
  const { run, table, text } = ctx;
  const t = table('runs');
  const pages = table('run_pages');
  const latestPage = `LEFT JOIN LATERAL (
      SELECT p.checkpoint AS page_checkpoint, p.counts AS page_counts FROM ${pages} p
      WHERE p.connection_id = r.connection_id AND p.entity = r.entity AND p.run_id = r.id ORDER BY p.slot DESC LIMIT 1
    ) p ON r.finished_at IS NULL`;
  const listed = selectList(ctx, columns.split(', '), ['id', 'connection_id', 'entity', 'pull_id', 'resumed_from_run_id', 'outcome', 'error'], 'r.');
  const select = `SELECT ${listed}, p.page_checkpoint, p.page_counts FROM ${t} r ${latestPage}`;
  const checkpointStatement = checkpointSql(t, pages);
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
        // One row: the page's slot, with its ids, the checkpoint, the counts and the mark (NULL without one).
        const { rows } = await sql.query<{ n: unknown }>(checkpointStatement, checkpointParams(input));
        if (rows.length === 0) throw new Pax8SyncNotFoundError('run', input.runId);
      }),
    finish: (input) =>
      run(async (sql) => {
        const { rowCount } = await sql.query(
          `UPDATE ${t} r SET outcome = $2, finished_at = $3::bigint, counts = $4::json, error = $5, flags = $6::json,
             checkpoint = COALESCE((SELECT p.checkpoint FROM ${pages} p WHERE p.connection_id = r.connection_id AND p.entity = r.entity AND p.run_id = r.id ORDER BY p.slot DESC LIMIT 1), r.checkpoint)
           WHERE r.id = $1`,
          [input.runId, input.outcome, input.finishedAt, JSON.stringify(input.counts), input.error, JSON.stringify(input.flags)],
        );
        if (rowCount === 0) throw new Pax8SyncNotFoundError('run', input.runId);
      }),
    get: (runId) =>
      run(async (sql) => {
        const { rows } = await sql.query<RunRow>(`${select} WHERE r.id = $1`, [runId]);
        return rows[0] ? toRun(rows[0]) : undefined;
      }),
    list: (connectionId, options = {}) =>
      run(async (sql) => {
        const { rows } = await sql.query<RunRow>(
          `${select} WHERE r.connection_id = $1 AND ($2::text IS NULL OR r.entity = $2::text)
           ORDER BY r.started_at DESC, r.seq DESC LIMIT $3::integer`,
          [connectionId, options.entity ?? null, options.limit ?? 50],
        );
        return rows.map(toRun);
      }),
    countSeen: (connectionId, pullId) =>
      run(async (sql) => {
        const { rows } = await sql.query<{ n: unknown }>(
          `SELECT count(DISTINCT u.id) AS n FROM ${pages} p CROSS JOIN LATERAL unnest(p.ids) AS u(id) WHERE p.connection_id = $1 AND p.pull_id = $2`,
          [connectionId, pullId],
        );
        return num(rows[0]?.n ?? 0);
      }),
    listSeen: (connectionId, pullId) =>
      run(async (sql) => {
        const { rows } = await sql.query<{ id: string }>(
          `SELECT ${text('s.id')} FROM (SELECT DISTINCT u.id FROM ${pages} p CROSS JOIN LATERAL unnest(p.ids) AS u(id) WHERE p.connection_id = $1 AND p.pull_id = $2) s`,
          [connectionId, pullId],
        );
        return rows.map((r) => r.id);
      }),
    // The slots are overwritten by the next pull of the entity: nothing to delete (a delete per page would
    // double what a re-sync writes). A later pull's seen set is only the slots carrying its own pull id.
    clearSeen: () => run(async () => undefined),
    // The slots' marks, which clearSeen (a no-op) leaves; one read of the primary key's (connection, entity) prefix.
    pageMarks: (connectionId, entity) =>
      run(async (sql) => {
        const { rows } = await sql.query<{ slot: unknown; mark: string }>(
          `SELECT p.slot, ${text('p.mark')} FROM ${pages} p WHERE p.connection_id = $1 AND p.entity = $2 AND p.mark IS NOT NULL ORDER BY p.slot`,
          [connectionId, entity],
        );
        return rows.map((r) => ({ page: num(r.slot), mark: r.mark }));
      }),
  };
}
