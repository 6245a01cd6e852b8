import type { TokenStore } from '@pax8-sync/core';
import { num, type StoreContext } from './store-context';

/** One sealed access token per connection. @internal */
export function createTokenStore({ run, table, text }: StoreContext): TokenStore {
  const t = table('tokens');
  return {
    get: (connectionId) =>
      run(async (sql) => {
        const { rows } = await sql.query<{ sealed_access_token: string; expires_at: unknown }>(
          `SELECT ${text('k.sealed_access_token')}, k.expires_at FROM ${t} k WHERE k.connection_id = $1`,
          [connectionId],
        );
        const row = rows[0];
        return row ? { sealedAccessToken: row.sealed_access_token, expiresAt: num(row.expires_at) } : undefined;
      }),
    set: (connectionId, token) =>
      run(async (sql) => {
        await sql.query(
          `INSERT INTO ${t} (connection_id, sealed_access_token, expires_at) VALUES ($1, $2, $3::bigint)
           ON CONFLICT (connection_id) DO UPDATE SET sealed_access_token = EXCLUDED.sealed_access_token, expires_at = EXCLUDED.expires_at`,
          [connectionId, token.sealedAccessToken, token.expiresAt],
        );
      }),
    delete: (connectionId) =>
      run(async (sql) => {
        await sql.query(`DELETE FROM ${t} WHERE connection_id = $1`, [connectionId]);
      }),
  };
}
