import type { QuarantineStore } from '@pax8-sync/core';
import { copy, deleteIn, innerMap, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import { cmp } from './connection-store';
import type { Runner } from './runner';

/** Quarantine over the memory state. */
export function createQuarantineStore(state: MemoryState, run: Runner): QuarantineStore {
  return {
    putMany: (records) =>
      run((ctx) => {
        for (const r of records) setIn(ctx, innerMap(state.quarantine, r.connectionId), `${r.entity}\u0000${r.key}`, copy(r));
      }),
    list: (connectionId, options = {}) =>
      run(() =>
        [...(state.quarantine.get(connectionId)?.entries() ?? [])]
          .filter(([, r]) => options.entity === undefined || r.entity === options.entity)
          .sort(([a], [b]) => cmp(a, b))
          .map(([, r]) => copy(r)),
      ),
    deleteMany: (connectionId, entity, keys) =>
      run((ctx) => {
        const byKey = state.quarantine.get(connectionId);
        if (byKey) for (const key of keys) deleteIn(ctx, byKey, `${entity}\u0000${key}`);
      }),
  };
}
