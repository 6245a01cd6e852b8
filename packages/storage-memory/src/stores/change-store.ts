import { type ChangeEvent, type ChangeStore, compareCursors, type FieldChange, type NewChangeEvent } from '@pax8-sync/core';
import { copy, type WriteContext } from '../journal';
import type { MemoryState } from '../memory-state';
import { copyShared } from '../reused-copy';
import type { Runner } from './runner';

/** What every stored event without changed fields holds (the store never mutates what it holds; reads copy it). */
const noFields: FieldChange[] = [];

/**
 * The store's copy of an event with its cursor, in one object of the contract's fields: `before` and
 * `after` shared with the rows the transaction just wrote when they are the same, unchanged objects
 * (see {@link copyShared}).
 */
function storedEvent(ctx: WriteContext, event: NewChangeEvent, cursor: string): ChangeEvent {
  return {
    connectionId: event.connectionId,
    runId: event.runId,
    entity: event.entity,
    entityId: event.entityId,
    kind: event.kind,
    at: event.at,
    fields: Array.isArray(event.fields) && event.fields.length === 0 ? noFields : copy(event.fields),
    detail: copy(event.detail),
    before: copyShared(ctx, event.before, false),
    after: copyShared(ctx, event.after, false),
    cursor,
  };
}

/** Appends the events to their feeds, noting in `touched` each feed it grows with its length before. */
function appendEvents(ctx: WriteContext, state: MemoryState, events: readonly NewChangeEvent[], touched: Map<ChangeEvent[], number>): void {
  for (const event of events) {
    let feed = state.changes.get(event.connectionId);
    if (!feed) {
      feed = [];
      state.changes.set(event.connectionId, feed);
    }
    const stored = storedEvent(ctx, event, String(state.seq + 1));
    state.seq += 1;
    if (!touched.has(feed)) touched.set(feed, feed.length);
    feed.push(stored);
  }
}

/** The change feed over the memory state; cursors come from the state's sequence. */
export function createChangeStore(state: MemoryState, run: Runner): ChangeStore {
  return {
    append: (events) =>
      run((ctx) => {
        const touched = new Map<ChangeEvent[], number>();
        // Undone newest first: by then every later append is gone, so each feed is cut back to where this one began
        // (registered first, so an append that throws half-way is taken back too).
        if (ctx.journal) ctx.journal.undo.push(() => {
            for (const [feed, length] of touched) feed.length = length;
          });
        appendEvents(ctx, state, events, touched);
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
