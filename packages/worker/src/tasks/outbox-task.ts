import { Pax8SyncReauthorizationRequiredError, reconcileWrites, sendDueWrites, type WritePassOptions, type WritePassResult } from '@pax8-sync/core';
import type { Task } from 'graphile-worker';
import { ensureJobBy } from '../schedule/keyed-jobs';
import { type OutboxJobPayload, outboxJobKey, pax8SyncTaskNames } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';
import { clientFactoryForJob } from './engine-for-job';

/** The two outbox tasks. @internal */
export type OutboxTask = 'outboxSend' | 'outboxReconcile';

const label: Record<OutboxTask, 'send' | 'reconcile'> = { outboxSend: 'send', outboxReconcile: 'reconcile' };

/** The engine's options for one pass: the worker's storage, codec and clock, its rate-limited client, stopped by `stop`. @internal */
export function writePassOptions(ctx: WorkerContext, stop: AbortSignal, connectionId: string): WritePassOptions {
  return {
    storage: ctx.storage,
    codec: ctx.codec,
    clock: ctx.clock,
    logger: ctx.logger,
    ...(ctx.ids ? { ids: ctx.ids } : {}),
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    createClient: clientFactoryForJob(ctx, stop),
    connectionId,
    limit: ctx.writeBack?.limit ?? 100,
  };
}

/** Places the connection's next job of `task`, `delayMs` from now (a sooner one, e.g. "send now", is kept). @internal */
export async function scheduleOutboxJob(ctx: WorkerContext, task: OutboxTask, connectionId: string, delayMs: number): Promise<void> {
  const payload: OutboxJobPayload = { connectionId };
  await ensureJobBy(ctx.jobs.db, ctx.jobs.graphileSchema, {
    identifier: pax8SyncTaskNames[task],
    key: outboxJobKey(task, connectionId),
    payload: { ...payload },
    runAt: ctx.clock.now() + delayMs,
    maxAttempts: ctx.jobs.maxAttempts,
  });
}

/** Whether a pass has anything to do: one indexed read, so an idle connection costs no Pax8 client and no token. */
async function hasWork(ctx: WorkerContext, task: OutboxTask, connectionId: string): Promise<boolean> {
  const outbox = ctx.storage.outbox;
  if (!outbox) return true; // let the engine say what is wrong
  if (task === 'outboxSend') return (await outbox.listDue(connectionId, ctx.clock.now(), 1)).length > 0;
  return (await outbox.list(connectionId, { states: ['sending'], limit: 1 })).length > 0;
}

function pass(ctx: WorkerContext, task: OutboxTask, options: WritePassOptions): Promise<WritePassResult> {
  if (task === 'outboxSend') return sendDueWrites(options);
  return reconcileWrites({ ...options, staleAfterMs: ctx.writeBack?.staleAfterMs ?? 300_000 });
}

/**
 * The `pax8-sync:outbox-send` and `pax8-sync:outbox-reconcile` tasks: one pass of the engine's
 * `sendDueWrites` (or `reconcileWrites`) for one connection, then the connection's next job of the
 * task one interval later. The engine claims each intent by compare-and-swap before sending it, so
 * of many processes one sends it; a process killed mid-send leaves it `sending`, and the reconcile
 * task settles it by reading Pax8 back, never by sending again blindly.
 * - nothing due (nothing `sending`, for reconcile): no pass, the next one at the interval;
 * - a connection that must re-authorize: a warning, and the next pass at the interval;
 * - an error (storage, Pax8 unreachable before anything was claimed): thrown, graphile-worker retries with backoff;
 * - stopped by a shutdown: the next pass at once, on any process;
 * - connection removed: nothing more.
 * @internal
 */
export function createOutboxTask(ctx: WorkerContext, task: OutboxTask): Task {
  const interval = () => (task === 'outboxSend' ? ctx.writeBack?.sendEveryMs : ctx.writeBack?.reconcileEveryMs) ?? 60_000;
  return async (raw, helpers) => {
    const connectionId = (raw as Partial<OutboxJobPayload> | null)?.connectionId;
    if (typeof connectionId !== 'string' || connectionId === '' || !ctx.writeBack) {
      ctx.logger.error({ jobId: helpers.job.id, writeBack: ctx.writeBack !== null }, `pax8-sync worker: ${pax8SyncTaskNames[task]} job dropped (no connectionId, or write-back is off)`);
      return;
    }
    const attributes = { task: label[task] };
    const startedAt = ctx.clock.now();
    const finish = (outcome: string) => {
      ctx.instruments.outboxPasses.add(1, { ...attributes, outcome });
      ctx.instruments.outboxDuration.record(ctx.clock.now() - startedAt, { ...attributes, outcome });
    };
    if (!(await ctx.storage.connections.get(connectionId))) {
      finish('connection-removed');
      return;
    }
    if (!(await hasWork(ctx, task, connectionId))) {
      await scheduleOutboxJob(ctx, task, connectionId, interval());
      finish('idle');
      return;
    }
    let result: WritePassResult;
    try {
      result = await pass(ctx, task, writePassOptions(ctx, helpers.abortSignal, connectionId));
    } catch (error) {
      if (!(error instanceof Pax8SyncReauthorizationRequiredError)) {
        finish('error');
        throw error;
      }
      ctx.logger.warn({ connectionId }, `pax8-sync worker: write-back ${label[task]} skipped: the connection must re-authorize`);
      await scheduleOutboxJob(ctx, task, connectionId, interval());
      finish('reauthorization-required');
      return;
    }
    for (const [state, n] of Object.entries(result.counts)) if (n) ctx.instruments.outboxIntents.add(n, { ...attributes, state });
    await scheduleOutboxJob(ctx, task, connectionId, helpers.abortSignal.aborted ? 0 : interval());
    finish('ok');
  };
}
