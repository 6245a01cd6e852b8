import { Pax8SyncNotFoundError } from '@pax8-sync/core';
import type { Task } from 'graphile-worker';
import { ensureJobBy } from '../schedule/keyed-jobs';
import { pax8SyncTaskNames, webhookSweepKey } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';
import { engineForJob } from './engine-for-job';
import { enqueueWebhookTarget } from './webhook-jobs';

/** Places the connection's next sweep `delayMs` from now (a sooner one is kept). @internal */
export async function scheduleWebhookSweep(ctx: WorkerContext, connectionId: string, delayMs: number): Promise<void> {
  await ensureJobBy(ctx.jobs.db, ctx.jobs.graphileSchema, { identifier: pax8SyncTaskNames.webhookSweep, key: webhookSweepKey(connectionId), payload: { connectionId }, runAt: ctx.clock.now() + delayMs, maxAttempts: ctx.jobs.maxAttempts });
}

/**
 * The `pax8-sync:webhook-sweep` task: the engine's `sweepWebhookDeliveries` for one connection,
 * whose scheduler enqueues each target as the receiver's deliveries do (same job keys, so a
 * swept target coalesces with a live delivery and with the scheduled sync), then the next sweep
 * `webhookSweepEveryMs` later. No webhook registered: no more sweeps (`ensureWebhook` through the
 * worker's `sweepWebhooksNow` starts them again). An error: thrown, graphile-worker retries. @internal
 */
export function createWebhookSweepTask(ctx: WorkerContext): Task {
  return async (raw, helpers) => {
    const connectionId = (raw as { connectionId?: unknown } | null)?.connectionId;
    if (typeof connectionId !== 'string' || connectionId === '') {
      ctx.logger.error({ jobId: helpers.job.id }, 'pax8-sync worker: webhook sweep job without connectionId dropped');
      return;
    }
    const count = (outcome: string) => ctx.instruments.webhookSweeps.add(1, { outcome });
    if (!(await ctx.storage.connections.get(connectionId))) return count('connection-removed');
    const pending: Promise<unknown>[] = [];
    const scheduler = { schedule: (id: string, target: Parameters<typeof enqueueWebhookTarget>[2]) => void pending.push(enqueueWebhookTarget(ctx, id, target, 0)) };
    try {
      const result = await engineForJob(ctx, helpers.abortSignal).sweepWebhookDeliveries({ connectionId, scheduler });
      await Promise.all(pending);
      ctx.instruments.webhookSweptTargets.add(result.targets.length);
    } catch (error) {
      await Promise.allSettled(pending);
      if (error instanceof Pax8SyncNotFoundError) return count('no-webhook');
      count('error');
      throw error;
    }
    await scheduleWebhookSweep(ctx, connectionId, ctx.webhookSweepEveryMs);
    count('ok');
  };
}
