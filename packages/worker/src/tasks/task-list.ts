import type { Task, TaskList } from 'graphile-worker';
import { pax8SyncTaskNames } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';
import { createOutboxTask } from './outbox-task';
import { createReconcileTask } from './reconcile-task';
import { createSyncTask } from './sync-task';
import { createWebhookRefreshTask } from './webhook-refresh-task';
import { createWebhookSweepTask } from './webhook-sweep-task';

/** One task the worker registers: its identifier and how it is built from the context. @internal */
interface TaskEntry {
  identifier: string;
  create: (ctx: WorkerContext) => Task;
}

/** The worker's tasks, one entry each. */
const entries: readonly TaskEntry[] = [
  { identifier: pax8SyncTaskNames.sync, create: createSyncTask },
  { identifier: pax8SyncTaskNames.reconcile, create: createReconcileTask },
  { identifier: pax8SyncTaskNames.outboxSend, create: (ctx) => createOutboxTask(ctx, 'outboxSend') },
  { identifier: pax8SyncTaskNames.outboxReconcile, create: (ctx) => createOutboxTask(ctx, 'outboxReconcile') },
  { identifier: pax8SyncTaskNames.webhookRefresh, create: createWebhookRefreshTask },
  { identifier: pax8SyncTaskNames.webhookSweep, create: createWebhookSweepTask },
];

/** The graphile-worker task list of the worker. @internal */
export function buildTaskList(ctx: WorkerContext): TaskList {
  return Object.fromEntries(entries.map((entry) => [entry.identifier, entry.create(ctx)]));
}
