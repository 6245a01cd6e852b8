import { type Pax8SyncEntity, pax8SyncEntities } from '@pax8-sync/core';
import type { Task } from 'graphile-worker';
import { lastRecords, overridesOf, syncSpec } from '../schedule/plan-sync';
import { ensureSyncBy } from '../schedule/sync-jobs';
import type { WorkerContext } from '../worker-context';

/** Payload of a `pax8-sync:webhook` job: what a Pax8 webhook delivery named. */
export interface WebhookJobPayload {
  /** The connection whose webhook was called. */
  connectionId: string;
  /** The delivery's topic (`SUBSCRIPTION`, `COMPANY`, `ORDER`, `PROVISIONING`, ...), if known. */
  topic?: string;
  /** Entities to sync early, besides those of the topic. */
  entities?: Pax8SyncEntity[];
}

/**
 * What each Pax8 webhook topic makes stale. An order or a provisioning task changes subscriptions;
 * an invoice changes nothing the engine stores. Unknown topics (Pax8 adds them without notice) sync nothing.
 */
export const webhookTopicEntities: Readonly<Record<string, readonly Pax8SyncEntity[]>> = Object.freeze({
  SUBSCRIPTION: ['subscriptions'],
  ORDER: ['subscriptions'],
  PROVISIONING: ['subscriptions'],
  COMPANY: ['companies'],
  PRODUCT: ['products'],
  INVOICE: [],
});

/** The entities a webhook payload names (topic and explicit ones), each once. @internal */
export function webhookEntities(payload: WebhookJobPayload): Pax8SyncEntity[] {
  const fromTopic = payload.topic ? (webhookTopicEntities[payload.topic.toUpperCase()] ?? []) : [];
  const explicit = (payload.entities ?? []).filter((e) => pax8SyncEntities.includes(e));
  return pax8SyncEntities.filter((e) => fromTopic.includes(e) || explicit.includes(e));
}

/**
 * The `pax8-sync:webhook` task: the payload is only a hint, so it syncs what it names early, by
 * bringing that sync's one job forward to `webhookDebounceMs` from now. A burst of deliveries, and
 * the scheduled run, coalesce into that job (job key per connection and entity). @internal
 */
export function createWebhookTask(ctx: WorkerContext): Task {
  return async (raw, helpers) => {
    const payload = raw as WebhookJobPayload;
    if (typeof payload?.connectionId !== 'string' || payload.connectionId === '') {
      ctx.logger.error({ jobId: helpers.job.id }, 'pax8-sync worker: webhook job without connectionId dropped');
      return;
    }
    const entities = webhookEntities(payload);
    if (entities.length === 0) {
      ctx.logger.info({ connectionId: payload.connectionId, topic: payload.topic ?? null }, 'pax8-sync worker: webhook names nothing to sync');
      return;
    }
    const overrides = await overridesOf(ctx, payload.connectionId);
    const runAt = ctx.clock.now() + ctx.webhookDebounceMs;
    for (const entity of entities) {
      await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId: payload.connectionId, entity, runAt, trigger: 'webhook', records: await lastRecords(ctx, payload.connectionId, entity), override: overrides.get(entity) }));
    }
  };
}
