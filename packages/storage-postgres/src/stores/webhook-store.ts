import { type JsonValue, Pax8SyncError, type StoredWebhook, type StoredWebhookSecret, type WebhookStore } from '@pax8-sync/core';
import { json, num, type StoreContext, selectList } from './store-context';

interface WebhookRow {
  connection_id: string;
  webhook_id: string;
  account_id: string | null;
  url: string;
  topics: unknown;
  secrets: unknown;
  meta: unknown;
  created_at: unknown;
  updated_at: unknown;
  version: unknown;
}

const columns = ['connection_id', 'webhook_id', 'account_id', 'url', 'topics', 'secrets', 'meta', 'created_at', 'updated_at', 'version'];
const textColumns = ['connection_id', 'webhook_id', 'account_id', 'url'];
const casts = ['', '', '', '', '::json', '::json', '::json', '::bigint', '::bigint', '::bigint'];
const placeholders = casts.map((cast, i) => `$${i + 1}${cast}`).join(', ');
const assignments = columns.map((c, i) => `${c} = $${i + 1}${casts[i]}`).slice(1).join(', ');

const toWebhook = (r: WebhookRow): StoredWebhook => {
  const webhook: StoredWebhook = {
    connectionId: r.connection_id,
    webhookId: r.webhook_id,
    accountId: r.account_id,
    url: r.url,
    topics: json<string[]>(r.topics),
    secrets: json<StoredWebhookSecret[]>(r.secrets),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    version: num(r.version),
  };
  if (r.meta !== null && r.meta !== undefined) webhook.meta = json<{ [key: string]: JsonValue }>(r.meta);
  return webhook;
};

const values = (w: StoredWebhook): unknown[] => [
  w.connectionId,
  w.webhookId,
  w.accountId,
  w.url,
  JSON.stringify(w.topics),
  JSON.stringify(w.secrets),
  w.meta === undefined ? null : JSON.stringify(w.meta),
  w.createdAt,
  w.updatedAt,
  w.version,
];

/** Pax8 webhook ids are unique: a second connection claiming one is refused with a typed error, not a driver's. */
function webhookIdTaken(error: unknown, webhook: StoredWebhook): never {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e?.code === '23505' && String(e.constraint ?? e.message ?? '').includes('webhook_id')) {
    throw new Pax8SyncError('webhook-id-taken', `webhookId ${JSON.stringify(webhook.webhookId.slice(0, 80))} is already stored for another connection; a Pax8 webhook belongs to one connection.`);
  }
  throw error;
}

/**
 * Webhook registrations (compare-and-swap on `version`) and delivery de-duplication keys (one
 * conditional upsert per delivery). @internal
 */
export function createWebhookStore(ctx: StoreContext): WebhookStore {
  const { run, table } = ctx;
  const t = table('webhooks');
  const deliveries = table('webhook_deliveries');
  // Qualified columns: on PGlite the select list renames text columns, and ORDER BY must not sort those.
  const select = `SELECT ${selectList(ctx, columns, textColumns, 'w.')} FROM ${t} w`;
  const many = async (query: Promise<{ rows: WebhookRow[] }>) => (await query).rows.map(toWebhook);
  return {
    get: (connectionId) =>
      run(async (sql) => {
        const { rows } = await sql.query<WebhookRow>(`${select} WHERE w.connection_id = $1`, [connectionId]);
        return rows[0] ? toWebhook(rows[0]) : undefined;
      }),
    findByWebhookId: (webhookId) =>
      run(async (sql) => {
        const { rows } = await sql.query<WebhookRow>(`${select} WHERE w.webhook_id = $1`, [webhookId]);
        return rows[0] ? toWebhook(rows[0]) : undefined;
      }),
    findByAccountId: (accountId) => run((sql) => many(sql.query<WebhookRow>(`${select} WHERE w.account_id = $1 ORDER BY w.connection_id`, [accountId]))),
    list: () => run((sql) => many(sql.query<WebhookRow>(`${select} ORDER BY w.connection_id`))),
    put: (webhook, expectedVersion) =>
      run(async (sql) => {
        if (webhook.version !== (expectedVersion ?? 0) + 1) return false;
        if (expectedVersion === null) {
          // DO NOTHING on any unique conflict (the connection's row, or its webhook id): concurrent first
          // writes of one connection race on both, and the losers must get `false`, not an error. Only
          // a webhook id held by ANOTHER connection is refused.
          const { rows } = await sql.query(`INSERT INTO ${t} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT DO NOTHING RETURNING 1 AS wrote`, values(webhook));
          if (rows.length === 1) return true;
          const holder = await sql.query<{ connection_id: string }>(`SELECT connection_id FROM ${t} WHERE webhook_id = $1`, [webhook.webhookId]);
          const other = holder.rows[0];
          if (other !== undefined && other.connection_id !== webhook.connectionId) webhookIdTaken({ code: '23505', constraint: 'webhook_id' }, webhook);
          return false;
        }
        const update = sql.query(`UPDATE ${t} SET ${assignments} WHERE connection_id = $1 AND version = $11::bigint RETURNING 1 AS wrote`, [...values(webhook), expectedVersion]);
        const { rows } = await update.catch((error: unknown) => webhookIdTaken(error, webhook));
        return rows.length === 1;
      }),
    delete: (connectionId) =>
      run(async (sql) => {
        await sql.query(`DELETE FROM ${t} WHERE connection_id = $1`, [connectionId]);
      }),
    markDelivery: ({ connectionId, key, expiresAt, now }) =>
      run(async (sql) => {
        // One statement: a new key is inserted; an expired one is taken over; a live one (a replay)
        // matches nothing. Concurrent markers of one key wait on its row and re-check expires_at, so
        // exactly one sees it new. Up to 20 other expired keys of the connection are pruned on the
        // way (SKIP LOCKED: two markers never wait on each other's pruning).
        const { rows } = await sql.query(
          `WITH pruned AS (
             DELETE FROM ${deliveries} WHERE (connection_id, key) IN (
               SELECT connection_id, key FROM ${deliveries} WHERE connection_id = $1 AND expires_at <= $4::bigint AND key <> $2
               LIMIT 20 FOR UPDATE SKIP LOCKED)
           )
           INSERT INTO ${deliveries} AS d (connection_id, key, expires_at) VALUES ($1, $2, $3::bigint)
           ON CONFLICT (connection_id, key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE d.expires_at <= $4::bigint
           RETURNING 1 AS fresh`,
          [connectionId, key, expiresAt, now],
        );
        return rows.length === 1;
      }),
  };
}
