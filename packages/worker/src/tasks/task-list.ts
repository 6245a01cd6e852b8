import type { Task, TaskList } from 'graphile-worker';
import { pax8SyncTaskNames } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';
import { createReconcileTask } from './reconcile-task';
import { createSyncTask } from './sync-task';
import { createWebhookTask } from './webhook-task';

/** One task the worker registers: its identifier and how it is built from the context. @internal */
interface TaskEntry {
  identifier: string;
  create: (ctx: WorkerContext) => Task;
}

/**
 * The worker's tasks, one entry each. The write-back tasks (outbox send and reconcile) and the
 * webhook-delivery sweep are added here, one entry each, once core provides them.
 */
const entries: readonly TaskEntry[] = [
  { identifier: pax8SyncTaskNames.sync, create: createSyncTask },
  { identifier: pax8SyncTaskNames.webhook, create: createWebhookTask },
  { identifier: pax8SyncTaskNames.reconcile, create: createReconcileTask },
];

/** The graphile-worker task list of the worker. @internal */
export function buildTaskList(ctx: WorkerContext): TaskList {
  return Object.fromEntries(entries.map((entry) => [entry.identifier, entry.create(ctx)]));
}
