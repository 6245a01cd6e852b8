import type { JsonObject, NewChangeEvent, OutboxStore, Pax8SyncStorage, Pax8SyncStores, StoredWebhook, StoredWriteIntent, WebhookStore } from '@pax8-sync/core';

/** A write intent; `patch` overrides any field. */
export function intentRow(connectionId: string, id: string, patch: Partial<StoredWriteIntent> = {}): StoredWriteIntent {
  return {
    id,
    connectionId,
    kind: 'subscription.quantity',
    target: { entity: 'subscriptions', id: `sub-of-${id}` },
    payload: { quantity: 12 },
    basedOn: { quantity: 10, status: 'Active' },
    requestedBy: 'psa-user-7',
    reason: 'Customer added two seats',
    state: 'approved',
    dueAt: null,
    attempts: 0,
    sentAt: null,
    outcome: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    version: 1,
    ...patch,
  };
}

/** The next version of `intent` with `patch` applied (what a compare-and-swap writes). */
export function nextIntent(intent: StoredWriteIntent, patch: Partial<StoredWriteIntent> = {}): StoredWriteIntent {
  return { ...intent, updatedAt: intent.updatedAt + 1, ...patch, version: intent.version + 1 };
}

/** A `write_transition` change event of `intent`, from one state to another. */
export function transitionEvent(intent: StoredWriteIntent, from: string | null, to: string): NewChangeEvent {
  return {
    connectionId: intent.connectionId,
    runId: `write:${intent.id}`,
    entity: intent.target.entity,
    entityId: intent.target.id,
    kind: 'write_transition',
    at: intent.updatedAt,
    fields: [],
    detail: { intentId: intent.id, intentKind: intent.kind, from, to, by: intent.requestedBy, reason: intent.reason },
    before: null,
    after: null,
  };
}

/** A webhook registration of `connectionId` at `version`; `patch` overrides any field. */
export function webhookRow(connectionId: string, version = 1, patch: Partial<StoredWebhook> = {}): StoredWebhook {
  return {
    connectionId,
    webhookId: `wh-${connectionId}`,
    accountId: `acct-${connectionId}`,
    url: `https://psa.example.com/pax8/webhooks/${connectionId}`,
    topics: ['SUBSCRIPTION', 'COMPANY'],
    secrets: [{ sealedSecret: `sealed-secret-${connectionId}-${version}`, createdAt: 1_000 + version, retiresAt: null }],
    createdAt: 1_000,
    updatedAt: 1_000 + version,
    version,
    ...patch,
  };
}

/** The outbox of a storage or transaction, or a clear failure when the adapter lacks it. */
export function outboxOf(s: Pax8SyncStores | Pax8SyncStorage): OutboxStore {
  if (!s.outbox) throw new Error('capabilities.writeBack is declared, but the outbox store is missing (on the storage or on the transaction stores)');
  return s.outbox;
}

/** The webhook store of a storage or transaction, or a clear failure when the adapter lacks it. */
export function webhooksOf(s: Pax8SyncStores | Pax8SyncStorage): WebhookStore {
  if (!s.webhooks) throw new Error('capabilities.webhooks is declared, but the webhooks store is missing (on the storage or on the transaction stores)');
  return s.webhooks;
}

/** JSON values that stores have broken: unicode, nesting, numbers at the edges, empty containers. */
export const trickyJson: JsonObject = {
  text: 'Größe ✓ 数量 😀 \u200f مرحبا "quoted" back\\slash\nnewline',
  numbers: [0, -1, 1.5, -0.25, 12.125, 9_007_199_254_740_991, -9_007_199_254_740_991, 1e21, 5e-7],
  nested: { a: { b: { c: [1, [2, [3, { d: null }]]] } }, empty: {}, none: [], flag: false },
  '键 with space': 'value',
};
