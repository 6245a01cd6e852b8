import { isDeepStrictEqual } from 'node:util';
import { type CompanyRecord, pax8SyncEntities, type RecordStore, type SyncedRecordBase } from '@pax8-sync/core';
import { recordRow, runRow, subscriptionRow } from './fixtures';
import type { SuiteContext } from './suite-context';

type RecordEntity = 'companies' | 'products' | 'subscriptions';

/** Companies, products and subscriptions: batch upsert, batch get, keyset listing, counting. */
export function recordsSuite({ it, describe, check, storage, options }: SuiteContext): void {
  // The three record entities (billing rows have their own suite).
  for (const entity of pax8SyncEntities as readonly RecordEntity[]) {
    const store = () => storage()[entity] as unknown as RecordStore<SyncedRecordBase>;
    const row = (conn: string, id: string, n = 1) => recordRow(entity, conn, id, n) as SyncedRecordBase;

    describe(entity, () => {
      it('upsertMany then getMany returns exactly the rows; missing ids absent, duplicates once', async () => {
        const rows = ['r-1', 'r-2', 'r-3'].map((id) => row('conn-a', id));
        await store().upsertMany(rows);
        await store().upsertMany([]);
        const got = await store().getMany('conn-a', ['r-3', 'r-1', 'r-1', 'r-missing']);
        check.equal(sortById(got), [rows[0], rows[2]], 'found rows equal what was written');
        check.equal(await store().getMany('conn-other', ['r-1']), [], 'other connection sees nothing');
      });

      it('upsertMany replaces whole rows, including marking them removed and back', async () => {
        await store().upsertMany([row('conn-a', 'r-1', 1)]);
        const removed = { ...row('conn-a', 'r-1', 2), removedAt: 4_000 };
        await store().upsertMany([removed]);
        check.equal(await store().getMany('conn-a', ['r-1']), [removed], 'replaced');
        check.equal(await store().count('conn-a'), 0, 'removed rows are not counted by default');
        check.equal(await store().count('conn-a', { includeRemoved: true }), 1, 'counted with includeRemoved');
        const back = row('conn-a', 'r-1', 3);
        await store().upsertMany([back]);
        check.equal(await store().getMany('conn-a', ['r-1']), [back], 'restored');
      });

      it('list is ordered by id, paginates with after/limit, hides removed rows unless asked', async () => {
        const ids = ['b', 'a', 'd', 'c', 'e'];
        await store().upsertMany(ids.map((id) => ({ ...row('conn-a', id), removedAt: id === 'c' ? 1 : null })));
        await store().upsertMany([row('conn-b', 'a0')]);
        check.equal((await store().list('conn-a')).items.map((r) => r.id), ['a', 'b', 'd', 'e'], 'active rows in id order');
        check.equal((await store().list('conn-a', { includeRemoved: true })).items.map((r) => r.id), ['a', 'b', 'c', 'd', 'e'], 'with removed');
        check.equal((await store().list('conn-a', { after: 'b', limit: 2, includeRemoved: true })).items.map((r) => r.id), ['c', 'd'], 'keyset page');
        check.equal((await store().listActiveIds('conn-a')), ['a', 'b', 'd', 'e'], 'active ids in order');
        check.equal(await store().count('conn-b'), 1, 'per connection');
      });

      it('list never stops silently: pages carry nextCursor until the last row, and walking them yields every row once', async () => {
        const id = (i: number) => `p-${String(i).padStart(4, '0')}`;
        const total = 1_001;
        await store().upsertMany(Array.from({ length: total }, (_, i) => ({ ...row('conn-a', id(i)), removedAt: i % 100 === 7 ? 9 : null })));
        const first = await store().list('conn-a', { includeRemoved: true });
        check.equal(first.items.length, 1_000, 'the default page holds 1,000 rows');
        check.equal(first.nextCursor, id(999), 'and says more follow: nextCursor is its last id');
        const second = await store().list('conn-a', { includeRemoved: true, after: first.nextCursor ?? undefined });
        check.equal({ ids: second.items.map((r) => r.id), nextCursor: second.nextCursor }, { ids: [id(1_000)], nextCursor: null }, 'the last page ends the listing with nextCursor null');
        const walked: string[] = [];
        let after: string | undefined;
        let pages = 0;
        for (;;) {
          const page = await store().list('conn-a', { limit: 97, ...(after === undefined ? {} : { after }) });
          walked.push(...page.items.map((r) => r.id));
          pages += 1;
          check.ok(page.items.length <= 97, 'a page holds at most limit rows');
          if (page.nextCursor === null) break;
          check.equal(page.nextCursor, page.items.at(-1)?.id, 'nextCursor is the last id of its page');
          after = page.nextCursor;
        }
        const active = Array.from({ length: total }, (_, i) => i).filter((i) => i % 100 !== 7).map(id);
        check.equal(walked, active, 'pages of 97 walk every active row once, in order');
        check.equal(pages, Math.ceil(active.length / 97), 'and stop right after the last row');
        const exact = await store().list('conn-a', { limit: active.length });
        check.equal({ n: exact.items.length, nextCursor: exact.nextCursor }, { n: active.length, nextCursor: null }, 'a page that holds exactly the rest ends the listing too');
        check.equal(await store().list('conn-empty'), { items: [], nextCursor: null }, 'an empty listing is one empty page');
      });

      it('upsertMany with the same id twice in one batch keeps the last one, as one row', async () => {
        await store().upsertMany([row('conn-a', 'r-1', 1), row('conn-a', 'r-2', 1), row('conn-a', 'r-1', 2)]);
        check.equal(await store().getMany('conn-a', ['r-1']), [row('conn-a', 'r-1', 2)], 'the last row of the batch wins');
        await storage().transaction(async (tx) => (tx[entity] as unknown as RecordStore<SyncedRecordBase>).upsertMany([row('conn-a', 'r-2', 3), row('conn-a', 'r-2', 4)]));
        check.equal(await store().getMany('conn-a', ['r-2']), [row('conn-a', 'r-2', 4)], 'also inside a transaction');
        check.equal(await store().count('conn-a'), 2, 'one row per id');
        check.equal((await store().list('conn-a')).items.map((r) => r.id), ['r-1', 'r-2'], 'listed once');
      });

      it('concurrent overlapping batches written in different orders: no deadlock, every row once, each one writer\'s whole row', async () => {
        const id = (i: number) => `r-${String(i).padStart(2, '0')}`;
        const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
        const orders = [
          range(0, 40),
          range(20, 60).reverse(),
          [...range(10, 50).filter((i) => i % 2 === 1), ...range(10, 50).filter((i) => i % 2 === 0).reverse()],
          range(0, 60).reverse(),
        ];
        const batches = orders.map((ids, w) => ids.map((i) => row('conn-a', id(i), w + 1)));
        await Promise.all(batches.map((batch) => storage().transaction(async (tx) => (tx[entity] as unknown as RecordStore<SyncedRecordBase>).upsertMany(batch))));
        await Promise.all(batches.map((batch) => store().upsertMany([...batch].reverse())));
        check.equal(await store().count('conn-a'), 60, 'every id stored once');
        const stored = (await store().list('conn-a', { limit: 1000 })).items;
        check.equal(stored.map((r) => r.id), range(0, 60).map(id), 'each id listed once, in order');
        const whole = stored.every((r) => batches.some((batch) => batch.some((w) => isDeepStrictEqual(w, r))));
        check.ok(whole, 'each stored row equals (deeply, whatever its key order) the whole row of one writer');
      });

      it('ids order by Unicode code point (UTF-8 byte order, like COLLATE "C"), not by locale or UTF-16 code unit', async () => {
        // Code-point order: an astral character (U+1F600) sorts after U+FF5E, though its UTF-16 code unit is smaller.
        const expected = ['B', 'a', 'a b', 'ab', 'b', 'z', '~', '\u00c4', '\u00e9', '\u03a9', '\u4e2d', '\uff5e', '\u{1f600}', '\u{1f600}x'];
        const shuffled = [...expected.filter((_, i) => i % 3 === 2), ...expected.filter((_, i) => i % 3 === 0).reverse(), ...expected.filter((_, i) => i % 3 === 1)];
        await store().upsertMany(shuffled.map((id) => row('conn-a', id)));
        check.equal((await store().list('conn-a')).items.map((r) => r.id), expected, 'list in code-point order');
        check.equal(await store().listActiveIds('conn-a'), expected, 'listActiveIds in code-point order');
        check.equal((await store().list('conn-a', { after: '~', limit: 3 })).items.map((r) => r.id), ['\u00c4', '\u00e9', '\u03a9'], 'keyset page after an ASCII id');
        check.equal((await store().list('conn-a', { after: '\uff5e' })).items.map((r) => r.id), ['\u{1f600}', '\u{1f600}x'], 'keyset page after U+FF5E holds the astral ids');
        check.equal((await store().list('conn-a', { after: '\u{1f600}' })).items.map((r) => r.id), ['\u{1f600}x'], 'keyset page after an astral id');
      });

      it('concurrent writers: parallel batches of different rows all land', async () => {
        const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 25 }, (_, i) => row('conn-a', `r-${b}-${String(i).padStart(2, '0')}`)));
        await Promise.all(batches.map((batch) => store().upsertMany(batch)));
        await Promise.all(batches.map((batch) => storage().transaction(async (tx) => (tx[entity] as unknown as RecordStore<SyncedRecordBase>).upsertMany(batch.map((r) => ({ ...r, hash: `${r.hash}-tx` }))))));
        check.equal(await store().count('conn-a'), 200, 'every row stored once');
        const all = (await store().list('conn-a', { limit: 1000 })).items;
        check.ok(all.every((r) => r.hash.endsWith('-tx')), 'the later transactional writes replaced every row');
      });
    });
  }

  it('subscriptions: list and listActiveIds filter by companyIds', async () => {
    const s = storage();
    await s.subscriptions.upsertMany([
      subscriptionRow('conn-a', 's-1', 'c-1'),
      subscriptionRow('conn-a', 's-2', 'c-2'),
      subscriptionRow('conn-a', 's-3', 'c-1'),
      { ...subscriptionRow('conn-a', 's-4', 'c-1'), removedAt: 5 },
    ]);
    check.equal((await s.subscriptions.list('conn-a', { companyIds: ['c-1'] })).items.map((r) => r.id), ['s-1', 's-3'], 'list by company');
    check.equal(await s.subscriptions.listActiveIds('conn-a', { companyIds: ['c-2', 'c-9'] }), ['s-2'], 'active ids by company');
    check.equal(await s.subscriptions.listActiveIds('conn-a', { companyIds: [] }), [], 'no companies, no ids');
  });

  it('removal candidates: count({ notSeenBy }) and listUnseen give the active rows a pull did not see, as a set difference in storage', async () => {
    const s = storage();
    const zero = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };
    const id = (i: number) => `s-${String(i).padStart(3, '0')}`;
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...subscriptionRow('conn-a', id(i), i % 3 === 0 ? 'c-1' : 'c-2'), removedAt: i === 29 ? 5 : null }));
    await s.subscriptions.upsertMany(rows);
    await s.subscriptions.upsertMany([subscriptionRow('conn-b', id(1), 'c-1')]);
    await s.runs.start(runRow('conn-a', 'pull-1'));
    // Seen: every even id (and one id that is not stored, and one twice); in two pages.
    await s.runs.checkpoint({ runId: 'pull-1', checkpoint: { p: 0 }, counts: zero, seenIds: [id(0), id(2), id(4), 'not-stored', id(2)], page: 0 });
    await s.runs.checkpoint({ runId: 'pull-1', checkpoint: { p: 1 }, counts: zero, seenIds: Array.from({ length: 13 }, (_, k) => id(6 + 2 * k)), page: 1 });
    await s.runs.start(runRow('conn-a', 'pull-other', { entity: 'companies', startedAt: 9_000 }));
    await s.runs.checkpoint({ runId: 'pull-other', checkpoint: {}, counts: zero, seenIds: [id(1), id(3)], page: 0 });
    const odd = Array.from({ length: 14 }, (_, k) => id(1 + 2 * k)); // 29 is removed, so not a candidate
    check.equal(await s.subscriptions.count('conn-a', { notSeenBy: 'pull-1' }), odd.length, 'count of active rows the pull did not see');
    check.equal(await s.subscriptions.count('conn-a', { notSeenBy: 'pull-1', companyIds: ['c-1'] }), odd.filter((x) => Number(x.slice(2)) % 3 === 0).length, 'only of companyIds');
    check.equal(await s.subscriptions.count('conn-a', { companyIds: ['c-1'] }), rows.filter((r) => r.companyId === 'c-1' && r.removedAt === null).length, 'count by companyIds');
    check.equal(await s.subscriptions.count('conn-a', { notSeenBy: 'pull-unknown' }), 29, 'an unknown pull saw nothing');
    check.equal(await s.subscriptions.count('conn-b', { notSeenBy: 'pull-1' }), 1, 'another connection is not touched by the pull');
    const walked: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await s.subscriptions.listUnseen('conn-a', 'pull-1', { limit: 4, ...(after === undefined ? {} : { after }) });
      walked.push(...page.items.map((r) => r.id));
      check.ok(page.items.every((r) => r.removedAt === null), 'only active rows');
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    check.equal(walked, odd, 'listUnseen pages in id order through exactly the unseen active rows');
    check.equal((await s.subscriptions.listUnseen('conn-a', 'pull-1', { companyIds: ['c-2'] })).items.map((r) => r.id), odd.filter((x) => Number(x.slice(2)) % 3 !== 0), 'filtered by companyIds');
    check.equal((await s.subscriptions.listUnseen('conn-a', 'pull-1', { limit: 100 })).items[0], rows[1], 'whole rows, equal to what was written');
    check.equal(await s.companies.listUnseen('conn-a', 'pull-1'), { items: [], nextCursor: null }, 'an entity without rows has no candidates');
  });

  const raw = options.raw;
  if (raw) {
    it('raw read-back: rows written are in the database with their hash and data', async () => {
      const s = storage();
      const company: CompanyRecord = { ...(recordRow('companies', 'conn-raw', 'co-raw-1', 7) as CompanyRecord) };
      await s.companies.upsertMany([company]);
      const dump = JSON.stringify(await raw.rowsOfConnection(s, 'conn-raw'));
      check.ok(dump.includes('co-raw-1') && dump.includes(company.hash) && dump.includes('Company co-raw-1 v7'), 'row stored with id, hash and data');
    });
  }
}

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
