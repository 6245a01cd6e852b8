import type { Pax8WebhookLog } from '@pax8-sync/client';
import type { EngineDeps } from '../engine/engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import { storeWebhook } from './ensure-webhook';
import { clockNow, openWebhookClient, requireWebhooks, webhookConnection } from './webhook-context';
import type { WebhookSyncScheduler } from './webhook-sync-scheduler';
import { targetKey, type WebhookSyncTarget, webhookTarget } from './webhook-targets';

/** Options of {@link sweepWebhookDeliveries}. */
export interface SweepWebhookDeliveriesOptions extends EngineDeps {
  /** The connection. */
  connectionId: string;
  /** Where the targets go (coalesced with live deliveries); without it they are only returned. */
  scheduler?: Pick<WebhookSyncScheduler, 'schedule'>;
  /** Read failed deliveries logged from this time, epoch ms; default the last sweep minus `overlapMs` (or 24 hours ago for the first). */
  since?: number;
  /** How far before the last sweep to look again (deliveries still retrying then may have failed since); default 1 hour. */
  overlapMs?: number;
}

/** What a sweep found. */
export interface SweepWebhookDeliveriesResult {
  /** The connection. */
  connectionId: string;
  /** Logs read from this time, epoch ms. */
  since: number;
  /** Failed delivery logs read. */
  failedLogs: number;
  /** Distinct targets they named (each scheduled once). */
  targets: WebhookSyncTarget[];
}

function targetOfLog(log: Pax8WebhookLog): WebhookSyncTarget | undefined {
  const payload = [...(log.callHistory ?? [])].reverse().find((c) => c.payload)?.payload;
  if (!payload) return undefined;
  const topicField = payload.webhookTopic as { topic?: unknown } | string | undefined;
  const named = (log as { topicName?: unknown }).topicName;
  const topic = typeof named === 'string' && named !== '' ? named : (typeof topicField === 'string' ? topicField : typeof topicField?.topic === 'string' ? topicField.topic : undefined);
  const data = payload.payloadData;
  if (!topic || typeof data !== 'object' || data === null) return undefined;
  return webhookTarget({ topic, payloadData: data as Record<string, unknown> });
}

/**
 * Reads the deliveries Pax8 gave up on (`GET /webhooks/{id}/logs?status=FAILED`, all pages, since
 * the last sweep) and schedules the syncs they named, so an outage of the receiver loses nothing
 * for longer than a sweep interval. Remembers when it swept. The periodic full sync stays the
 * source of truth; run the sweep every few minutes, or when deliveries seem to have stopped.
 * @throws `Pax8SyncNotFoundError` when the connection has no webhook; `Pax8SyncConfigError` for a bad `since`/`overlapMs`.
 * @example
 * await sweepWebhookDeliveries({ storage, codec, connectionId, scheduler });
 */
export async function sweepWebhookDeliveries(options: SweepWebhookDeliveriesOptions): Promise<SweepWebhookDeliveriesResult> {
  const connection = await webhookConnection(options, options.connectionId);
  const overlapMs = options.overlapMs ?? 3_600_000;
  if (!Number.isFinite(overlapMs) || overlapMs < 0) throw new Pax8SyncConfigError('overlapMs', 'must be milliseconds >= 0.');
  if (options.since !== undefined && !Number.isFinite(options.since)) throw new Pax8SyncConfigError('since', 'must be epoch milliseconds.');
  const store = requireWebhooks(options.storage);
  const webhook = await store.get(connection.id);
  if (!webhook) throw new Pax8SyncNotFoundError('webhook of connection', connection.id);
  const now = clockNow(options);
  const last = typeof webhook.meta?.sweptAt === 'number' ? webhook.meta.sweptAt : undefined;
  const since = options.since ?? (last !== undefined ? last - overlapMs : now - 86_400_000);
  const client = await openWebhookClient(options, connection);
  const found = new Map<string, WebhookSyncTarget>();
  let failedLogs = 0;
  for await (const log of client.webhooks.logs.iterate({ webhookId: webhook.webhookId, status: 'FAILED', startDate: new Date(since).toISOString() })) {
    failedLogs += 1;
    const target = targetOfLog(log);
    if (target) found.set(targetKey(connection.id, target), target);
  }
  for (const target of found.values()) options.scheduler?.schedule(connection.id, target);
  const fresh = (await store.get(connection.id)) ?? webhook;
  await storeWebhook(options, { ...fresh, meta: { ...fresh.meta, sweptAt: now }, version: fresh.version + 1 }, fresh.version).catch(() => undefined);
  return { connectionId: connection.id, since, failedLogs, targets: [...found.values()] };
}
