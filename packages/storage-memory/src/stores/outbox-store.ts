import { type OutboxStore, Pax8SyncError, type StoredWriteIntent } from '@pax8-sync/core';
import { copy, innerMap, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import { cmp } from './connection-store';
import type { Runner } from './runner';

/** `null` (as soon as approved) sorts before every time, then by time, then by id. */
function dueOrder(a: StoredWriteIntent, b: StoredWriteIntent): number {
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return -1;
    if (b.dueAt === null) return 1;
    return a.dueAt - b.dueAt;
  }
  return cmp(a.id, b.id);
}

/** The write-back outbox over the memory state (connection id → intent id → intent). */
export function createOutboxStore(state: MemoryState, run: Runner): OutboxStore {
  const of = (connectionId: string) => [...(state.outbox.get(connectionId)?.values() ?? [])];
  return {
    add: (intent) =>
      run((ctx) => {
        const byId = innerMap(state.outbox, intent.connectionId);
        if (byId.has(intent.id)) throw new Pax8SyncError('duplicate-intent', `A write intent with id ${intent.id} already exists; intent ids must be unique.`);
        setIn(ctx, byId, intent.id, { ...copy(intent), version: 1 });
      }),
    get: (connectionId, id) => run(() => copy(state.outbox.get(connectionId)?.get(id))),
    list: (connectionId, options = {}) =>
      run(() => {
        const states = options.states;
        const after = options.after;
        return of(connectionId)
          .filter((i) => (states === undefined || states.includes(i.state)) && (after === undefined || cmp(i.id, after) > 0))
          .sort((a, b) => cmp(a.id, b.id))
          .slice(0, options.limit ?? 100)
          .map(copy);
      }),
    listDue: (connectionId, now, limit = 100) =>
      run(() =>
        of(connectionId)
          .filter((i) => i.state === 'approved' && (i.dueAt === null || i.dueAt <= now))
          .sort(dueOrder)
          .slice(0, limit)
          .map(copy),
      ),
    update: (intent, expectedVersion) =>
      run((ctx) => {
        const byId = state.outbox.get(intent.connectionId);
        const current = byId?.get(intent.id);
        if (!byId || !current || current.version !== expectedVersion || intent.version !== expectedVersion + 1) return false;
        setIn(ctx, byId, intent.id, copy(intent));
        return true;
      }),
  };
}
