import { type ChangeStore, compareCursors } from '@pax8-sync/core';
import { copy } from '../journal';
import type { MemoryState } from '../memory-state';
import type { Runner } from './runner';

/** The change feed over the memory state; cursors come from the state's sequence. */
export function createChangeStore(state: MemoryState, run: Runner): ChangeStore {
  return {
    append: (events) =>
      run((ctx) => {
        for (const event of events) {
          let feed = state.changes.get(event.connectionId);
          if (!feed) {
            feed = [];
            state.changes.set(event.connectionId, feed);
          }
          state.seq += 1;
          feed.push({ ...copy(event), cursor: String(state.seq) });
          const list = feed;
          if (ctx.journal) ctx.journal.undo.push(() => list.pop());
        }
      }),
    list: (connectionId, options = {}) =>
      run(() => {
        const feed = state.changes.get(connectionId) ?? [];
        const after = options.after ?? null;
        const limit = options.limit ?? 100;
        let start = 0;
        if (after !== null) {
          // The feed is in cursor order: binary search for the first event after `after`.
          let lo = 0;
          let hi = feed.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (compareCursors(feed[mid]!.cursor, after) <= 0) lo = mid + 1;
            else hi = mid;
          }
          start = lo;
        }
        const events = feed.slice(start, start + limit).map(copy);
        return { events, nextCursor: events.at(-1)?.cursor ?? after };
      }),
  };
}
