import { Pax8SyncNotFoundError, type RunStore } from '@pax8-sync/core';
import { copy, deleteIn, innerMap, setIn } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/**
 * Runs, pull seen-sets and page marks over the memory state. A page's mark is kept by (connection,
 * entity, position), apart from the seen set: `clearSeen` leaves it, the next checkpoint of that
 * slot replaces or clears it.
 */
export function createRunStore(state: MemoryState, run: Runner): RunStore {
  const existing = (runId: string) => {
    const entry = state.runs.get(runId);
    if (!entry) throw new Pax8SyncNotFoundError('run', runId);
    return entry;
  };
  return {
    start: (input) =>
      run((ctx) => {
        if (state.runs.has(input.id)) throw new Error(`A run with id "${input.id}" already exists.`);
        state.seq += 1;
        setIn(ctx, state.runs, input.id, { run: copy(input), seq: state.seq });
      }),
    checkpoint: ({ runId, checkpoint, counts, seenIds, page, mark }) =>
      run((ctx) => {
        const entry = existing(runId);
        setIn(ctx, state.runs, runId, { ...entry, run: { ...entry.run, checkpoint: copy(checkpoint), counts: { ...counts } } });
        const pulls = innerMap(state.seen, entry.run.connectionId);
        let seen = pulls.get(entry.run.pullId);
        if (!seen) {
          seen = new Set();
          setIn(ctx, pulls, entry.run.pullId, seen);
        }
        const set = seen;
        const added = seenIds.filter((id) => !set.has(id));
        for (const id of added) set.add(id);
        if (ctx.journal && added.length > 0) ctx.journal.undo.push(() => {
            for (const id of added) set.delete(id);
          });
        const marks = innerMap(innerMap(state.pageMarks, entry.run.connectionId), entry.run.entity);
        if (mark === undefined) deleteIn(ctx, marks, page);
        else setIn(ctx, marks, page, mark);
      }),
    finish: ({ runId, outcome, finishedAt, counts, error, flags }) =>
      run((ctx) => {
        const entry = existing(runId);
        const finished = { ...entry.run, outcome, finishedAt, counts: { ...counts }, error, flags: [...flags] };
        setIn(ctx, state.runs, runId, { ...entry, run: finished });
      }),
    get: (runId) => run(() => copy(state.runs.get(runId)?.run)),
    list: (connectionId, options = {}) =>
      run(() =>
        [...state.runs.values()]
          .filter(({ run: r }) => r.connectionId === connectionId && (options.entity === undefined || r.entity === options.entity))
          .sort((a, b) => b.run.startedAt - a.run.startedAt || b.seq - a.seq)
          .slice(0, options.limit ?? 50)
          .map(({ run: r }) => copy(r)),
      ),
    countSeen: (connectionId, pullId) => run(() => state.seen.get(connectionId)?.get(pullId)?.size ?? 0),
    listSeen: (connectionId, pullId) => run(() => [...(state.seen.get(connectionId)?.get(pullId) ?? [])]),
    clearSeen: (connectionId, pullId) =>
      run((ctx) => {
        const pulls = state.seen.get(connectionId);
        const seen = pulls?.get(pullId);
        if (pulls && seen) {
          pulls.delete(pullId);
          if (ctx.journal) ctx.journal.undo.push(() => pulls.set(pullId, seen));
        }
      }),
    pageMarks: (connectionId, entity) =>
      run(() => [...(state.pageMarks.get(connectionId)?.get(entity) ?? [])].sort(([a], [b]) => a - b).map(([page, mark]) => ({ page, mark }))),
  };
}
