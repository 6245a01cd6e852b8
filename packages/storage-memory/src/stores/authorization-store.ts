import type { AuthorizationStore } from '@pax8-sync/core';
import { copy, deleteIn, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/** Started authorizations (by state hash) and grants (by connection) over the memory state. */
export function createAuthorizationStore(state: MemoryState, run: Runner): AuthorizationStore {
  return {
    saveState: (authorization) => run((ctx) => setIn(ctx, state.authorizationStates, authorization.stateHash, { state: copy(authorization), consumedAt: null })),
    consumeState: (stateHash, now) =>
      run((ctx) => {
        const entry = state.authorizationStates.get(stateHash);
        if (!entry) return { outcome: 'unknown' as const };
        if (entry.consumedAt !== null) return { outcome: 'already-consumed' as const, connectionId: entry.state.connectionId, consumedAt: entry.consumedAt };
        setIn(ctx, state.authorizationStates, stateHash, { state: entry.state, consumedAt: now });
        return { outcome: 'consumed' as const, state: copy(entry.state) };
      }),
    deleteStates: ({ expiredBefore }) =>
      run((ctx) => {
        let deleted = 0;
        for (const [hash, entry] of [...state.authorizationStates]) {
          if (entry.state.expiresAt >= expiredBefore) continue;
          deleteIn(ctx, state.authorizationStates, hash);
          deleted += 1;
        }
        return deleted;
      }),
    getGrant: (connectionId) => run(() => copy(state.grants.get(connectionId))),
    putGrant: (grant, expectedVersion) =>
      run((ctx) => {
        const current = state.grants.get(grant.connectionId);
        if ((current?.version ?? null) !== expectedVersion || grant.version !== (expectedVersion ?? 0) + 1) return false;
        setIn(ctx, state.grants, grant.connectionId, copy(grant));
        return true;
      }),
    deleteGrant: (connectionId) => run((ctx) => deleteIn(ctx, state.grants, connectionId)),
  };
}
