import { dueSyncs, latestRuns, type StoredConnection } from '@pax8-sync/core';
import type { WorkerContext } from '../worker-context';
import { nextSlot } from './cadence-slot';
import { entitiesOf } from './worker-entities';
import { cadenceOf, recordsRead, syncSpec } from './plan-sync';
import { readOverrides } from './schedule-overrides';
import { addMissingJobs, type KeyedJob } from './keyed-jobs';
import { addSyncJobs, keysToKeep, liveSyncKeys, type SyncJobSpec } from './sync-jobs';
import { outboxJobKey, pax8SyncTaskNames, syncJobKey, webhookSweepKey } from './task-names';

/** Options of {@link reconcileSchedules}. @internal */
export interface ReconcileOptions {
  /** Only these connections; default every connection in storage. */
  connectionIds?: readonly string[];
  /**
   * Re-place waiting jobs too (after a schedule change); default only add the missing ones. A job
   * that is running, or due within the webhook debounce ("sync now", a webhook), is left alone.
   */
  replace?: boolean;
}

/** What a reconcile pass did. */
export interface ReconcileResult {
  /** Connections looked at. */
  connections: number;
  /** Sync jobs added (or, with `replace`, re-placed). */
  scheduled: number;
  /** Write-back jobs (outbox send and reconcile) added for connections that had none (0 when write-back is off). */
  outbox: number;
}

const BATCH = 500;

/**
 * Gives every (connection, entity) without a waiting or running sync job its next one: now when
 * it is due (never synced, last run failed, cadence elapsed), else its next slot, no later than
 * one cadence after its last run. Chains broken by anything (a job failed for good, a new
 * connection, a restore) are mended here. @internal
 */
export async function reconcileSchedules(ctx: WorkerContext, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const connections = options.connectionIds
    ? (await Promise.all(options.connectionIds.map((id) => ctx.storage.connections.get(id)))).filter((c): c is StoredConnection => c !== undefined)
    : await ctx.storage.connections.list();
  const live = options.replace ? await keysToKeep(ctx.jobs, ctx.webhookDebounceMs) : await liveSyncKeys(ctx.jobs);
  const overrides = await readOverrides(ctx.pool, ctx.workerSchema, options.connectionIds);
  const now = ctx.clock.now();
  const specs: SyncJobSpec[] = [];
  for (const connection of connections) {
    const missing = entitiesOf(ctx).filter((entity) => !live.has(syncJobKey(connection.id, entity)));
    if (missing.length === 0) continue;
    // The recent billing runs (up to 64) are read only when the billing job is the one missing.
    const runs = await latestRuns(ctx.storage, connection.id, { billing: missing.includes('invoices') });
    for (const entity of missing) {
      const override = overrides.get(connection.id)?.get(entity);
      const cadenceMs = cadenceOf(ctx, entity, override);
      const last = runs.find((r) => r.entity === entity);
      const due = dueSyncs(connection, runs, now, { cadence: { [entity]: cadenceMs }, billing: entity === 'invoices' }).some((d) => d.entity === entity);
      const runAt = due || !last ? now : Math.min(nextSlot(connection.id, entity, cadenceMs, now), last.startedAt + cadenceMs);
      specs.push(syncSpec(ctx, { connectionId: connection.id, entity, runAt, trigger: 'schedule', records: last ? recordsRead(last.counts) : undefined, override }));
    }
  }
  for (let i = 0; i < specs.length; i += BATCH) await addSyncJobs(ctx.jobs, specs.slice(i, i + BATCH), options.replace ? 'replace' : 'missing');
  const outbox = await scheduleOutboxes(ctx, connections.map((c) => c.id));
  await scheduleSweeps(ctx, connections.map((c) => c.id));
  return { connections: connections.length, scheduled: specs.length, outbox };
}

/**
 * Gives every connection with a webhook registration and no sweep job its webhook sweep, due now.
 * A connection whose registration is gone gets none (its waiting sweep, if any, finds no webhook
 * and does not schedule another).
 */
async function scheduleSweeps(ctx: WorkerContext, connectionIds: readonly string[]): Promise<number> {
  const webhooks = ctx.storage.webhooks;
  if (!webhooks || connectionIds.length === 0) return 0;
  // One read of every registration for a full pass; a few gets for a pass over a few connections.
  const found = connectionIds.length > 20 ? await webhooks.list() : await Promise.all(connectionIds.map((id) => webhooks.get(id)));
  const registered = new Set(found.flatMap((w) => (w ? [w.connectionId] : [])));
  const now = ctx.clock.now();
  const jobs: KeyedJob[] = connectionIds
    .filter((connectionId) => registered.has(connectionId))
    .map((connectionId) => ({ identifier: pax8SyncTaskNames.webhookSweep, key: webhookSweepKey(connectionId), payload: { connectionId }, runAt: now, maxAttempts: ctx.jobs.maxAttempts }));
  let added = 0;
  for (let i = 0; i < jobs.length; i += BATCH) added += await addMissingJobs(ctx.jobs.db, ctx.jobs.graphileSchema, jobs.slice(i, i + BATCH));
  return added;
}

/** Gives every connection without them its outbox send and reconcile jobs, due now (a first pass settles what a crash left). */
async function scheduleOutboxes(ctx: WorkerContext, connectionIds: readonly string[]): Promise<number> {
  if (!ctx.writeBack) return 0;
  const now = ctx.clock.now();
  const jobs: KeyedJob[] = connectionIds.flatMap((connectionId) =>
    (['outboxSend', 'outboxReconcile'] as const).map((task) => ({ identifier: pax8SyncTaskNames[task], key: outboxJobKey(task, connectionId), payload: { connectionId }, runAt: now, maxAttempts: ctx.jobs.maxAttempts })),
  );
  let added = 0;
  for (let i = 0; i < jobs.length; i += BATCH) added += await addMissingJobs(ctx.jobs.db, ctx.jobs.graphileSchema, jobs.slice(i, i + BATCH));
  return added;
}
