export { type EnsureWebhookOptions, type EnsureWebhookResult, ensureWebhook } from './ensure-webhook';
export { type RotateWebhookSecretOptions, rotateWebhookSecret } from './rotate-webhook-secret';
export type { WebhookRegistration } from './webhook-view';
