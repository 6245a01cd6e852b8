import type { WebhookSyncOutcome } from '@pax8-sync/core';
import type { Task } from 'graphile-worker';
import type { WorkerContext } from '../worker-context';
import { engineForJob } from './engine-for-job';
import { putBehindFullSync } from './refresh-behind-sync';
import type { WebhookRefreshPayload } from './webhook-jobs';

/** A refresh that failed: graphile-worker retries the job with its backoff. */
export class Pax8WebhookRefreshError extends Error {
  /** @param message - what failed (the engine's scrubbed error, no secrets). */
  constructor(message: string) {
    super(message);
    this.name = 'Pax8WebhookRefreshError';
  }
}

function validPayload(raw: unknown): WebhookRefreshPayload | undefined {
  const p = raw as Partial<WebhookRefreshPayload> | null;
  if (typeof p?.connectionId !== 'string' || p.connectionId === '' || typeof p.target !== 'object' || p.target === null) return undefined;
  if (p.target.kind === 'company-subscriptions' && typeof p.target.companyId === 'string') return p as WebhookRefreshPayload;
  if (p.target.kind === 'subscription' && typeof p.target.subscriptionId === 'string') return p as WebhookRefreshPayload;
  return undefined;
}

/**
 * The `pax8-sync:webhook-refresh` task: one targeted refresh (a company's subscriptions, or one
 * subscription) through the engine's webhook scheduler, run at once. The refresh holds the
 * connection's subscriptions lock, so it never interleaves with a full sync:
 * - `deferred` (a full sync holds the lock): the job again after `lockTtlMs`, coalesced by its key,
 *   and brought forward by the sync task as soon as that sync ends (so it runs once, after it);
 * - `failed`: thrown, graphile-worker retries with backoff;
 * - connection removed: nothing more.
 * @internal
 */
export function createWebhookRefreshTask(ctx: WorkerContext): Task {
  return async (raw, helpers) => {
    const payload = validPayload(raw);
    if (!payload) {
      ctx.logger.error({ jobId: helpers.job.id }, 'pax8-sync worker: webhook refresh job dropped (no connectionId or target)');
      return;
    }
    const { connectionId, target } = payload;
    const count = (outcome: string) => ctx.instruments.webhookRefreshes.add(1, { target: target.kind, outcome });
    if (!(await ctx.storage.connections.get(connectionId))) return count('connection-removed');
    const outcomes: WebhookSyncOutcome[] = [];
    const scheduler = engineForJob(ctx, helpers.abortSignal).createWebhookSyncScheduler({ debounceMs: 3_600_000, onSynced: (o) => void outcomes.push(o) });
    try {
      scheduler.schedule(connectionId, target);
      await scheduler.flush();
    } finally {
      scheduler.close();
    }
    const outcome = outcomes[0]?.outcome ?? 'failed';
    count(outcome);
    if (outcome === 'deferred') return putBehindFullSync(ctx, connectionId, target);
    if (outcome === 'failed') throw new Pax8WebhookRefreshError(`webhook refresh (${target.kind}) of ${connectionId} failed: ${outcomes[0]?.error ?? 'no outcome'}`);
  };
}
