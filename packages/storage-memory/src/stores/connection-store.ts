import type { ConnectionStore } from '@pax8-sync/core';
import { copy, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/** Connections over the memory state. */
export function createConnectionStore(state: MemoryState, run: Runner): ConnectionStore {
  return {
    put: (connection) => run((ctx) => setIn(ctx, state.connections, connection.id, copy(connection))),
    get: (id) => run(() => copy(state.connections.get(id))),
    list: () => run(() => [...state.connections.values()].sort((a, b) => cmp(a.id, b.id)).map(copy)),
  };
}

/** Code-unit string order. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
