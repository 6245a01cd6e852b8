import { type WebhookDelivery, type WebhookSyncTarget, webhookTarget } from '@pax8-sync/core';
import { lastRecords, overridesOf, syncSpec } from '../schedule/plan-sync';
import { ensureJobBy } from '../schedule/keyed-jobs';
import { ensureSyncBy, waitingSyncRunAt } from '../schedule/sync-jobs';
import { pax8SyncTaskNames } from '../schedule/task-names';
import type { WorkerContext } from '../worker-context';

/** Payload of a `pax8-sync:webhook-refresh` job: one company's subscriptions, or one subscription. */
export interface WebhookRefreshPayload {
  /** The connection. */
  connectionId: string;
  /** What to refresh. */
  target: Extract<WebhookSyncTarget, { kind: 'company-subscriptions' | 'subscription' }>;
}

/** Job key of a refresh target: one waiting job per (connection, company or subscription), so a burst coalesces. @internal */
export function webhookRefreshKey(connectionId: string, target: WebhookRefreshPayload['target']): string {
  const id = target.kind === 'company-subscriptions' ? `company:${target.companyId}` : `subscription:${target.subscriptionId}`;
  return `${pax8SyncTaskNames.webhookRefresh}:${connectionId}:${id}`;
}

/** What became of a delivery's target: a job added or brought forward, or a waiting one that already covers it. @internal */
export type WebhookEnqueueOutcome = 'enqueued' | 'coalesced';

/**
 * Whether the connection's waiting subscriptions sync, due by `runAt`, reads every company afresh
 * after this delivery: then a targeted refresh would only read again what it reads. A run that
 * failed or never finished is resumed from its checkpoint instead (possibly past this company's
 * listing), and a running sync may be past it already: the refresh is kept for those.
 */
async function fullSyncCovers(ctx: WorkerContext, connectionId: string, runAt: number): Promise<boolean> {
  const due = await waitingSyncRunAt(ctx.jobs, connectionId, 'subscriptions');
  if (due === undefined || due > runAt) return false;
  const [last] = await ctx.storage.runs.list(connectionId, { entity: 'subscriptions', limit: 1 });
  return !last || (last.outcome !== 'failed' && last.outcome !== 'running');
}

/** Makes sure the target's refresh job runs at `runAt` or sooner (one waiting job per target). @internal */
export async function ensureRefreshBy(ctx: WorkerContext, connectionId: string, target: WebhookRefreshPayload['target'], runAt: number): Promise<WebhookEnqueueOutcome> {
  const payload: WebhookRefreshPayload = { connectionId, target };
  const job = { identifier: pax8SyncTaskNames.webhookRefresh, key: webhookRefreshKey(connectionId, target), payload: { ...payload }, runAt, maxAttempts: ctx.jobs.maxAttempts };
  return (await ensureJobBy(ctx.jobs.db, ctx.jobs.graphileSchema, job)).coalesced ? 'coalesced' : 'enqueued';
}

/**
 * Enqueues the job a webhook target asks for, `delayMs` from now (a sooner waiting job is kept):
 * - companies and products bring the connection's sync job of that entity forward (the same job
 *   key as its scheduled sync, so they coalesce, and the lease keeps one sync at a time);
 * - a company's subscriptions or one subscription: nothing more when the connection's scheduled
 *   subscriptions sync is due by then and starts a fresh pull (it reads that company anyway); else
 *   a refresh job keyed by the target (one company read instead of a full sync).
 * @internal
 */
export async function enqueueWebhookTarget(ctx: WorkerContext, connectionId: string, target: WebhookSyncTarget, delayMs: number): Promise<WebhookEnqueueOutcome> {
  const runAt = ctx.clock.now() + delayMs;
  if (target.kind === 'companies' || target.kind === 'products') {
    const entity = target.kind;
    const override = (await overridesOf(ctx, connectionId)).get(entity);
    const placed = await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId, entity, runAt, trigger: 'webhook', records: await lastRecords(ctx, connectionId, entity), override }));
    return placed.coalesced ? 'coalesced' : 'enqueued';
  }
  if (await fullSyncCovers(ctx, connectionId, runAt)) return 'coalesced';
  return ensureRefreshBy(ctx, connectionId, target, runAt);
}

/**
 * The receiver's `onDelivery`: the delivery's target becomes a job (after `webhookDebounceMs`).
 * Never throws (the receiver does not await it): a failure is logged, and the sweep or the
 * periodic sync catches up. @internal
 */
export function webhookDeliveryHandler(ctx: WorkerContext): (delivery: WebhookDelivery) => void {
  return (delivery) => {
    const target = webhookTarget(delivery);
    if (!target) {
      ctx.instruments.webhookDeliveries.add(1, { target: 'none', outcome: 'nothing-to-sync' });
      return;
    }
    enqueueWebhookTarget(ctx, delivery.connectionId, target, ctx.webhookDebounceMs).then(
      (outcome) => ctx.instruments.webhookDeliveries.add(1, { target: target.kind, outcome }),
      (error: unknown) => {
        ctx.instruments.webhookDeliveries.add(1, { target: target.kind, outcome: 'failed' });
        ctx.logger.warn({ connectionId: delivery.connectionId, target: target.kind, error: error instanceof Error ? error.message : String(error) }, 'pax8-sync worker: a webhook delivery could not be enqueued; the sweep or the periodic sync catches up');
      },
    );
  };
}
