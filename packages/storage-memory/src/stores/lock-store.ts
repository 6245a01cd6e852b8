import type { LockStore } from '@pax8-sync/core';
import { copy, innerMap, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/** Lease locks over the memory state; tokens grow per (connection, name) and never repeat. */
export function createLockStore(state: MemoryState, run: Runner): LockStore {
  return {
    acquire: ({ connectionId, name, holder, ttlMs, now }) =>
      run((ctx) => {
        const locks = innerMap(state.locks, connectionId);
        const current = locks.get(name);
        if (current?.lease && current.lease.expiresAt > now) return null;
        const token = (current?.lastToken ?? 0) + 1;
        const lease = { connectionId, name, holder, token, expiresAt: now + ttlMs };
        setIn(ctx, locks, name, { lease, lastToken: token });
        return copy(lease);
      }),
    renew: ({ connectionId, name, token, ttlMs, now }) =>
      run((ctx) => {
        const locks = innerMap(state.locks, connectionId);
        const current = locks.get(name);
        if (!current?.lease || current.lease.token !== token) return null;
        const lease = { ...current.lease, expiresAt: now + ttlMs };
        setIn(ctx, locks, name, { lease, lastToken: current.lastToken });
        return copy(lease);
      }),
    release: ({ connectionId, name, token }) =>
      run((ctx) => {
        const locks = innerMap(state.locks, connectionId);
        const current = locks.get(name);
        if (!current?.lease || current.lease.token !== token) return false;
        setIn(ctx, locks, name, { lease: undefined, lastToken: current.lastToken });
        return true;
      }),
    get: (connectionId, name) => run(() => copy(state.locks.get(connectionId)?.get(name)?.lease)),
  };
}
