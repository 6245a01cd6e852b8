import type { SyncEngine, SyncResult } from '@pax8-sync/core';
import type { JobHelpers, Task } from 'graphile-worker';
import { nextSlot } from '../schedule/cadence-slot';
import { cadenceOf, lastRecords, overridesOf, recordsRead, syncSpec } from '../schedule/plan-sync';
import { clearOverrides } from '../schedule/schedule-overrides';
import { ensureSyncBy } from '../schedule/sync-jobs';
import type { SyncJobPayload } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';
import { engineForJob } from './engine-for-job';
import { releaseRefreshes } from './refresh-behind-sync';
import { runBilling } from './run-billing';
import { parseSyncPayload } from './sync-payload';

/** A sync that ended without a usable result: graphile-worker retries the job with its backoff. */
export class Pax8SyncJobError extends Error {
  /** @param message - what failed (no secrets: it is the engine's scrubbed error). */
  constructor(message: string) {
    super(message);
    this.name = 'Pax8SyncJobError';
  }
}

function run(ctx: WorkerContext, engine: SyncEngine, { connectionId, entity }: SyncJobPayload): Promise<SyncResult> {
  if (entity === 'invoices') return runBilling(ctx, engine, connectionId);
  if (entity === 'companies') return engine.syncCompanies({ connectionId });
  if (entity === 'products') return engine.syncProducts({ connectionId });
  return engine.syncSubscriptions({ connectionId });
}

/**
 * The `pax8-sync:sync` task: runs one sync of one (connection, entity) and schedules what follows.
 * - done (`succeeded`, `flagged`, or skipped by the engine): the next slot of its cadence (a sooner job a webhook asked for meanwhile is kept, a later one brought forward);
 * - a subscriptions sync that held its lock (any outcome but `already-running`): the connection's webhook refreshes put back behind it run now;
 * - lease held elsewhere (`already-running`): again once that lease expires (a crashed holder's run is then resumed);
 * - stopped by a shutdown: again now, on any process; the next run resumes from the checkpoint;
 * - `failed`: thrown, so graphile-worker retries it with backoff; each retry resumes from the checkpoint;
 * - connection removed: nothing more (its schedule overrides go too).
 * @internal
 */
export function createSyncTask(ctx: WorkerContext): Task {
  return async (raw, helpers) => {
    const payload = parseSyncPayload(raw, helpers.job.run_at);
    if ('invalid' in payload) {
      // Retrying cannot fix a bad payload: log it and drop the job.
      ctx.logger.error({ jobId: helpers.job.id, reason: payload.invalid }, 'pax8-sync worker: sync job dropped');
      return;
    }
    const trigger = helpers.job.attempts > 1 ? 'retry' : payload.trigger;
    const attributes = { entity: payload.entity, trigger };
    const startedAt = ctx.clock.now();
    const connection = await ctx.storage.connections.get(payload.connectionId);
    if (!connection) {
      await clearOverrides(ctx.pool, ctx.workerSchema, payload.connectionId);
      ctx.instruments.syncsFinished.add(1, { ...attributes, outcome: 'connection-removed' });
      ctx.logger.info({ connectionId: payload.connectionId, entity: payload.entity }, 'pax8-sync worker: connection removed; its schedule ends');
      return;
    }
    ctx.instruments.syncsStarted.add(1, attributes);
    const lateMs = Math.max(0, startedAt - payload.scheduledFor);
    ctx.instruments.syncLateness.record(lateMs, attributes);
    ctx.logger.debug(
      { connectionId: payload.connectionId, entity: payload.entity, trigger, attempts: helpers.job.attempts, scheduledFor: payload.scheduledFor, runAt: helpers.job.run_at.getTime(), lateMs },
      'pax8-sync worker: sync job started',
    );
    let result: SyncResult;
    try {
      result = await run(ctx, engineForJob(ctx, helpers.abortSignal), payload);
    } catch (error) {
      // Not a typed result (storage unreachable, bad sync options): graphile-worker retries the job.
      ctx.instruments.syncsFinished.add(1, { ...attributes, outcome: 'error' });
      throw error;
    }
    const duration = ctx.clock.now() - startedAt;
    const outcome = result.outcome === 'failed' && helpers.abortSignal.aborted ? 'interrupted' : result.outcome;
    try {
      await after(ctx, payload, result, outcome, startedAt, helpers);
    } finally {
      // Counted once what follows is scheduled: a dashboard that sees it finished sees its next job too.
      ctx.instruments.syncsFinished.add(1, { ...attributes, outcome });
      ctx.instruments.syncDuration.record(duration, { entity: payload.entity, outcome });
    }
  };
}

async function after(ctx: WorkerContext, payload: SyncJobPayload, result: SyncResult, outcome: string, startedAt: number, helpers: JobHelpers): Promise<void> {
  const { connectionId, entity } = payload;
  const override = (await overridesOf(ctx, connectionId)).get(entity);
  // A resumed run counts only its own pages: size the next job by the recent runs too.
  const records = await lastRecords(ctx, connectionId, entity);
  // This run held the subscriptions lock and let it go: refreshes put back behind it run now.
  if (entity === 'subscriptions' && result.outcome !== 'already-running') await releaseRefreshes(ctx, connectionId);
  if (result.outcome === 'already-running') {
    const runAt = Math.max(ctx.clock.now(), result.leaseExpiresAt) + 1_000;
    await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId, entity, runAt, trigger: 'retry', records, override }));
    helpers.logger.info(`pax8-sync: ${entity} of ${connectionId} is held by ${result.heldBy}; again at ${new Date(runAt).toISOString()}`);
    return;
  }
  if (outcome === 'interrupted') {
    await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId, entity, runAt: ctx.clock.now(), trigger: 'retry', records, override }));
    return;
  }
  if (result.outcome === 'failed') throw new Pax8SyncJobError(`${entity} sync of ${connectionId} failed (run ${result.runId}; the retry resumes it): ${result.error ?? 'unknown error'}`);
  // Done (succeeded, flagged, or anything else that ran to its end): the next slot of its cadence.
  if ('counts' in result) ctx.instruments.recordsSynced.add(recordsRead(result.counts), { entity });
  const runAt = nextSlot(connectionId, entity, cadenceOf(ctx, entity, override), startedAt);
  // A sooner job (a webhook, "sync now", a retry) is kept; a later one is brought forward to the slot.
  await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId, entity, runAt, trigger: 'schedule', records, override }));
}
