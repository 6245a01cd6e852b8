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
}


/** Re-seals rows whose key id is not the codec's current one. @internal */
export async function reencryptSecrets(sql: SqlExecutor, table: (name: string) => string, codec: CredentialCodec): Promise<ReencryptResult> {
  // Sealed values read `pax8s1.<keyId>.…`: the key id is in clear, so stale rows are found in SQL.
  const connections = await sql.query<{ id: string; sealed: string }>(
    `SELECT id, sealed_credentials AS sealed FROM ${table('connections')}
     WHERE split_part(sealed_credentials, '.', 1) = 'pax8s1' AND split_part(sealed_credentials, '.', 2) <> $1 ORDER BY id FOR UPDATE`,
    [codec.keyId],
  );
  for (const row of connections.rows) {
    const sealed = await codec.seal(await codec.open(row.sealed, credentialsContext(row.id)), credentialsContext(row.id));
    await sql.query(`UPDATE ${table('connections')} SET sealed_credentials = $2 WHERE id = $1`, [row.id, sealed]);
  }
  const tokens = await sql.query<{ id: string; sealed: string }>(
    `SELECT connection_id AS id, sealed_access_token AS sealed FROM ${table('tokens')}
     WHERE split_part(sealed_access_token, '.', 1) = 'pax8s1' AND split_part(sealed_access_token, '.', 2) <> $1 ORDER BY connection_id FOR UPDATE`,
    [codec.keyId],
  );
  for (const row of tokens.rows) {
    const sealed = await codec.seal(await codec.open(row.sealed, tokenContext(row.id)), tokenContext(row.id));
    await sql.query(`UPDATE ${table('tokens')} SET sealed_access_token = $2 WHERE connection_id = $1`, [row.id, sealed]);
  }
  const grants = await sql.query<{ id: string; sealed: string }>(
    `SELECT connection_id AS id, sealed_tokens AS sealed FROM ${table('authorization_grants')}
     WHERE split_part(sealed_tokens, '.', 1) = 'pax8s1' AND split_part(sealed_tokens, '.', 2) <> $1 ORDER BY connection_id FOR UPDATE`,
    [codec.keyId],
  );
  for (const row of grants.rows) {
    const sealed = await codec.seal(await codec.open(row.sealed, grantCodecContext(row.id)), grantCodecContext(row.id));
    await sql.query(`UPDATE ${table('authorization_grants')} SET sealed_tokens = $2 WHERE connection_id = $1`, [row.id, sealed]);
  }
  const states = await sql.query<{ hash: string; id: string; sealed: string }>(
    `SELECT state_hash AS hash, connection_id AS id, sealed_verifier AS sealed FROM ${table('authorization_states')}
     WHERE split_part(sealed_verifier, '.', 1) = 'pax8s1' AND split_part(sealed_verifier, '.', 2) <> $1 ORDER BY state_hash FOR UPDATE`,
    [codec.keyId],
  );
  for (const row of states.rows) {
    const context = authorizationStateCodecContext(row.id, row.hash);
    const sealed = await codec.seal(await codec.open(row.sealed, context), context);
    await sql.query(`UPDATE ${table('authorization_states')} SET sealed_verifier = $2 WHERE state_hash = $1`, [row.hash, sealed]);
  }
  return { connections: connections.rows.length, tokens: tokens.rows.length, grants: grants.rows.length, authorizationStates: states.rows.length };
}
