// The contexts the engine seals with: a sealed value only opens under the context it was sealed for.
import {
  authorizationStateCodecContext,
  type CredentialCodec,
  credentialsCodecContext as credentialsContext,
  grantCodecContext,
  tokenCodecContext as tokenContext,
} from '@pax8-sync/core';
import type { SqlExecutor } from './client';

/** Result of {@link PostgresStorage.reencrypt}. */
export interface ReencryptResult {
  /** Connections whose credentials were re-sealed with the current key. */
  connections: number;
  /** Tokens re-sealed with the current key. */
  tokens: number;
  /** Delegated grants (token pairs) re-sealed with the current key. */
  grants: number;
  /** Started authorizations (PKCE verifiers) re-sealed with the current key. */
  authorizationStates: number;
  /** Webhook secrets (each secret of a registration, rotated-out ones too) re-sealed with the current key. */
  webhookSecrets: number;
}

/**
 * The codec context a connection's webhook secrets are sealed under. Core has no
 * `webhookSecretCodecContext` export yet; this is the string agreed with the engine
 * (`pax8-sync:webhook-secret:<connectionId>`, the shape of `grantCodecContext`).
 */
const webhookSecretContext = (connectionId: string): string => `pax8-sync:webhook-secret:${connectionId}`;


/** One table's sealed column: its row key, and the codec context a row was sealed under. */
interface SealedColumn {
  table: string;
  key: string;
  /** The column holding the row's connection id. */
  connection: string;
  column: string;
  /** The context, from the row's connection id and its key. */
  context: (connectionId: string, key: string) => string;
}

const sealedColumns = {
  connections: { table: 'connections', key: 'id', connection: 'id', column: 'sealed_credentials', context: (id) => credentialsContext(id) },
  tokens: { table: 'tokens', key: 'connection_id', connection: 'connection_id', column: 'sealed_access_token', context: (id) => tokenContext(id) },
  grants: { table: 'authorization_grants', key: 'connection_id', connection: 'connection_id', column: 'sealed_tokens', context: (id) => grantCodecContext(id) },
  authorizationStates: { table: 'authorization_states', key: 'state_hash', connection: 'connection_id', column: 'sealed_verifier', context: (id, hash) => authorizationStateCodecContext(id, hash) },
} satisfies Record<Exclude<keyof ReencryptResult, 'webhookSecrets'>, SealedColumn>;

/** Whether a sealed value was sealed with a key other than the codec's current one. */
const isStale = (sealed: string, keyId: string): boolean => {
  const [scheme, id] = sealed.split('.');
  return scheme === 'pax8s1' && id !== keyId;
};

/**
 * Re-seals webhook secrets: they live inside each registration's `secrets` JSON array, so the
 * array is rewritten with its order and every other field kept. Returns how many secrets moved.
 */
async function resealWebhookSecrets(sql: SqlExecutor, table: (name: string) => string, codec: CredentialCodec): Promise<number> {
  const { rows } = await sql.query<{ id: string; secrets: { sealedSecret: string }[] }>(
    `SELECT connection_id AS id, secrets FROM ${table('webhooks')} ORDER BY connection_id FOR UPDATE`,
  );
  let moved = 0;
  for (const row of rows) {
    const stale = row.secrets.filter((s) => isStale(s.sealedSecret, codec.keyId));
    if (stale.length === 0) continue;
    const context = webhookSecretContext(row.id);
    const secrets = await Promise.all(
      row.secrets.map(async (s) => (isStale(s.sealedSecret, codec.keyId) ? { ...s, sealedSecret: await codec.seal(await codec.open(s.sealedSecret, context), context) } : s)),
    );
    await sql.query(`UPDATE ${table('webhooks')} SET secrets = $2::json WHERE connection_id = $1`, [row.id, JSON.stringify(secrets)]);
    moved += stale.length;
  }
  return moved;
}

/** Re-seals one column's rows whose key id is not the codec's current one; returns how many. */
async function reseal(sql: SqlExecutor, table: (name: string) => string, codec: CredentialCodec, target: SealedColumn): Promise<number> {
  const { key, connection, column } = target;
  // Sealed values read `pax8s1.<keyId>.…`: the key id is in clear, so stale rows are found in SQL.
  const stale = await sql.query<{ key: string; id: string; sealed: string }>(
    `SELECT ${key} AS key, ${connection} AS id, ${column} AS sealed FROM ${table(target.table)}
     WHERE split_part(${column}, '.', 1) = 'pax8s1' AND split_part(${column}, '.', 2) <> $1 ORDER BY ${key} FOR UPDATE`,
    [codec.keyId],
  );
  for (const row of stale.rows) {
    const context = target.context(row.id, row.key);
    const sealed = await codec.seal(await codec.open(row.sealed, context), context);
    await sql.query(`UPDATE ${table(target.table)} SET ${column} = $2 WHERE ${key} = $1`, [row.key, sealed]);
  }
  return stale.rows.length;
}

/** Re-seals rows whose key id is not the codec's current one. @internal */
export async function reencryptSecrets(sql: SqlExecutor, table: (name: string) => string, codec: CredentialCodec): Promise<ReencryptResult> {
  return {
    connections: await reseal(sql, table, codec, sealedColumns.connections),
    tokens: await reseal(sql, table, codec, sealedColumns.tokens),
    grants: await reseal(sql, table, codec, sealedColumns.grants),
    authorizationStates: await reseal(sql, table, codec, sealedColumns.authorizationStates),
    webhookSecrets: await resealWebhookSecrets(sql, table, codec),
  };
}
