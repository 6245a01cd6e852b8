import type { JsonValue, StoredWebhook, StoredWebhookSecret, WebhookStore } from '@pax8-sync/core';
import { fromJson, marks, num, type Params, type Runner, toJson } from './runner';

interface WebhookRow {
  connection_id: string;
  webhook_id: string;
  account_id: string | null;
  url: string;
  topics: string;
  secrets: string;
  meta: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

const columns = ['connection_id', 'webhook_id', 'account_id', 'url', 'topics', 'secrets', 'meta', 'created_at', 'updated_at', 'version'];

const toWebhook = (r: WebhookRow): StoredWebhook => ({
  connectionId: r.connection_id,
  webhookId: r.webhook_id,
  accountId: r.account_id,
  url: r.url,
  topics: fromJson<string[]>(r.topics),
  secrets: fromJson<StoredWebhookSecret[]>(r.secrets),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
  version: num(r.version),
  ...(r.meta === null ? {} : { meta: fromJson<{ [key: string]: JsonValue }>(r.meta) }),
});

/** The values of every column but `connection_id`, in column order. */
const fields = (w: StoredWebhook): Params => [
  w.webhookId,
  w.accountId,
  w.url,
  toJson(w.topics),
  toJson(w.secrets),
  w.meta === undefined ? null : toJson(w.meta),
  w.createdAt,
  w.updatedAt,
  w.version,
];

/**
 * Webhook registrations (compare-and-swap on `version`, secrets as a JSON array in order) and
 * delivery keys. Each operation is one statement under the single writer, so it is atomic.
 */
export function createWebhookStore(run: Runner): WebhookStore {
  const select = 'SELECT * FROM webhooks';
  const assignments = columns.slice(1).map((c) => `${c} = ?`).join(', ');
  return {
    get: (connectionId) => run((db) => db.all<WebhookRow>(`${select} WHERE connection_id = ?`, [connectionId]).map(toWebhook)[0]),
    findByWebhookId: (webhookId) => run((db) => db.all<WebhookRow>(`${select} WHERE webhook_id = ?`, [webhookId]).map(toWebhook)[0]),
    findByAccountId: (accountId) => run((db) => db.all<WebhookRow>(`${select} WHERE account_id = ? ORDER BY connection_id`, [accountId]).map(toWebhook)),
    list: () => run((db) => db.all<WebhookRow>(`${select} ORDER BY connection_id`).map(toWebhook)),
    put: (webhook, expectedVersion) =>
      run((db) => {
        if (webhook.version !== (expectedVersion ?? 0) + 1) return false;
        if (expectedVersion === null) {
          return db.run(`INSERT INTO webhooks (${columns.join(', ')}) VALUES (${marks(columns.length)}) ON CONFLICT (connection_id) DO NOTHING`, [webhook.connectionId, ...fields(webhook)]).changes === 1;
        }
        return db.run(`UPDATE webhooks SET ${assignments} WHERE connection_id = ? AND version = ?`, [...fields(webhook), webhook.connectionId, expectedVersion]).changes === 1;
      }),
    delete: (connectionId) =>
      run((db) => {
        db.run('DELETE FROM webhooks WHERE connection_id = ?', [connectionId]);
      }),
    markDelivery: ({ connectionId, key, expiresAt, now }) =>
      run((db) => {
        // A live key is a replay; an expired one is taken over. Expired keys of the connection go on the way.
        db.run('DELETE FROM webhook_deliveries WHERE connection_id = ? AND expires_at <= ?', [connectionId, now]);
        return db.run('INSERT INTO webhook_deliveries (connection_id, key, expires_at) VALUES (?, ?, ?) ON CONFLICT (connection_id, key) DO NOTHING', [connectionId, key, expiresAt]).changes === 1;
      }),
  };
}
