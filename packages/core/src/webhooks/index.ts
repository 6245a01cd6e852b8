export { type EnsureWebhookOptions, type EnsureWebhookResult, ensureWebhook } from './ensure-webhook';
export { type RotateWebhookSecretOptions, rotateWebhookSecret } from './rotate-webhook-secret';
export type { WebhookRegistration } from './webhook-view';
export { createWebhookReceiver } from './create-webhook-receiver';
export { toNodeRequestListener } from './node-listener';
export type { WebhookDelivery, WebhookReceiverOptions, WebhookRejection, WebhookRejectionReason, WebhookRequestHandler } from './receiver-types';
export type { RefreshCounts } from './refresh-subscriptions';
export { createWebhookSyncScheduler, type WebhookSyncOutcome, type WebhookSyncScheduler, type WebhookSyncSchedulerOptions } from './webhook-sync-scheduler';
export { type WebhookSyncTarget, webhookTarget } from './webhook-targets';
