import type { MappingStore } from '@pax8-sync/core';
import { copy, deleteIn, innerMap, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import { cmp } from './connection-store';
import type { Runner } from './runner';

/** Mappings over the memory state. */
export function createMappingStore(state: MemoryState, run: Runner): MappingStore {
  return {
    upsertMany: (mappings) =>
      run((ctx) => {
        for (const m of mappings) setIn(ctx, innerMap(state.mappings, m.connectionId), m.pax8CompanyId, copy(m));
      }),
    get: (connectionId, pax8CompanyId) => run(() => copy(state.mappings.get(connectionId)?.get(pax8CompanyId))),
    list: (connectionId, options = {}) =>
      run(() =>
        [...(state.mappings.get(connectionId)?.values() ?? [])]
          .filter((m) => options.state === undefined || m.state === options.state)
          .sort((a, b) => cmp(a.pax8CompanyId, b.pax8CompanyId))
          .map(copy),
      ),
    deleteMany: (connectionId, ids) =>
      run((ctx) => {
        const byId = state.mappings.get(connectionId);
        if (byId) for (const id of ids) deleteIn(ctx, byId, id);
      }),
  };
}
