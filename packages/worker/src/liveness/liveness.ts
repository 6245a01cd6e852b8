import { hostname } from 'node:os';
import type { SyncLogger } from '@pax8-sync/core';
import { type Queryable, rowsOf } from '../database/queryable';
import type { CounterLike } from '../metrics/meter';

/** How dead worker processes are noticed. */
export interface LivenessOptions {
  /** How often each process records that it is alive (and looks for dead ones), ms. Default 10 000. */
  heartbeatMs?: number;
  /**
   * A process silent this long is dead: the jobs it held are released for another process to run
   * (graphile-worker itself would wait 4 hours). Keep it well above `heartbeatMs`. Default 60 000.
   */
  deadAfterMs?: number;
}

/** Liveness settings with defaults applied. @internal */
export type ResolvedLiveness = Required<LivenessOptions>;

/** What the liveness loop needs. @internal */
export interface LivenessDeps {
  db: Queryable;
  workerSchema: string;
  graphileSchema: string;
  poolId: string;
  settings: ResolvedLiveness;
  recovered: CounterLike;
  logger: Required<SyncLogger>;
}

/**
 * Releases the jobs of dead processes: those whose heartbeat went silent, and any pool holding a
 * pax8-sync job for longer than `deadAfterMs` without a heartbeat row (it died before writing it).
 * Returns the pool ids released. Any live process may run it; running it twice is harmless. @internal
 */
export async function releaseDeadProcesses(deps: Omit<LivenessDeps, 'poolId'>): Promise<string[]> {
  const { db, workerSchema: w, graphileSchema: g } = deps;
  const after = deps.settings.deadAfterMs;
  await db.query(`DELETE FROM ${w}.processes WHERE beat_at < now() - make_interval(secs => $1 / 1000.0)`, [after]);
  const dead = await rowsOf<{ locked_by: string; jobs: string }>(
    db,
    `SELECT locked_by, count(*) AS jobs FROM ${g}.jobs
     WHERE task_identifier LIKE 'pax8-sync:%' AND locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1 / 1000.0)
       AND locked_by NOT IN (SELECT pool_id FROM ${w}.processes)
     GROUP BY locked_by`,
    [after],
  );
  if (dead.length === 0) return [];
  const ids = dead.map((d) => d.locked_by);
  await db.query(`SELECT ${g}.force_unlock_workers($1::text[])`, [ids]);
  const jobs = dead.reduce((n, d) => n + Number(d.jobs), 0);
  deps.recovered.add(jobs);
  deps.logger.warn({ pools: ids, jobs }, 'pax8-sync worker: released the jobs of dead worker processes');
  return ids;
}

/** A running heartbeat. @internal */
export interface Liveness {
  /** Stops beating and removes this process's row. */
  stop(): Promise<void>;
}

/** Records this process as alive now and every `heartbeatMs`, releasing dead processes' jobs each time. @internal */
export async function startLiveness(deps: LivenessDeps): Promise<Liveness> {
  const { db, workerSchema: w, poolId } = deps;
  const record = () => db.query(`INSERT INTO ${w}.processes (pool_id, host, pid) VALUES ($1, $2, $3) ON CONFLICT (pool_id) DO UPDATE SET beat_at = now()`, [poolId, hostname(), process.pid]);
  await record();
  let beating: Promise<void> | null = null;
  const beat = async () => {
    try {
      await record();
      await releaseDeadProcesses(deps);
    } catch (error) {
      deps.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'pax8-sync worker: heartbeat failed; retrying at the next beat');
    }
  };
  // One beat at a time: a slow database skips beats rather than piling them up.
  const tick = () => {
    if (beating) return;
    beating = beat().finally(() => {
      beating = null;
    });
  };
  const timer = setInterval(tick, deps.settings.heartbeatMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await (beating ?? Promise.resolve());
      await db.query(`DELETE FROM ${w}.processes WHERE pool_id = $1`, [poolId]);
    },
  };
}
