import { type WebhookDelivery, type WebhookSyncTarget, webhookTarget } from '@pax8-sync/core';
import { lastRecords, overridesOf, syncSpec } from '../schedule/plan-sync';
import { ensureJobBy } from '../schedule/keyed-jobs';
import { ensureSyncBy } from '../schedule/sync-jobs';
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

/**
 * Enqueues the job a webhook target asks for, `delayMs` from now (a sooner waiting job is kept):
 * companies and products bring the connection's sync job of that entity forward (the same job key
 * as its scheduled sync, so they coalesce, and the lease keeps one sync at a time); a company's
 * subscriptions or one subscription get a refresh job keyed by the target. @internal
 */
export async function enqueueWebhookTarget(ctx: WorkerContext, connectionId: string, target: WebhookSyncTarget, delayMs: number): Promise<void> {
  const runAt = ctx.clock.now() + delayMs;
  if (target.kind === 'companies' || target.kind === 'products') {
    const entity = target.kind;
    const override = (await overridesOf(ctx, connectionId)).get(entity);
    await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId, entity, runAt, trigger: 'webhook', records: await lastRecords(ctx, connectionId, entity), override }));
    return;
  }
  const payload: WebhookRefreshPayload = { connectionId, target };
  await ensureJobBy(ctx.jobs.db, ctx.jobs.graphileSchema, { identifier: pax8SyncTaskNames.webhookRefresh, key: webhookRefreshKey(connectionId, target), payload: { ...payload }, runAt, maxAttempts: ctx.jobs.maxAttempts });
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
      () => ctx.instruments.webhookDeliveries.add(1, { target: target.kind, outcome: 'enqueued' }),
      (error: unknown) => {
        ctx.instruments.webhookDeliveries.add(1, { target: target.kind, outcome: 'failed' });
        ctx.logger.warn({ connectionId: delivery.connectionId, target: target.kind, error: error instanceof Error ? error.message : String(error) }, 'pax8-sync worker: a webhook delivery could not be enqueued; the sweep or the periodic sync catches up');
      },
    );
  };
}
