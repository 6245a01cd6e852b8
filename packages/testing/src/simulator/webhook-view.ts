import type { AccountState } from './accounts';
import { Pax8SimulatorError } from './errors';
import type { Pax8ScriptedDelivery, Pax8WebhookDelivery, Pax8WebhookDeliveryOptions, WebhookDeliverer } from './webhook-delivery';
import type { Pax8ChangeAction, Pax8ChangeTopic } from './world-events';

/** A change told by hand, without changing the world (a delivery about a record as it stands). */
export interface Pax8WebhookEvent {
  /** Account (id, name or client id; default the first). */
  account?: string;
  /** Topic. */
  topic: Pax8ChangeTopic;
  /** Action (default `UPDATED`). */
  action?: Pax8ChangeAction;
  /** Id of the record. */
  id: string;
}

/** Webhook delivery controls of a simulator. */
export interface Pax8SimulatorWebhooks {
  /** Every delivery attempt made, oldest first (copies). */
  readonly deliveries: Pax8WebhookDelivery[];
  /** Current delivery settings. */
  readonly settings: Pax8WebhookDeliveryOptions;
  /** Merges delivery settings (rates, delays, timeouts, timers) into the current ones. */
  update(options: Pax8WebhookDeliveryOptions): void;
  /** Forces a behaviour (`late`, `duplicate`, `outOfOrder`, `fail`) onto the next matching deliveries. */
  inject(scripted: Pax8ScriptedDelivery): void;
  /** Delivers a change without making it (to every subscribed registration of the account). */
  emit(event: Pax8WebhookEvent): void;
  /** Resolves once no delivery attempt is in flight. */
  settled(): Promise<void>;
}

const COLLECTION: Record<Pax8ChangeTopic, 'subscriptions' | 'companies' | 'orders' | 'invoices'> = { SUBSCRIPTION: 'subscriptions', COMPANY: 'companies', ORDER: 'orders', INVOICE: 'invoices' };

/** Builds the public view over the deliverer. */
export function webhooksView(deliverer: WebhookDeliverer, account: (key: string | undefined) => AccountState | undefined): Pax8SimulatorWebhooks {
  return {
    get deliveries() {
      return deliverer.list();
    },
    get settings() {
      return deliverer.settings;
    },
    update: (options) => deliverer.update(options),
    inject: (scripted) => deliverer.inject(scripted),
    emit(event) {
      const state = account(event.account);
      if (!state) throw new Pax8SimulatorError('webhooks.emit.account', `no account has id, name or client id '${event.account}'`);
      if (!(event.topic in COLLECTION)) throw new Pax8SimulatorError('webhooks.emit.topic', `must be one of ${Object.keys(COLLECTION).join(', ')}`);
      const record = (state.world.api[COLLECTION[event.topic]].get(event.id) as unknown as Record<string, unknown> | undefined) ?? { id: event.id };
      deliverer.onChange(state, { topic: event.topic, action: event.action ?? 'UPDATED', id: event.id, record });
    },
    settled: () => deliverer.settled(),
  };
}
