import { rowsOf } from '../database/queryable';
import { pax8SyncTaskNames } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';
import { ensureRefreshBy, type WebhookRefreshPayload } from './webhook-jobs';

/** The engine's lock of a connection's subscriptions: full syncs and targeted refreshes both take it. */
const SUBSCRIPTIONS_LOCK = 'sync:subscriptions';

/** `LIKE` pattern of every refresh job key of a connection (its `%`, `_` and `\` taken literally). */
function refreshKeysOf(connectionId: string): string {
  return `${pax8SyncTaskNames.webhookRefresh}:${connectionId.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`;
}

/**
 * Brings the connection's waiting refresh jobs forward to now: a subscriptions sync just let its
 * lock go, so refreshes put back behind it run at once instead of at their fallback time. Returns
 * how many were brought forward. @internal
 */
export async function releaseRefreshes(ctx: WorkerContext, connectionId: string): Promise<number> {
  const s = ctx.jobs.graphileSchema;
  const [row] = await rowsOf<{ n: string }>(
    ctx.jobs.db,
    `SELECT count(*) AS n FROM ${s}.reschedule_jobs(
       array(SELECT id FROM ${s}.jobs WHERE task_identifier = $1 AND key LIKE $2 AND locked_at IS NULL AND attempts < max_attempts AND run_at > now()),
       run_at => now())`,
    [pax8SyncTaskNames.webhookRefresh, refreshKeysOf(connectionId)],
  );
  return Number(row?.n ?? 0);
}

/**
 * Puts a refresh that met a full sync's lock back behind it: its job again `lockTtlMs` later (a
 * crashed holder's lease has expired by then), brought forward by the sync task as soon as that
 * sync ends. Enqueued before the lock is looked at again, so a sync that ended meanwhile is never
 * missed: it either finds this job, or left the lock free for the check below. @internal
 */
export async function putBehindFullSync(ctx: WorkerContext, connectionId: string, target: WebhookRefreshPayload['target']): Promise<void> {
  await ensureRefreshBy(ctx, connectionId, target, ctx.clock.now() + ctx.lockTtlMs);
  const lease = await ctx.storage.locks.get(connectionId, SUBSCRIPTIONS_LOCK);
  if (!lease || lease.expiresAt <= ctx.clock.now()) await ensureRefreshBy(ctx, connectionId, target, ctx.clock.now());
}
