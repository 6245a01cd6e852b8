import type { Pax8SyncEntity } from '@pax8-sync/core';
import { type Queryable, rowsOf } from '../database/queryable';
import type { SyncPlacement } from './fair-share';
import { pax8SyncTaskNames, type SyncJobPayload, syncJobKey } from './task-names';

/** One sync job to add. @internal */
export interface SyncJobSpec extends SyncJobPayload, SyncPlacement {
  /** When it may run, epoch ms. */
  runAt: number;
}

/** What the jobs are added with. @internal */
export interface JobsDb {
  /** The pool. */
  db: Queryable;
  /** graphile-worker's schema, quoted. */
  graphileSchema: string;
  /** max_attempts of sync jobs. */
  maxAttempts: number;
}

function toRecord(spec: SyncJobSpec, maxAttempts: number) {
  const payload: SyncJobPayload = { connectionId: spec.connectionId, entity: spec.entity, scheduledFor: spec.scheduledFor, trigger: spec.trigger };
  return {
    identifier: pax8SyncTaskNames.sync,
    payload,
    queue_name: spec.queueName,
    run_at: new Date(spec.runAt).toISOString(),
    max_attempts: maxAttempts,
    job_key: syncJobKey(spec.connectionId, spec.entity),
    priority: spec.priority,
  };
}

/**
 * Adds sync jobs in one statement through graphile-worker's `add_jobs`.
 * - `replace`: a waiting job with the same key is replaced (payload and run time);
 * - `missing`: only the keys with no job waiting or running when the statement runs get one; the
 *   others are left exactly as they are. (graphile-worker's `preserve_run_at` would keep the
 *   waiting job's run time but overwrite its payload, so a job due later than the slot its payload
 *   names ran late against that slot: the lateness outliers of the bench.)
 * A job with the key that is running keeps running and the new one waits. @internal
 */
export async function addSyncJobs(jobs: JobsDb, specs: readonly SyncJobSpec[], mode: 'replace' | 'missing'): Promise<void> {
  if (specs.length === 0) return;
  const s = jobs.graphileSchema;
  const onlyMissing =
    mode === 'missing' ? `WHERE NOT EXISTS (SELECT 1 FROM ${s}.jobs j WHERE j.key = x.job_key AND (j.locked_at IS NOT NULL OR j.attempts < j.max_attempts))` : '';
  await jobs.db.query(
    `SELECT count(*) FROM ${s}.add_jobs(
       array(SELECT (x.identifier, x.payload, x.queue_name, x.run_at, x.max_attempts, x.job_key, x.priority, NULL)::${s}.job_spec
             FROM json_to_recordset($1::json) AS x(identifier text, payload json, queue_name text, run_at timestamptz, max_attempts smallint, job_key text, priority smallint)
             ${onlyMissing}),
       false)`,
    [JSON.stringify(specs.map((spec) => toRecord(spec, jobs.maxAttempts)))],
  );
}

/**
 * Makes sure a sync job of the (connection, entity) runs at `spec.runAt` or sooner: a waiting job
 * due by then is kept as it is (the triggers coalesce into it); a later one is brought forward; with
 * none waiting, one is added. Returns whether an existing job already covered it. @internal
 */
export async function ensureSyncBy(jobs: JobsDb, spec: SyncJobSpec): Promise<{ coalesced: boolean }> {
  const waiting = await waitingSyncRunAt(jobs, spec.connectionId, spec.entity);
  if (waiting !== undefined && waiting <= spec.runAt) return { coalesced: true };
  await addSyncJobs(jobs, [spec], 'replace');
  return { coalesced: false };
}

/** When the waiting (not running, not given up) sync job of a (connection, entity) may run, epoch ms, or `undefined` with none waiting. @internal */
export async function waitingSyncRunAt(jobs: JobsDb, connectionId: string, entity: Pax8SyncEntity): Promise<number | undefined> {
  const [waiting] = await rowsOf<{ run_at: Date }>(
    jobs.db,
    `SELECT run_at FROM ${jobs.graphileSchema}.jobs WHERE key = $1 AND locked_at IS NULL AND attempts < max_attempts`,
    [syncJobKey(connectionId, entity)],
  );
  return waiting?.run_at.getTime();
}

/** Keys of the sync jobs that are waiting or running (a permanently failed one does not count). @internal */
export async function liveSyncKeys(jobs: JobsDb): Promise<Set<string>> {
  const rows = await rowsOf<{ key: string }>(
    jobs.db,
    `SELECT key FROM ${jobs.graphileSchema}.jobs WHERE task_identifier = $1 AND key IS NOT NULL AND (locked_at IS NOT NULL OR attempts < max_attempts)`,
    [pax8SyncTaskNames.sync],
  );
  return new Set(rows.map((r) => r.key));
}

/**
 * Keys of sync jobs that must be left as they are when a schedule changes: running ones (their
 * next run reads the new schedule) and waiting ones due within `soonMs` (a "sync now" or a webhook
 * asked for them). @internal
 */
export async function keysToKeep(jobs: JobsDb, soonMs: number): Promise<Set<string>> {
  const rows = await rowsOf<{ key: string }>(
    jobs.db,
    `SELECT key FROM ${jobs.graphileSchema}.jobs WHERE task_identifier = $1 AND key IS NOT NULL
       AND (locked_at IS NOT NULL OR (attempts < max_attempts AND run_at <= now() + make_interval(secs => $2 / 1000.0)))`,
    [pax8SyncTaskNames.sync, soonMs],
  );
  return new Set(rows.map((r) => r.key));
}
