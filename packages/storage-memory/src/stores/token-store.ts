import type { TokenStore } from '@pax8-sync/core';
import { copy, deleteIn, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/** Tokens over the memory state. */
export function createTokenStore(state: MemoryState, run: Runner): TokenStore {
  return {
    get: (connectionId) => run(() => copy(state.tokens.get(connectionId))),
    set: (connectionId, token) => run((ctx) => setIn(ctx, state.tokens, connectionId, copy(token))),
    delete: (connectionId) => run((ctx) => deleteIn(ctx, state.tokens, connectionId)),
  };
}
