/** Figures of bench/worker.ts, read from what the worker processes printed and from the database. */
import type { ProcessLine } from '../packages/worker/test/support/processes';

/** The part of a `pg` Pool the bench uses (pg is resolved from packages/worker: the root has no copy). */
export interface BenchPool {
  query<Row>(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The p-th percentile (0–100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Runs of one (connection, entity) that overlap in time (must be 0: the lease lock). */
export async function overlappingRuns(pool: BenchPool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ overlaps: string }>(
    `SELECT count(*) AS overlaps FROM (
       -- A run never finished counts as running for ever: a later run of the same pair overlaps it.
       SELECT started_at, lag(coalesce(finished_at, 9223372036854775807)) OVER (PARTITION BY connection_id, entity ORDER BY started_at, seq) AS previous_end
       FROM "${schema}".runs) r
     WHERE r.started_at < r.previous_end`,
  );
  return Number(rows[0]?.overlaps ?? 0);
}

/** (connection, entity) pairs without a succeeded run, and without a waiting or running sync job (both must be 0). */
export async function lostWork(pool: BenchPool, schemas: { storage: string; graphile: string }, pairs: number): Promise<{ neverSynced: number; unscheduled: number }> {
  const synced = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT DISTINCT connection_id, entity FROM "${schemas.storage}".runs WHERE outcome = 'succeeded') s`);
  const live = await pool.query<{ n: string }>(
    `SELECT count(DISTINCT key) AS n FROM "${schemas.graphile}".jobs WHERE task_identifier = 'pax8-sync:sync' AND key IS NOT NULL AND (locked_at IS NOT NULL OR attempts < max_attempts)`,
  );
  return { neverSynced: pairs - Number(synced.rows[0]?.n ?? 0), unscheduled: pairs - Number(live.rows[0]?.n ?? 0) };
}

/** Subscriptions read by every run (created + updated + unchanged). */
export async function subscriptionsSynced(pool: BenchPool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ n: string | null }>(`SELECT sum((counts->>'created')::bigint + (counts->>'updated')::bigint + (counts->>'unchanged')::bigint) AS n FROM "${schema}".runs WHERE entity = 'subscriptions'`);
  return Number(rows[0]?.n ?? 0);
}

/** The last CPU report of each process, summed, seconds. */
export function cpuSeconds(linesOfEachProcess: readonly (readonly ProcessLine[])[]): number {
  let total = 0;
  for (const lines of linesOfEachProcess) {
    const last = [...lines].reverse().find((l) => l.level === 'cpu');
    total += Number(last?.seconds ?? 0);
  }
  return total;
}

/** Syncs that finished (succeeded) in [from, to). */
export function finishedBetween(linesOfEachProcess: readonly (readonly ProcessLine[])[], from: number, to: number): number {
  return linesOfEachProcess
    .flat()
    .filter((l) => l.level === 'metric' && l.name === 'pax8_sync.worker.syncs.finished' && l.outcome === 'succeeded' && Number(l.at) >= from && Number(l.at) < to).length;
}

/** Of the runs in progress at the kill, those that did not succeed and that no later run brought to success (must be 0). */
export async function unresumedRuns(pool: BenchPool, schema: string, interrupted: readonly string[]): Promise<number> {
  if (interrupted.length === 0) return 0;
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${schema}".runs k WHERE k.id = ANY($1::text[]) AND k.outcome <> 'succeeded' AND NOT EXISTS (
       SELECT 1 FROM "${schema}".runs r WHERE r.connection_id = k.connection_id AND r.entity = k.entity AND r.started_at >= k.started_at AND r.id <> k.id AND r.outcome = 'succeeded')`,
    [interrupted],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Runs the kill left behind, closed by the run that took over (`abandoned: its lease expired`). */
export async function abandonedRuns(pool: BenchPool, schema: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".runs WHERE error LIKE 'abandoned%'`);
  return Number(rows[0]?.n ?? 0);
}

/** Sync jobs due more than 5 s ago and not yet taken: the backlog. */
export async function overdueJobs(pool: BenchPool, graphileSchema: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${graphileSchema}".jobs WHERE task_identifier = 'pax8-sync:sync' AND locked_at IS NULL AND attempts < max_attempts AND run_at < now() - interval '5 seconds'`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** A run in progress on one worker process: its id and the pages it has committed. */
export interface RunInProgress {
  id: string;
  entity: string;
  pages: number;
}

/** The runs the worker process `poolId` is running now (through the sync jobs it holds), with their committed pages. */
export async function runsHeldBy(pool: BenchPool, schemas: { storage: string; graphile: string }, poolId: string): Promise<RunInProgress[]> {
  const { rows } = await pool.query<{ id: string; entity: string; pages: string }>(
    `SELECT r.id, r.entity, (SELECT count(*) FROM "${schemas.storage}".run_pages p WHERE p.run_id = r.id) AS pages
     FROM "${schemas.graphile}".jobs j JOIN "${schemas.storage}".runs r ON j.key = 'pax8-sync:sync:' || r.connection_id || ':' || r.entity
     WHERE j.locked_by = $1 AND j.task_identifier = 'pax8-sync:sync' AND r.outcome = 'running'`,
    [poolId],
  );
  return rows.map((r) => ({ id: r.id, entity: r.entity, pages: Number(r.pages) }));
}

/** For each killed run, the succeeded run that resumed it (`resumed_from_run_id`) and the records that run read. */
export async function resumedRuns(pool: BenchPool, schema: string, killed: readonly string[]): Promise<Map<string, number>> {
  if (killed.length === 0) return new Map();
  const { rows } = await pool.query<{ killed: string; read: string }>(
    `SELECT r.resumed_from_run_id AS killed, (r.counts->>'created')::bigint + (r.counts->>'updated')::bigint + (r.counts->>'unchanged')::bigint AS read
     FROM "${schema}".runs r WHERE r.resumed_from_run_id = ANY($1::text[]) AND r.outcome = 'succeeded'`,
    [killed],
  );
  return new Map(rows.map((r) => [r.killed, Number(r.read)]));
}

/** One sync job's start as the worker logged it (`pax8-sync worker: sync job started`). */
export interface JobStart {
  connectionId: string;
  entity: string;
  trigger: string;
  attempts: number;
  scheduledFor: number;
  runAt: number;
  lateMs: number;
  at: number;
  pid: number;
}

/** Starts of sync jobs with trigger `schedule` that started in [from, to). */
export function scheduledStarts(linesOfEachProcess: readonly (readonly ProcessLine[])[], from: number, to: number): JobStart[] {
  return linesOfEachProcess
    .flat()
    .filter((l) => l.message === 'pax8-sync worker: sync job started' && l.trigger === 'schedule' && Number(l.at) >= from && Number(l.at) < to)
    .map((l) => l as unknown as JobStart);
}
