import type { JsonObject, Pax8SyncEntity, RunCounts, RunOutcome, RunStore, SyncRun } from '@pax8-sync/core';
import { Pax8SyncError } from '@pax8-sync/core';
import { atomically, fromJson, num, numOrNull, type Params, type Runner, toJson } from './runner';

interface RunRow {
  id: string;
  connection_id: string;
  entity: Pax8SyncEntity;
  pull_id: string;
  resumed_from_run_id: string | null;
  started_at: number;
  finished_at: number | null;
  outcome: RunOutcome;
  checkpoint: string | null;
  counts: string;
  error: string | null;
  flags: string;
}

const toRun = (r: RunRow): SyncRun => ({
  id: r.id,
  connectionId: r.connection_id,
  entity: r.entity,
  pullId: r.pull_id,
  resumedFromRunId: r.resumed_from_run_id,
  startedAt: num(r.started_at),
  finishedAt: numOrNull(r.finished_at),
  outcome: r.outcome,
  checkpoint: r.checkpoint === null ? null : fromJson<JsonObject>(r.checkpoint),
  counts: fromJson<RunCounts>(r.counts),
  error: r.error,
  flags: fromJson<string[]>(r.flags),
});

const unknownRun = (runId: string) => new Pax8SyncError('not-found', `No run with id "${runId}" in storage.`);

/** Runs, their checkpoints and the seen-id set of each pull. */
export function createRunStore(run: Runner): RunStore {
  return {
    start: (r) =>
      run((db) => {
        if (db.all('SELECT 1 FROM runs WHERE id = ?', [r.id]).length > 0) throw new Pax8SyncError('conflict', `A run with id "${r.id}" exists already.`);
        const [{ seq } = { seq: 0 }] = db.all<{ seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM runs');
        db.run(
          `INSERT INTO runs (id, connection_id, entity, pull_id, resumed_from_run_id, started_at, finished_at, outcome, checkpoint, counts, error, flags, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [r.id, r.connectionId, r.entity, r.pullId, r.resumedFromRunId, r.startedAt, r.finishedAt, r.outcome, r.checkpoint === null ? null : toJson(r.checkpoint), toJson(r.counts), r.error, toJson(r.flags), num(seq)],
        );
      }),
    checkpoint: (input) =>
      run((db) =>
        atomically(db, () => {
          const [row] = db.all<{ connection_id: string; pull_id: string }>('SELECT connection_id, pull_id FROM runs WHERE id = ?', [input.runId]);
          if (!row) throw unknownRun(input.runId);
          db.run('UPDATE runs SET checkpoint = ?, counts = ? WHERE id = ?', [toJson(input.checkpoint), toJson(input.counts), input.runId]);
          for (const id of input.seenIds) db.run('INSERT OR IGNORE INTO run_seen (connection_id, pull_id, id) VALUES (?, ?, ?)', [row.connection_id, row.pull_id, id]);
        }),
      ),
    finish: (f) =>
      run((db) => {
        const { changes } = db.run('UPDATE runs SET outcome = ?, finished_at = ?, counts = ?, error = ?, flags = ? WHERE id = ?', [
          f.outcome,
          f.finishedAt,
          toJson(f.counts),
          f.error,
          toJson(f.flags),
          f.runId,
        ]);
        if (changes === 0) throw unknownRun(f.runId);
      }),
    get: (runId) => run((db) => db.all<RunRow>('SELECT * FROM runs WHERE id = ?', [runId]).map(toRun)[0]),
    list: (connectionId, options = {}) =>
      run((db) => {
        const params: Params = [connectionId];
        const entity = options.entity === undefined ? '' : ' AND entity = ?';
        if (options.entity !== undefined) params.push(options.entity);
        params.push(options.limit ?? 50);
        return db.all<RunRow>(`SELECT * FROM runs WHERE connection_id = ?${entity} ORDER BY started_at DESC, seq DESC LIMIT ?`, params).map(toRun);
      }),
    countSeen: (connectionId, pullId) =>
      run((db) => num(db.all<{ n: number }>('SELECT count(*) AS n FROM run_seen WHERE connection_id = ? AND pull_id = ?', [connectionId, pullId])[0]?.n ?? 0)),
    listSeen: (connectionId, pullId) =>
      run((db) => db.all<{ id: string }>('SELECT id FROM run_seen WHERE connection_id = ? AND pull_id = ?', [connectionId, pullId]).map((r) => r.id)),
    clearSeen: (connectionId, pullId) =>
      run((db) => {
        db.run('DELETE FROM run_seen WHERE connection_id = ? AND pull_id = ?', [connectionId, pullId]);
      }),
  };
}
