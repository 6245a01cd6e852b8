import type { EngineDeps } from '../engine/engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import { storeWebhook } from './ensure-webhook';
import { refuseSandbox } from './pax8-registration';
import { clockNow, openWebhookClient, requireWebhooks, webhookConnection } from './webhook-context';
import { liveSecrets, newWebhookSecret, sealWebhookSecret } from './webhook-secrets';
import { type WebhookRegistration, webhookView } from './webhook-view';

/** Options of {@link rotateWebhookSecret}. */
export interface RotateWebhookSecretOptions extends EngineDeps {
  /** The connection. */
  connectionId: string;
  /** How long the old secret stays accepted, ms (deliveries in flight and Pax8's retries carry it); default 24 hours. */
  graceMs?: number;
}

/**
 * Gives the connection's webhook a new random secret without losing a delivery: the new one is
 * stored first (the old one keeps being accepted until `now + graceMs`), then Pax8's registration
 * is updated to send it. If that update fails, both stay accepted and `ensureWebhook` or another
 * rotation sends the new one. Secrets whose grace ended are dropped.
 * @throws `Pax8SyncNotFoundError` when the connection has no webhook (run `ensureWebhook` first);
 *   `Pax8SyncSandboxWriteError` for a Sandbox connection; `Pax8SyncConfigError` for a bad `graceMs`.
 * @example
 * await rotateWebhookSecret({ storage, codec, connectionId, graceMs: 60 * 60_000 });
 */
export async function rotateWebhookSecret(options: RotateWebhookSecretOptions): Promise<WebhookRegistration> {
  const connection = await webhookConnection(options, options.connectionId);
  const graceMs = options.graceMs ?? 86_400_000;
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new Pax8SyncConfigError('graceMs', 'must be milliseconds >= 0 (how long the old secret stays accepted).');
  const store = requireWebhooks(options.storage);
  const stored = await store.get(connection.id);
  if (!stored) throw new Pax8SyncNotFoundError('webhook of connection', connection.id);
  refuseSandbox(connection, 'POST', `/webhooks/${stored.webhookId}/configuration`);
  const now = clockNow(options);
  const secret = newWebhookSecret();
  const retired = liveSecrets(stored.secrets, now).map((s) => (s.retiresAt === null ? { ...s, retiresAt: now + graceMs } : s));
  const next = { ...stored, secrets: [await sealWebhookSecret(options.codec, connection.id, secret, now), ...retired], updatedAt: now, version: stored.version + 1, meta: { ...stored.meta, authorizationPending: true } };
  await storeWebhook(options, next, stored.version);
  const client = await openWebhookClient(options, connection);
  await client.webhooks.update(stored.webhookId, { authorization: secret });
  const sent = { ...next, meta: { ...next.meta, authorizationPending: false }, version: next.version + 1 };
  await storeWebhook(options, sent, next.version);
  return webhookView(sent, now);
}
