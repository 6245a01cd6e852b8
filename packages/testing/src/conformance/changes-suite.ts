import { compareCursors } from '@pax8-sync/core';
import { changeEvent } from './fixtures';
import type { SuiteContext } from './suite-context';

/** The change feed: append order, cursors, paging, concurrent appenders. */
export function changesSuite({ it, describe, check, storage }: SuiteContext): void {
  describe('changes', () => {
    it('append keeps order and assigns increasing digit cursors; list pages by cursor', async () => {
      const s = storage();
      const first = await s.changes.list('conn-a');
      check.equal(first, { events: [], nextCursor: null }, 'empty feed');
      await s.changes.append([changeEvent('conn-a', 's-1'), changeEvent('conn-a', 's-2', 'updated')]);
      await s.changes.append([changeEvent('conn-b', 's-9')]);
      await s.changes.append([changeEvent('conn-a', 's-3', 'removed')]);
      await s.changes.append([]);
      const all = await s.changes.list('conn-a');
      check.equal(all.events.map((e) => e.entityId), ['s-1', 's-2', 's-3'], 'per connection, in append order');
      check.ok(all.events.every((e) => /^\d+$/.test(e.cursor)), 'cursors are digit strings');
      for (let i = 1; i < all.events.length; i += 1) {
        check.ok(compareCursors(all.events[i - 1]!.cursor, all.events[i]!.cursor) < 0, 'cursors strictly increase');
      }
      const { cursor: _c, ...stored } = all.events[1]!;
      check.equal(stored, changeEvent('conn-a', 's-2', 'updated'), 'event stored as given');
      check.equal(all.nextCursor, all.events[2]!.cursor, 'nextCursor is the last cursor');
      const page1 = await s.changes.list('conn-a', { limit: 2 });
      check.equal(page1.events.map((e) => e.entityId), ['s-1', 's-2'], 'limit');
      const page2 = await s.changes.list('conn-a', { after: page1.nextCursor, limit: 2 });
      check.equal(page2.events.map((e) => e.entityId), ['s-3'], 'after');
      const page3 = await s.changes.list('conn-a', { after: page2.nextCursor });
      check.equal(page3, { events: [], nextCursor: page2.nextCursor }, 'end of feed keeps the cursor');
    });

    it('concurrent appenders: every event lands once with a distinct cursor', async () => {
      const s = storage();
      await Promise.all(
        Array.from({ length: 10 }, (_, w) =>
          s.transaction(async (tx) => {
            await tx.changes.append([changeEvent('conn-a', `w${w}-1`)]);
            await tx.changes.append([changeEvent('conn-a', `w${w}-2`)]);
          }),
        ),
      );
      const { events } = await s.changes.list('conn-a', { limit: 100 });
      check.equal(events.length, 20, 'all events');
      check.equal(new Set(events.map((e) => e.cursor)).size, 20, 'distinct cursors');
      for (let w = 0; w < 10; w += 1) {
        const a = events.findIndex((e) => e.entityId === `w${w}-1`);
        const b = events.findIndex((e) => e.entityId === `w${w}-2`);
        check.ok(a >= 0 && a < b, 'a transaction keeps its append order');
      }
    });

    it('a reader that has seen a cursor never later finds an event before it', async () => {
      const s = storage();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let appended: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => {
        appended = resolve;
      });
      const slow = s.transaction(async (tx) => {
        await tx.changes.append([changeEvent('conn-a', 'slow')]);
        appended();
        await gate;
      });
      await inside;
      const fast = s.changes.append([changeEvent('conn-a', 'fast')]);
      const seenEarly = s.changes.list('conn-a');
      release();
      await Promise.all([slow, fast]);
      const early = await seenEarly;
      const late = await s.changes.list('conn-a');
      const lastEarly = early.nextCursor;
      if (lastEarly !== null) {
        const newer = late.events.filter((e) => !early.events.some((x) => x.cursor === e.cursor));
        check.ok(newer.every((e) => compareCursors(e.cursor, lastEarly) > 0), 'events committed later sort after what was already read');
      }
      check.equal(late.events.map((e) => e.entityId).sort(), ['fast', 'slow'], 'both events stored');
    });
  });
}
