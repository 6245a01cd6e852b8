/** What changed in a world, as the webhook deliverer hears it. */
import type { Pax8SimWebhook, Pax8SimWebhookLog } from './records';

/** The webhook topic a change belongs to. */
export type Pax8ChangeTopic = 'SUBSCRIPTION' | 'COMPANY' | 'ORDER' | 'INVOICE';

/** How a record changed. */
export type Pax8ChangeAction = 'CREATED' | 'UPDATED' | 'DELETED';

/** One change to a world's records (scripted or through the API). */
export interface WorldChange {
  /** Topic. */
  topic: Pax8ChangeTopic;
  /** Action. */
  action: Pax8ChangeAction;
  /** Record id. */
  id: string;
  /** The record after the change (before it, for DELETED). */
  record: Record<string, unknown>;
}

/** Topics of the world's collections (products and webhooks have none). */
export const COLLECTION_TOPICS: Readonly<Record<string, Pax8ChangeTopic>> = { companies: 'COMPANY', subscriptions: 'SUBSCRIPTION', orders: 'ORDER', invoices: 'INVOICE' };

/** A place a world tells its changes to; also how its webhook log retries reach the deliverer. */
export class ChangeFeed {
  private listener: ((change: WorldChange) => void) | undefined;
  /** Sends a delivery log's payload again (set by the deliverer); false when it cannot be delivered. */
  redeliver: (hook: Pax8SimWebhook, log: Pax8SimWebhookLog) => boolean = () => false;

  /** Sets the one listener (the simulator's webhook deliverer). */
  listen(listener: (change: WorldChange) => void): void {
    this.listener = listener;
  }

  /** Tells a change of a record of a collection; collections without a topic say nothing. */
  emit(collection: string, action: Pax8ChangeAction, record: { id: string }): void {
    const topic = COLLECTION_TOPICS[collection];
    if (topic && this.listener) this.listener({ topic, action, id: record.id, record: record as unknown as Record<string, unknown> });
  }
}
