import type { StoredWebhook } from '../storage/webhooks';
import { liveSecrets } from './webhook-secrets';

/** A connection's webhook registration as the engine shows it (never a secret). */
export interface WebhookRegistration {
  /** The connection. */
  connectionId: string;
  /** Pax8's webhook id. */
  webhookId: string;
  /** The Pax8 partner account deliveries carry, or `null` until known. */
  accountId: string | null;
  /** Where Pax8 delivers. */
  url: string;
  /** The registered topics, sorted. */
  topics: string[];
  /** How many secrets are accepted now: 1, or 2 during a rotation's grace period. */
  acceptedSecrets: number;
  /** When the newest rotated-out secret stops being accepted, epoch ms, or `null`. */
  graceEndsAt: number | null;
  /** First registered, epoch ms. */
  createdAt: number;
  /** Last changed, epoch ms. */
  updatedAt: number;
}

/** The public view of a stored webhook. @internal */
export function webhookView(webhook: StoredWebhook, now: number): WebhookRegistration {
  const live = liveSecrets(webhook.secrets, now);
  const ends = live.map((s) => s.retiresAt).filter((t): t is number => t !== null);
  return {
    connectionId: webhook.connectionId,
    webhookId: webhook.webhookId,
    accountId: webhook.accountId,
    url: webhook.url,
    topics: [...webhook.topics],
    acceptedSecrets: live.length,
    graceEndsAt: ends.length > 0 ? Math.max(...ends) : null,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
  };
}
