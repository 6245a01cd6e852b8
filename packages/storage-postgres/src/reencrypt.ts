// The contexts the engine seals with: a sealed value only opens under the context it was sealed for.
import { type CredentialCodec, credentialsCodecContext as credentialsContext, tokenCodecContext as tokenContext } from '@pax8-sync/core';
import type { SqlExecutor } from './client';

/** Result of {@link PostgresStorage.reencrypt}. */
export interface ReencryptResult {
  /** Connections whose credentials were re-sealed with the current key. */
  connections: number;
  /** Tokens re-sealed with the current key. */
  tokens: number;
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
  return { connections: connections.rows.length, tokens: tokens.rows.length };
}
