import type { CredentialCodec } from '../crypto/credential-codec';
import type { SyncClock } from '../engine/clock';
import type { SyncLogger } from '../engine/logger';
import type { Pax8SyncStorage } from '../storage/storage';

/** One authenticated, new delivery, routed to its connection. The payload is only a hint: sync from the API. */
export interface WebhookDelivery {
  /** The connection it belongs to. */
  connectionId: string;
  /** Pax8's webhook id. */
  webhookId: string;
  /** The partner account. */
  accountId: string;
  /** The topic name (`SUBSCRIPTION`, `COMPANY`, ...). */
  topic: string;
  /** Pax8's `payloadData` (action, id, a few fields): a hint of what changed, never stored as is. */
  payloadData: Record<string, unknown>;
  /** `sentAt` of the delivery, or `null`. */
  sentAt: string | null;
}

/** Why the receiver refused a request (given to `onRejected`; never carries a secret, header or body). */
export type WebhookRejectionReason = 'method-not-allowed' | 'unavailable' | 'too-large' | 'missing-authorization' | 'malformed' | 'unknown-webhook' | 'bad-secret' | 'account-mismatch';

/** A refused request, as `onRejected` sees it. */
export interface WebhookRejection {
  /** Why. */
  reason: WebhookRejectionReason;
  /** The HTTP status answered. */
  status: number;
  /** The connection, when the request was routed to one before it was refused. */
  connectionId?: string;
}

/** Options of {@link createWebhookReceiver}. */
export interface WebhookReceiverOptions {
  /** The storage adapter (must declare `capabilities.webhooks`; otherwise every request gets 503). */
  storage: Pax8SyncStorage;
  /** The codec the secrets were sealed with (the engine's). */
  codec: CredentialCodec;
  /** Called with each authenticated, new delivery (e.g. `createWebhookSyncScheduler(...).onDelivery`); not awaited by the answer. */
  onDelivery: (delivery: WebhookDelivery) => void | Promise<void>;
  /** Called with each refusal (reason and status only), e.g. for metrics. */
  onRejected?: (rejection: WebhookRejection) => void;
  /** Largest body accepted, bytes; default 256 KiB. Larger ones get 413 and are not read further. */
  maxBodyBytes?: number;
  /** A delivery with the same body inside this window is a replay: answered 200, not passed on. Default 10 minutes. */
  replayWindowMs?: number;
  /** Time source; default the wall clock. */
  clock?: SyncClock;
  /** Logger; it never sees a header, a body or a secret. */
  logger?: SyncLogger;
}

/** A web-standard request handler (`fetch`-style servers, Hono, Next.js route handlers, ...). */
export type WebhookRequestHandler = (request: Request) => Promise<Response>;
