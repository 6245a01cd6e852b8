import type { Task } from 'graphile-worker';
import { reconcileSchedules } from '../schedule/reconcile';
import type { WorkerContext } from '../worker-context';

/** The `pax8-sync:reconcile` task (crontab): schedules every connection that has no sync job waiting. @internal */
export function createReconcileTask(ctx: WorkerContext): Task {
  return async () => {
    const result = await reconcileSchedules(ctx);
    if (result.scheduled > 0) ctx.logger.info({ ...result }, 'pax8-sync worker: schedules reconciled');
  };
}
