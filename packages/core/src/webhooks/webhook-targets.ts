import type { WebhookDelivery } from './receiver-types';

/**
 * What a delivery asks to sync: the subscriptions of one company, one subscription (when the
 * delivery does not say its company), the company list, or the product catalogue.
 */
export type WebhookSyncTarget =
  | { kind: 'company-subscriptions'; companyId: string }
  | { kind: 'subscription'; subscriptionId: string }
  | { kind: 'companies' }
  | { kind: 'products' };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The target a delivery names, or `undefined` for topics nothing is synced from (invoices). The
 * payload is only a hint: it picks what to read, never what is stored.
 */
export function webhookTarget(delivery: Pick<WebhookDelivery, 'topic' | 'payloadData'>): WebhookSyncTarget | undefined {
  const topic = delivery.topic.toUpperCase();
  const companyId = text(delivery.payloadData.companyId);
  if (topic.includes('PRODUCT')) return { kind: 'products' };
  if (topic.includes('COMPANY')) return { kind: 'companies' };
  if (topic.includes('SUBSCRIPTION')) {
    if (companyId) return { kind: 'company-subscriptions', companyId };
    const id = text(delivery.payloadData.id);
    return id ? { kind: 'subscription', subscriptionId: id } : undefined;
  }
  if ((topic.includes('ORDER') || topic.includes('PROVISION')) && companyId) return { kind: 'company-subscriptions', companyId };
  return undefined;
}

/** The coalescing key of a target within a connection. @internal */
export function targetKey(connectionId: string, target: WebhookSyncTarget): string {
  const detail = target.kind === 'company-subscriptions' ? target.companyId : target.kind === 'subscription' ? target.subscriptionId : '';
  return `${connectionId}\u0000${target.kind}\u0000${detail}`;
}
