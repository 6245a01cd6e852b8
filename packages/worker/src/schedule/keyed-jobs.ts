import { type Queryable, rowsOf } from '../database/queryable';

/** A job with a key (one waiting job per key). @internal */
export interface KeyedJob {
  identifier: string;
  key: string;
  payload: Record<string, unknown>;
  /** Epoch ms. */
  runAt: number;
  maxAttempts: number;
}

/**
 * Makes sure the keyed job runs at `runAt` or sooner: a waiting job due by then is kept (a "now"
 * coalesces into it); a later one is brought forward; with none waiting (or only a running one),
 * one is added. @internal
 */
export async function ensureJobBy(db: Queryable, graphileSchema: string, job: KeyedJob): Promise<{ coalesced: boolean }> {
  const [waiting] = await rowsOf<{ run_at: Date }>(db, `SELECT run_at FROM ${graphileSchema}.jobs WHERE key = $1 AND locked_at IS NULL AND attempts < max_attempts`, [job.key]);
  if (waiting && waiting.run_at.getTime() <= job.runAt) return { coalesced: true };
  await db.query(`SELECT ${graphileSchema}.add_job($1, $2::json, run_at => $3::timestamptz, max_attempts => $4, job_key => $5, job_key_mode => 'replace')`, [
    job.identifier,
    JSON.stringify(job.payload),
    new Date(job.runAt).toISOString(),
    job.maxAttempts,
    job.key,
  ]);
  return { coalesced: false };
}

/** Adds the jobs whose key has no job waiting or running when the statement runs; leaves the others as they are. Returns how many were added. @internal */
export async function addMissingJobs(db: Queryable, graphileSchema: string, jobs: readonly KeyedJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const s = graphileSchema;
  const [row] = await rowsOf<{ n: string }>(
    db,
    `SELECT count(*) AS n FROM ${s}.add_jobs(
       array(SELECT (x.identifier, x.payload, NULL, x.run_at, x.max_attempts, x.job_key, 0, NULL)::${s}.job_spec
             FROM json_to_recordset($1::json) AS x(identifier text, payload json, run_at timestamptz, max_attempts smallint, job_key text)
             WHERE NOT EXISTS (SELECT 1 FROM ${s}.jobs j WHERE j.key = x.job_key AND (j.locked_at IS NOT NULL OR j.attempts < j.max_attempts))),
       false)`,
    [JSON.stringify(jobs.map((j) => ({ identifier: j.identifier, payload: j.payload, run_at: new Date(j.runAt).toISOString(), max_attempts: j.maxAttempts, job_key: j.key })))],
  );
  return Number(row?.n ?? 0);
}
