import type { StoredWebhook, WebhookStore } from '@pax8-sync/core';
import { copy, deleteIn, innerMap, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import { cmp } from './connection-store';
import type { Runner } from './runner';

/** Webhook registrations (by connection) and delivery keys (connection id → key → expiry). */
export function createWebhookStore(state: MemoryState, run: Runner): WebhookStore {
  const sorted = (rows: StoredWebhook[]) => rows.sort((a, b) => cmp(a.connectionId, b.connectionId)).map(copy);
  return {
    get: (connectionId) => run(() => copy(state.webhooks.get(connectionId))),
    findByWebhookId: (webhookId) => run(() => copy([...state.webhooks.values()].find((w) => w.webhookId === webhookId))),
    findByAccountId: (accountId) => run(() => sorted([...state.webhooks.values()].filter((w) => w.accountId === accountId))),
    list: () => run(() => sorted([...state.webhooks.values()])),
    put: (webhook, expectedVersion) =>
      run((ctx) => {
        const current = state.webhooks.get(webhook.connectionId);
        if ((current?.version ?? null) !== expectedVersion || webhook.version !== (expectedVersion ?? 0) + 1) return false;
        setIn(ctx, state.webhooks, webhook.connectionId, copy(webhook));
        return true;
      }),
    delete: (connectionId) => run((ctx) => deleteIn(ctx, state.webhooks, connectionId)),
    markDelivery: ({ connectionId, key, expiresAt, now }) =>
      run((ctx) => {
        const keys = innerMap(state.deliveryKeys, connectionId);
        const seenUntil = keys.get(key);
        if (seenUntil !== undefined && seenUntil > now) return false;
        setIn(ctx, keys, key, expiresAt);
        return true;
      }),
  };
}
