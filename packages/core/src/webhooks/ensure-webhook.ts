import type { Pax8Client, Pax8Webhook } from '@pax8-sync/client';
import type { EngineDeps } from '../engine/engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { StoredConnection } from '../storage/connections';
import type { StoredWebhook } from '../storage/webhooks';
import {
  createRegistration,
  findOwnRegistration,
  refuseSandbox,
  remoteWebhook,
  sameRegistration,
  updateRegistration,
  type WantedRegistration,
} from './pax8-registration';
import { checkTopics, topicNames } from './webhook-topics';
import { clockNow, openWebhookClient, requireWebhooks, webhookConnection } from './webhook-context';
import { currentWebhookSecret, liveSecrets, newWebhookSecret, sealWebhookSecret } from './webhook-secrets';
import { type WebhookRegistration, webhookView } from './webhook-view';

/** Options of {@link ensureWebhook}. */
export interface EnsureWebhookOptions extends EngineDeps {
  /** The connection whose webhook it is (one per connection). */
  connectionId: string;
  /** The public https URL of your receiver (`createWebhookReceiver`). */
  url: string;
  /** Topic names from `GET /webhooks/topic-definitions`, e.g. `['SUBSCRIPTION', 'COMPANY']`. */
  topics: string[];
  /** Retries Pax8 makes of a failed delivery (0–20); default 3. */
  errorThreshold?: number;
}

/** What {@link ensureWebhook} did. */
export interface EnsureWebhookResult {
  /** The registration as stored now. */
  webhook: WebhookRegistration;
  /** A registration was created in Pax8. */
  created: boolean;
  /** An existing registration was changed in Pax8 (URL, topics, threshold, secret or active). */
  updated: boolean;
}

function checkInput(options: EnsureWebhookOptions): WantedRegistration {
  if (typeof options.url !== 'string' || !URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol)) {
    throw new Pax8SyncConfigError('url', 'must be the absolute http(s) URL of your webhook receiver, e.g. https://psa.example.com/hooks/pax8.');
  }
  const threshold = options.errorThreshold ?? 3;
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 20) throw new Pax8SyncConfigError('errorThreshold', 'must be a whole number from 0 to 20 (Pax8 retries a failed delivery that many times).');
  return { url: options.url, topics: [], errorThreshold: threshold };
}

interface Plan {
  remote: Pax8Webhook | undefined;
  secret: string;
  fresh: boolean;
}

async function plan(options: EnsureWebhookOptions, client: Pax8Client, stored: StoredWebhook | undefined, url: string): Promise<Plan> {
  const remote = stored ? await remoteWebhook(client, stored.webhookId) : await findOwnRegistration(client, options.connectionId, url);
  const known = stored ? await currentWebhookSecret(options.codec, stored) : undefined;
  return known === undefined ? { remote, secret: newWebhookSecret(), fresh: true } : { remote, secret: known, fresh: false };
}

/** Writes the registration with compare-and-swap; a lost race is a typed error (run it again). @internal */
export async function storeWebhook(options: EngineDeps, next: StoredWebhook, expected: number | null): Promise<void> {
  if (!(await requireWebhooks(options.storage).put(next, expected))) {
    throw new Pax8SyncError('conflict', `Another process changed the webhook of connection ${next.connectionId} meanwhile; run it again.`);
  }
}

async function register(options: EnsureWebhookOptions, connection: StoredConnection, wanted: WantedRegistration): Promise<EnsureWebhookResult> {
  const store = requireWebhooks(options.storage);
  const client = await openWebhookClient(options, connection);
  wanted.topics = checkTopics(options.topics, await topicNames(client));
  const stored = await store.get(connection.id);
  const { remote, secret, fresh } = await plan(options, client, stored, wanted.url);
  const pending = stored?.meta?.authorizationPending === true;
  const needsWrite = !remote || fresh || pending || !sameRegistration(remote, wanted);
  const hook = !remote ? await createRegistration(client, connection.id, wanted, secret) : needsWrite ? await updateRegistration(client, connection.id, remote, wanted, secret) : remote;
  const now = clockNow(options);
  const secrets = fresh ? [await sealWebhookSecret(options.codec, connection.id, secret, now)] : liveSecrets(stored?.secrets ?? [], now);
  const unchanged = stored && !needsWrite && stored.webhookId === hook.id && stored.url === wanted.url && stored.topics.join('\n') === wanted.topics.join('\n') && secrets.length === stored.secrets.length;
  let final = stored;
  if (!unchanged) {
    final = {
      connectionId: connection.id,
      webhookId: hook.id,
      accountId: hook.accountId ?? stored?.accountId ?? null,
      url: wanted.url,
      topics: wanted.topics,
      secrets,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
      version: (stored?.version ?? 0) + 1,
      meta: { errorThreshold: wanted.errorThreshold },
    };
    await storeWebhook(options, final, stored?.version ?? null);
  }
  return { webhook: webhookView(final as StoredWebhook, now), created: !remote, updated: Boolean(remote) && needsWrite };
}

/**
 * Registers or updates the connection's Pax8 webhook, idempotently: run it twice, one webhook.
 * Topics are checked against `GET /webhooks/topic-definitions`. The first registration gets a random
 * secret (sent to Pax8 as the registration's `authorization`, stored sealed under
 * `webhookSecretCodecContext(connectionId)`). A registration left in Pax8 by a crash before it was
 * stored is found by its name and URL and adopted; one deleted in Pax8 is created again.
 * @throws `Pax8SyncConfigError` for a bad `url`, `errorThreshold` or an unknown topic (naming it and listing Pax8's);
 *   `Pax8SyncSandboxWriteError` for a Sandbox connection (registration changes Pax8); `Pax8SyncNotFoundError` for an unknown connection.
 * @example
 * const { webhook } = await ensureWebhook({ storage, codec, connectionId, url: 'https://psa.example.com/hooks/pax8', topics: ['SUBSCRIPTION', 'COMPANY'] });
 */
export async function ensureWebhook(options: EnsureWebhookOptions): Promise<EnsureWebhookResult> {
  const connection = await webhookConnection(options, options.connectionId);
  const wanted = checkInput(options);
  refuseSandbox(connection, 'POST', '/webhooks');
  return register(options, connection, wanted);
}
