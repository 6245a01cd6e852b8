import type { AuthorizationGrantStatus, AuthorizationStore, StoredAuthorizationGrant, StoredAuthorizationState } from '@pax8-sync/core';
import { num, numOrNull, type StoreContext, selectList } from './store-context';

interface StateRow {
  state_hash: string;
  connection_id: string;
  sealed_verifier: string;
  redirect_uri: string;
  created_at: unknown;
  expires_at: unknown;
}

interface GrantRow {
  connection_id: string;
  status: AuthorizationGrantStatus;
  sealed_tokens: string | null;
  access_token_expires_at: unknown;
  reason: string | null;
  authorized_at: unknown;
  updated_at: unknown;
  version: unknown;
}

const stateColumns = ['state_hash', 'connection_id', 'sealed_verifier', 'redirect_uri', 'created_at', 'expires_at'];
const grantColumns = ['connection_id', 'status', 'sealed_tokens', 'access_token_expires_at', 'reason', 'authorized_at', 'updated_at', 'version'];

const toState = (r: StateRow): StoredAuthorizationState => ({
  stateHash: r.state_hash,
  connectionId: r.connection_id,
  sealedVerifier: r.sealed_verifier,
  redirectUri: r.redirect_uri,
  createdAt: num(r.created_at),
  expiresAt: num(r.expires_at),
});

const toGrant = (r: GrantRow): StoredAuthorizationGrant => ({
  connectionId: r.connection_id,
  status: r.status,
  sealedTokens: r.sealed_tokens,
  accessTokenExpiresAt: numOrNull(r.access_token_expires_at),
  reason: r.reason,
  authorizedAt: num(r.authorized_at),
  updatedAt: num(r.updated_at),
  version: num(r.version),
});

/** Started authorizations (single-use by one conditional UPDATE) and grants (compare-and-swap on version). @internal */
export function createAuthorizationStore(ctx: StoreContext): AuthorizationStore {
  const { run, table } = ctx;
  const states = table('authorization_states');
  const grants = table('authorization_grants');
  const stateSelect = selectList(ctx, stateColumns, ['state_hash', 'connection_id', 'sealed_verifier', 'redirect_uri']);
  const grantSelect = selectList(ctx, grantColumns, ['connection_id', 'status', 'sealed_tokens', 'reason']);
  return {
    saveState: (s) =>
      run(async (sql) => {
        await sql.query(
          `INSERT INTO ${states} (state_hash, connection_id, sealed_verifier, redirect_uri, created_at, expires_at) VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint)`,
          [s.stateHash, s.connectionId, s.sealedVerifier, s.redirectUri, s.createdAt, s.expiresAt],
        );
      }),
    consumeState: (stateHash, now) =>
      run(async (sql) => {
        // One statement marks it used: of concurrent callers only one sees consumed_at IS NULL.
        const { rows } = await sql.query<StateRow>(`UPDATE ${states} SET consumed_at = $2::bigint WHERE state_hash = $1 AND consumed_at IS NULL RETURNING ${stateSelect}`, [stateHash, now]);
        if (rows[0]) return { outcome: 'consumed' as const, state: toState(rows[0]) };
        const used = await sql.query<{ connection_id: string; consumed_at: unknown }>(`SELECT ${ctx.text('connection_id')}, consumed_at FROM ${states} WHERE state_hash = $1`, [stateHash]);
        const row = used.rows[0];
        return row ? { outcome: 'already-consumed' as const, connectionId: row.connection_id, consumedAt: num(row.consumed_at) } : { outcome: 'unknown' as const };
      }),
    deleteStates: ({ expiredBefore }) =>
      run(async (sql) => {
        const { rows } = await sql.query<{ n: unknown }>(`WITH d AS (DELETE FROM ${states} WHERE expires_at < $1::bigint RETURNING 1) SELECT count(*) AS n FROM d`, [expiredBefore]);
        return num(rows[0]?.n ?? 0);
      }),
    getGrant: (connectionId) =>
      run(async (sql) => {
        const { rows } = await sql.query<GrantRow>(`SELECT ${grantSelect} FROM ${grants} WHERE connection_id = $1`, [connectionId]);
        return rows[0] ? toGrant(rows[0]) : undefined;
      }),
    putGrant: (g, expectedVersion) =>
      run(async (sql) => {
        if (g.version !== (expectedVersion ?? 0) + 1) return false;
        const values = [g.connectionId, g.status, g.sealedTokens, g.accessTokenExpiresAt, g.reason, g.authorizedAt, g.updatedAt, g.version];
        const { rows } =
          expectedVersion === null
            ? await sql.query(
                `INSERT INTO ${grants} (${grantColumns.join(', ')}) VALUES ($1, $2, $3, $4::bigint, $5, $6::bigint, $7::bigint, $8::bigint)
                 ON CONFLICT (connection_id) DO NOTHING RETURNING 1 AS wrote`,
                values,
              )
            : await sql.query(
                `UPDATE ${grants} SET status = $2, sealed_tokens = $3, access_token_expires_at = $4::bigint, reason = $5, authorized_at = $6::bigint, updated_at = $7::bigint, version = $8::bigint
                 WHERE connection_id = $1 AND version = $9::bigint RETURNING 1 AS wrote`,
                [...values, expectedVersion],
              );
        return rows.length === 1;
      }),
    deleteGrant: (connectionId) =>
      run(async (sql) => {
        await sql.query(`DELETE FROM ${grants} WHERE connection_id = $1`, [connectionId]);
      }),
  };
}
