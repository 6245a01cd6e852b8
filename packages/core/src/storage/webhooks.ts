import type { JsonValue } from './json';

/** One secret a webhook's deliveries may carry as their Authorization header. */
export interface StoredWebhookSecret {
  /** The secret, sealed by the engine's codec (`webhookSecretCodecContext`). Opaque to storage. */
  sealedSecret: string;
  /** When it was made, epoch ms. */
  createdAt: number;
  /**
   * When it stops being accepted, epoch ms: `null` for the current secret; a rotated-out secret
   * keeps working until then (the grace period), so no delivery in flight is refused.
   */
  retiresAt: number | null;
}

/** A connection's webhook registration with Pax8, as storage holds it. */
export interface StoredWebhook {
  /** The connection (one webhook per connection). */
  connectionId: string;
  /** Pax8's webhook id (deliveries carry it as `webhookId`). */
  webhookId: string;
  /** The Pax8 partner account id deliveries carry as `accountId`; `null` until known. */
  accountId: string | null;
  /** The URL Pax8 delivers to. */
  url: string;
  /** The topics registered (names from `GET /webhooks/topic-definitions`). */
  topics: string[];
  /** The current secret first, then rotated-out ones still inside their grace period. */
  secrets: StoredWebhookSecret[];
  /** When it was first registered, epoch ms. */
  createdAt: number;
  /** When it last changed, epoch ms. */
  updatedAt: number;
  /** Write counter: 1 for the first write, then one more per write (see {@link WebhookStore.put}). */
  version: number;
  /** Extra facts the engine keeps about the registration (never a secret); opaque to storage. */
  meta?: { [key: string]: JsonValue };
}

/**
 * Webhook registrations and delivery de-duplication. Present when the adapter declares
 * `capabilities.webhooks`.
 */
export interface WebhookStore {
  /** The connection's webhook, or `undefined`. */
  get(connectionId: string): Promise<StoredWebhook | undefined>;
  /** The webhook with that Pax8 webhook id (any connection), or `undefined`. */
  findByWebhookId(webhookId: string): Promise<StoredWebhook | undefined>;
  /** Every webhook whose `accountId` is that account, ordered by connection id. */
  findByAccountId(accountId: string): Promise<StoredWebhook[]>;
  /** Every stored webhook, ordered by connection id (for the sweep). */
  list(): Promise<StoredWebhook[]>;
  /**
   * Compare-and-swap: stores `webhook` only if the stored version is `expectedVersion` (`null`: none
   * is stored for the connection) and `webhook.version` is `(expectedVersion ?? 0) + 1`; returns
   * whether it wrote. Atomic: of concurrent writers with one `expectedVersion` at most one writes.
   */
  put(webhook: StoredWebhook, expectedVersion: number | null): Promise<boolean>;
  /** Deletes the connection's webhook; a no-op if there is none. */
  delete(connectionId: string): Promise<void>;
  /**
   * Records a delivery's de-duplication key (e.g. a hash of its body) until `expiresAt`, and says
   * whether it is new: `true` the first time within the window, `false` for a replay. Atomic across
   * processes. Keys whose `expiresAt` is at most `now` count as absent (and may be deleted).
   */
  markDelivery(input: { connectionId: string; key: string; expiresAt: number; now: number }): Promise<boolean>;
}
