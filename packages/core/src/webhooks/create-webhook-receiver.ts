import { createHash } from 'node:crypto';
import { pax8WebhookDeliverySchema } from '@pax8-sync/client';
import { systemClock } from '../engine/clock';
import { completeLogger } from '../engine/logger';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { StoredWebhook } from '../storage/webhooks';
import { readLimited } from './read-body';
import type { WebhookDelivery, WebhookReceiverOptions, WebhookRejectionReason, WebhookRequestHandler } from './receiver-types';
import { webhookAuthenticator } from './webhook-auth';

const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });

const ERRORS: Record<number, string> = { 400: 'malformed', 401: 'unauthorized', 405: 'method-not-allowed', 413: 'too-large', 503: 'unavailable' };

/** The delivery in a parsed body, or `undefined` when it lacks accountId, webhookId or a topic. */
function deliveryOf(value: unknown): Omit<WebhookDelivery, 'connectionId'> | undefined {
  const parsed = pax8WebhookDeliverySchema.safeParse(value);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  const topic = typeof d.webhookTopic === 'string' ? d.webhookTopic : d.webhookTopic?.topic;
  if (!topic || d.accountId === '' || d.webhookId === '') return undefined;
  return { webhookId: d.webhookId, accountId: d.accountId, topic, payloadData: d.payloadData ?? {}, sentAt: typeof d.sentAt === 'string' ? d.sentAt : null };
}

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return undefined;
  }
}

function checkOptions(options: WebhookReceiverOptions): { maxBodyBytes: number; replayWindowMs: number } {
  if (!options || typeof options.storage !== 'object' || options.storage === null) throw new Pax8SyncConfigError('storage', 'is required: the storage adapter that holds the webhooks.');
  if (typeof options.codec?.open !== 'function') throw new Pax8SyncConfigError('codec', 'is required: the codec the engine sealed the webhook secrets with.');
  if (typeof options.onDelivery !== 'function') throw new Pax8SyncConfigError('onDelivery', 'is required: a function that schedules the sync of a delivery (createWebhookSyncScheduler(...).onDelivery).');
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const replayWindowMs = options.replayWindowMs ?? 600_000;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new Pax8SyncConfigError('maxBodyBytes', 'must be a whole number of bytes >= 1.');
  if (!Number.isFinite(replayWindowMs) || replayWindowMs < 0) throw new Pax8SyncConfigError('replayWindowMs', 'must be milliseconds >= 0.');
  return { maxBodyBytes, replayWindowMs };
}

/**
 * The webhook receiver: a web-standard `(Request) => Promise<Response>` handler (see
 * `toNodeRequestListener` for `http.createServer`). In order: 405 for anything but POST; 503 when
 * storage has no webhooks; 413 over `maxBodyBytes` (reading stops there); 401 without an
 * Authorization header; 400 for a body that is not a JSON delivery; routing by `webhookId`, then
 * `accountId`; 401 for an unknown webhook, a secret that matches none the connection accepts
 * (constant-time, over every secret inside its grace), or an `accountId` that is not the
 * connection's — one body for all, so a caller learns nothing; 200 `{ duplicate: true }` for a
 * replay of the same body inside `replayWindowMs`; else `onDelivery` is called and 202 answered.
 * A storage or codec failure answers 503 (Pax8 retries). Refused requests write nothing to storage and never reach `onDelivery`. Headers, bodies and
 * secrets are never logged.
 * @throws `Pax8SyncConfigError` naming a missing or bad option.
 * @example
 * const scheduler = createWebhookSyncScheduler({ engine });
 * const receive = createWebhookReceiver({ storage, codec, onDelivery: scheduler.onDelivery });
 * http.createServer(toNodeRequestListener(receive)).listen(8080);
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookRequestHandler {
  const { maxBodyBytes, replayWindowMs } = checkOptions(options);
  const clock = options.clock ?? systemClock;
  const log = completeLogger(options.logger);
  const store = options.storage.webhooks;
  const auth = store ? webhookAuthenticator(store, options.codec) : undefined;
  const refuse = (status: number, reason: WebhookRejectionReason, webhook?: StoredWebhook, headers?: Record<string, string>) => {
    options.onRejected?.({ reason, status, ...(webhook ? { connectionId: webhook.connectionId } : {}) });
    return answer(status, { error: ERRORS[status] }, headers);
  };
  const handle = async (request: Request): Promise<Response> => {
    if (request.method !== 'POST') return refuse(405, 'method-not-allowed', undefined, { allow: 'POST' });
    if (!store || !auth || options.storage.capabilities.webhooks !== true) return refuse(503, 'unavailable');
    const body = await readLimited(request, maxBodyBytes);
    if (!body) return refuse(413, 'too-large', undefined, { connection: 'close' });
    const presented = request.headers.get('authorization');
    if (!presented) return refuse(401, 'missing-authorization');
    const delivery = deliveryOf(parseJson(body));
    if (!delivery) return refuse(400, 'malformed');
    const now = clock.now();
    const candidates = await auth.route(delivery.webhookId, delivery.accountId);
    if (candidates.length === 0) return refuse(401, 'unknown-webhook');
    const webhook = await auth.verify(candidates, presented, now);
    if (!webhook) return refuse(401, 'bad-secret');
    if (webhook.accountId !== null && webhook.accountId !== delivery.accountId) return refuse(401, 'account-mismatch', webhook);
    const key = createHash('sha256').update(body).digest('hex');
    if (!(await store.markDelivery({ connectionId: webhook.connectionId, key, expiresAt: now + replayWindowMs, now }))) return answer(200, { duplicate: true });
    const routed: WebhookDelivery = { ...delivery, connectionId: webhook.connectionId };
    try {
      void Promise.resolve(options.onDelivery(routed)).catch((error: unknown) => log.warn({ connectionId: webhook.connectionId, topic: delivery.topic, error: error instanceof Error ? error.name : 'error' }, 'pax8-sync: webhook delivery could not be scheduled'));
    } catch (error) {
      log.warn({ connectionId: webhook.connectionId, topic: delivery.topic, error: error instanceof Error ? error.name : 'error' }, 'pax8-sync: webhook delivery could not be scheduled');
    }
    return answer(202, { accepted: true });
  };
  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      // Storage or the codec failed: Pax8 retries a 503, and the sweep finds what it gave up on.
      log.warn({ error: error instanceof Error ? error.name : 'error' }, 'pax8-sync: webhook receiver could not check a delivery; answered 503');
      return refuse(503, 'unavailable');
    }
  };
}
