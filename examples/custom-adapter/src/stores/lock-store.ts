import { type LockLease, type LockStore, Pax8SyncLeaseLostError } from '@pax8-sync/core';
import type { SqliteDriver } from '../sqlite-driver';
import { num, type Runner } from './runner';

interface LockRow {
  connection_id: string;
  name: string;
  holder: string | null;
  token: number;
  expires_at: number;
}

function read(db: SqliteDriver, connectionId: string, name: string): LockRow | undefined {
  return db.all<LockRow>('SELECT * FROM locks WHERE connection_id = ? AND name = ?', [connectionId, name])[0];
}

const toLease = (r: LockRow): LockLease => ({ connectionId: r.connection_id, name: r.name, holder: r.holder ?? '', token: num(r.token), expiresAt: num(r.expires_at) });

/**
 * The fencing check of `transaction(fn, { fence })`: the token must still be the lock's current one
 * (not taken over, not released). Runs inside the transaction, so no takeover can slip in before commit.
 */
export function checkFence(db: SqliteDriver, fence: { connectionId: string; name: string; token: number }): void {
  const row = read(db, fence.connectionId, fence.name);
  if (!row || row.holder === null || num(row.token) !== fence.token) throw new Pax8SyncLeaseLostError(fence.name, fence.token);
}

/**
 * Lease locks. A released lock keeps its row (holder NULL) so the next token is still larger than
 * every token issued before: fencing tokens never repeat.
 */
export function createLockStore(run: Runner): LockStore {
  return {
    acquire: (input) =>
      run((db) => {
        const row = read(db, input.connectionId, input.name);
        if (row && row.holder !== null && num(row.expires_at) > input.now) return null;
        const lease: LockLease = { connectionId: input.connectionId, name: input.name, holder: input.holder, token: (row ? num(row.token) : 0) + 1, expiresAt: input.now + input.ttlMs };
        db.run('INSERT OR REPLACE INTO locks (connection_id, name, holder, token, expires_at) VALUES (?, ?, ?, ?, ?)', [lease.connectionId, lease.name, lease.holder, lease.token, lease.expiresAt]);
        return lease;
      }),
    renew: (input) =>
      run((db) => {
        const row = read(db, input.connectionId, input.name);
        if (!row || row.holder === null || num(row.token) !== input.token) return null;
        db.run('UPDATE locks SET expires_at = ? WHERE connection_id = ? AND name = ?', [input.now + input.ttlMs, input.connectionId, input.name]);
        return toLease({ ...row, expires_at: input.now + input.ttlMs });
      }),
    release: (input) =>
      run((db) => {
        const row = read(db, input.connectionId, input.name);
        if (!row || row.holder === null || num(row.token) !== input.token) return false;
        db.run('UPDATE locks SET holder = NULL WHERE connection_id = ? AND name = ?', [input.connectionId, input.name]);
        return true;
      }),
    get: (connectionId, name) =>
      run((db) => {
        const row = read(db, connectionId, name);
        return row && row.holder !== null ? toLease(row) : undefined;
      }),
  };
}
