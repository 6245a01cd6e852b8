import type { AuthorizationGrantStatus, AuthorizationStore, StoredAuthorizationGrant, StoredAuthorizationState } from '@pax8-sync/core';
import { num, numOrNull, type Runner } from './runner';

interface StateRow {
  state_hash: string;
  connection_id: string;
  sealed_verifier: string;
  redirect_uri: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

interface GrantRow {
  connection_id: string;
  status: AuthorizationGrantStatus;
  sealed_tokens: string | null;
  access_token_expires_at: number | null;
  reason: string | null;
  authorized_at: number;
  updated_at: number;
  version: number;
}

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

/**
 * Delegated authorization: states (by hash, single-use) and grants (compare-and-swap on version).
 * Every operation is one statement or runs under the adapter's single writer, so it is atomic.
 */
export function createAuthorizationStore(run: Runner): AuthorizationStore {
  return {
    saveState: (s) =>
      run((db) => {
        db.run('INSERT INTO authorization_states (state_hash, connection_id, sealed_verifier, redirect_uri, created_at, expires_at, consumed_at) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
          s.stateHash,
          s.connectionId,
          s.sealedVerifier,
          s.redirectUri,
          s.createdAt,
          s.expiresAt,
        ]);
      }),
    consumeState: (stateHash, now) =>
      run((db) => {
        const [row] = db.all<StateRow>('SELECT * FROM authorization_states WHERE state_hash = ?', [stateHash]);
        if (!row) return { outcome: 'unknown' as const };
        if (row.consumed_at !== null) return { outcome: 'already-consumed' as const, connectionId: row.connection_id, consumedAt: num(row.consumed_at) };
        db.run('UPDATE authorization_states SET consumed_at = ? WHERE state_hash = ? AND consumed_at IS NULL', [now, stateHash]);
        return { outcome: 'consumed' as const, state: toState(row) };
      }),
    deleteStates: ({ expiredBefore }) => run((db) => db.run('DELETE FROM authorization_states WHERE expires_at < ?', [expiredBefore]).changes),
    getGrant: (connectionId) => run((db) => db.all<GrantRow>('SELECT * FROM authorization_grants WHERE connection_id = ?', [connectionId]).map(toGrant)[0]),
    putGrant: (g, expectedVersion) =>
      run((db) => {
        if (g.version !== (expectedVersion ?? 0) + 1) return false;
        const values = [g.status, g.sealedTokens, g.accessTokenExpiresAt, g.reason, g.authorizedAt, g.updatedAt, g.version];
        if (expectedVersion === null) {
          return (
            db.run(
              `INSERT INTO authorization_grants (status, sealed_tokens, access_token_expires_at, reason, authorized_at, updated_at, version, connection_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id) DO NOTHING`,
              [...values, g.connectionId],
            ).changes === 1
          );
        }
        return (
          db.run(
            `UPDATE authorization_grants SET status = ?, sealed_tokens = ?, access_token_expires_at = ?, reason = ?, authorized_at = ?, updated_at = ?, version = ?
             WHERE connection_id = ? AND version = ?`,
            [...values, g.connectionId, expectedVersion],
          ).changes === 1
        );
      }),
    deleteGrant: (connectionId) =>
      run((db) => {
        db.run('DELETE FROM authorization_grants WHERE connection_id = ?', [connectionId]);
      }),
  };
}
