import type { PageMark, Pax8SyncEntity, Pax8SyncStores, RecordHash, RecordStore, RunCheckpointInput, RunStore, SyncedRecordBase } from '@pax8-sync/core';
import { connectionRow, recordRow, runRow } from './fixtures';
import type { SuiteContext } from './suite-context';

const zero = { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };
const hashed = ['companies', 'products', 'subscriptions'] as const;

/** A mark as the engine makes them (`<content digest>.<rows digest>`), distinct per `seed`. */
const markOf = (seed: string) => `${seed.padEnd(64, '0')}.${seed.padStart(64, 'f')}`;
/** A mark that must come back verbatim: a leading byte order mark, non-ASCII text, a quote. */
const oddMark = '\uFEFFmark "ü" 两.🙂';

/** `runs.pageMarks` of `stores`, failing clearly when the adapter declared `pageMarks` without it. */
function pageMarksOf(stores: Pax8SyncStores): NonNullable<RunStore['pageMarks']> {
  const read = stores.runs.pageMarks;
  if (typeof read !== 'function') throw new Error('runs.pageMarks is missing although capabilities.pageMarks is declared');
  return read.bind(stores.runs);
}

/** The marks of one entity in page order (the contract returns them in any order). */
async function marks(stores: Pax8SyncStores, connectionId: string, entity: Pax8SyncEntity): Promise<PageMark[]> {
  return [...(await pageMarksOf(stores)(connectionId, entity))].sort((a, b) => a.page - b.page);
}

/** `getHashes` of one record store, sorted by id (the contract returns them in any order). */
async function hashes(stores: Pax8SyncStores, entity: (typeof hashed)[number], connectionId: string, ids: readonly string[]): Promise<RecordHash[]> {
  const store = stores[entity];
  if (typeof store.getHashes !== 'function') throw new Error(`${entity}.getHashes is missing although capabilities.pageMarks is declared`);
  return [...(await store.getHashes(connectionId, ids))].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One page's checkpoint of `runId` at position `page`, with `mark` when given. */
function pageOf(runId: string, page: number, mark?: string): RunCheckpointInput {
  const input: RunCheckpointInput = { runId, checkpoint: { page }, counts: zero, seenIds: [`id-${runId}-${page}`], page };
  return mark === undefined ? input : { ...input, mark };
}

/** Page marks (`capabilities.pageMarks`): marks kept with a page's slot, `runs.pageMarks`, and `getHashes` on the record stores. */
export function pageMarksSuite(ctx: SuiteContext): void {
  ctx.describe('page marks (capability pageMarks)', () => {
    slotTests(ctx);
    lifetimeTests(ctx);
    hashTests(ctx);
  });
}

function slotTests({ it, check, storage }: SuiteContext): void {
  it('a mark written with a checkpoint is returned by pageMarks for that connection and entity only, verbatim', async () => {
    const s = storage();
    await s.runs.start(runRow('conn-a', 'run-s'));
    await s.runs.checkpoint(pageOf('run-s', 0, markOf('s0')));
    await s.runs.checkpoint(pageOf('run-s', 1, oddMark));
    await s.runs.checkpoint(pageOf('run-s', 2));
    check.equal(await marks(s, 'conn-a', 'subscriptions'), [{ page: 0, mark: markOf('s0') }, { page: 1, mark: oddMark }], 'one mark per marked position; the unmarked page is left out');
    check.equal(await marks(s, 'conn-a', 'companies'), [], 'another entity has none');
    check.equal(await marks(s, 'conn-b', 'subscriptions'), [], 'another connection has none');
    await s.runs.start(runRow('conn-a', 'run-c', { entity: 'companies' }));
    await s.runs.checkpoint(pageOf('run-c', 0, markOf('c0')));
    await s.runs.start(runRow('conn-b', 'run-b'));
    await s.runs.checkpoint(pageOf('run-b', 0, markOf('b0')));
    check.equal(await marks(s, 'conn-a', 'companies'), [{ page: 0, mark: markOf('c0') }], 'the companies pull has its own slot 0');
    check.equal(await marks(s, 'conn-b', 'subscriptions'), [{ page: 0, mark: markOf('b0') }], 'so has the other connection');
    check.equal(await marks(s, 'conn-a', 'subscriptions'), [{ page: 0, mark: markOf('s0') }, { page: 1, mark: oddMark }], 'and neither touched the subscriptions marks');
  });

  it('a later checkpoint of the same slot replaces its mark, one without a mark clears it, whichever run or pull writes it', async () => {
    const s = storage();
    await s.runs.start(runRow('conn-a', 'run-1'));
    for (const page of [0, 1, 2]) await s.runs.checkpoint(pageOf('run-1', page, markOf(`one-${page}`)));
    await s.runs.checkpoint(pageOf('run-1', 2, markOf('one-2-again')));
    check.equal((await marks(s, 'conn-a', 'subscriptions')).at(-1), { page: 2, mark: markOf('one-2-again') }, 'the same run checkpointing a slot again replaces its mark');
    await s.runs.start(runRow('conn-a', 'run-1b', { pullId: 'run-1', resumedFromRunId: 'run-1' }));
    await s.runs.checkpoint(pageOf('run-1b', 1));
    await s.runs.finish({ runId: 'run-1b', outcome: 'succeeded', finishedAt: 6_000, counts: zero, error: null, flags: [] });
    await s.runs.start(runRow('conn-a', 'run-2', { startedAt: 7_000 }));
    await s.runs.checkpoint(pageOf('run-2', 0, markOf('two-0')));
    check.equal(
      await marks(s, 'conn-a', 'subscriptions'),
      [{ page: 0, mark: markOf('two-0') }, { page: 2, mark: markOf('one-2-again') }],
      'a resumed run cleared slot 1 by checkpointing it without a mark; the next pull replaced slot 0 and left slot 2, which it has not reached',
    );
  });
}

function lifetimeTests({ it, check, storage, options }: SuiteContext): void {
  it('marks survive clearSeen of the pull that wrote them', async () => {
    const s = storage();
    await s.runs.start(runRow('conn-a', 'run-1'));
    await s.runs.checkpoint(pageOf('run-1', 0, markOf('a')));
    await s.runs.checkpoint(pageOf('run-1', 1, markOf('b')));
    await s.runs.finish({ runId: 'run-1', outcome: 'succeeded', finishedAt: 6_000, counts: zero, error: null, flags: [] });
    await s.runs.clearSeen('conn-a', 'run-1');
    check.equal(await marks(s, 'conn-a', 'subscriptions'), [{ page: 0, mark: markOf('a') }, { page: 1, mark: markOf('b') }], 'both marks are still there');
  });

  it('inside a transaction: marks written there are read there and commit; a rolled-back transaction leaves the previous marks', async () => {
    const s = storage();
    await s.runs.start(runRow('conn-a', 'run-1'));
    await s.runs.checkpoint(pageOf('run-1', 0, markOf('old-0')));
    await s.runs.checkpoint(pageOf('run-1', 1, markOf('old-1')));
    const before = await marks(s, 'conn-a', 'subscriptions');
    const failure = new Error('rolled back on purpose');
    const error = await check.rejects(
      s.transaction(async (tx) => {
        await tx.runs.checkpoint(pageOf('run-1', 0, markOf('new-0')));
        await tx.runs.checkpoint(pageOf('run-1', 1));
        await tx.runs.checkpoint(pageOf('run-1', 2, markOf('new-2')));
        check.equal(await marks(tx, 'conn-a', 'subscriptions'), [{ page: 0, mark: markOf('new-0') }, { page: 2, mark: markOf('new-2') }], 'the transaction reads its own marks');
        throw failure;
      }),
      'the transaction rejects',
    );
    check.ok(error === failure, 'with its own error');
    check.equal(await marks(s, 'conn-a', 'subscriptions'), before, 'the previous marks are back: replaced, cleared and added ones alike');
    await s.transaction(async (tx) => {
      await tx.runs.checkpoint(pageOf('run-1', 1, markOf('committed-1')));
    });
    check.equal(await marks(s, 'conn-a', 'subscriptions'), [{ page: 0, mark: markOf('old-0') }, { page: 1, mark: markOf('committed-1') }], 'a committed transaction keeps its mark');
  });

  it("purgeConnection removes the connection's page marks only", async () => {
    const s = storage();
    for (const conn of ['conn-a', 'conn-b']) {
      await s.connections.put(connectionRow(conn));
      await s.runs.start(runRow(conn, `run-${conn}`));
      await s.runs.checkpoint(pageOf(`run-${conn}`, 0, markOf(conn)));
      await s.runs.start(runRow(conn, `run-co-${conn}`, { entity: 'companies' }));
      await s.runs.checkpoint(pageOf(`run-co-${conn}`, 3, markOf(`co-${conn}`)));
    }
    await s.purgeConnection('conn-a');
    check.equal([await marks(s, 'conn-a', 'subscriptions'), await marks(s, 'conn-a', 'companies')], [[], []], 'no mark of the purged connection is left');
    check.equal([await marks(s, 'conn-b', 'subscriptions'), await marks(s, 'conn-b', 'companies')], [[{ page: 0, mark: markOf('conn-b') }], [{ page: 3, mark: markOf('co-conn-b') }]], 'the other connection keeps its marks');
    if (options.raw) check.equal(await options.raw.rowsOfConnection(s, 'conn-a'), [], 'no raw row left');
  });
}

function hashTests({ it, check, storage }: SuiteContext): void {
  for (const entity of hashed) {
    const store = (stores: Pax8SyncStores) => stores[entity] as unknown as RecordStore<SyncedRecordBase>;
    const row = (conn: string, id: string, n = 1) => recordRow(entity, conn, id, n) as SyncedRecordBase;

    it(`${entity}: getHashes gives the hashes of active rows only, each id once; removed rows, unknown ids and other connections are absent`, async () => {
      const s = storage();
      await store(s).upsertMany([row('conn-a', 'x-1', 3), row('conn-a', 'x-2'), { ...row('conn-a', 'x-3'), removedAt: 7_000 }]);
      await store(s).upsertMany([row('conn-b', 'x-4')]);
      check.equal(
        await hashes(s, entity, 'conn-a', ['x-2', 'x-1', 'x-3', 'x-1', 'missing', 'x-4']),
        [{ id: 'x-1', hash: row('conn-a', 'x-1', 3).hash }, { id: 'x-2', hash: row('conn-a', 'x-2').hash }],
        'the active rows asked for, once each',
      );
      check.equal(await hashes(s, entity, 'conn-a', []), [], 'no ids, no hashes');
      check.equal(await hashes(s, entity, 'conn-b', ['x-1', 'x-4']), [{ id: 'x-4', hash: row('conn-b', 'x-4').hash }], 'the other connection has its own rows only');
      await store(s).upsertMany([row('conn-a', 'x-1', 4), row('conn-a', 'x-3', 5)]);
      check.equal(
        await hashes(s, entity, 'conn-a', ['x-1', 'x-3']),
        [{ id: 'x-1', hash: row('conn-a', 'x-1', 4).hash }, { id: 'x-3', hash: row('conn-a', 'x-3', 5).hash }],
        'a rewritten row gives its new hash, a restored row is active again',
      );
    });

    it(`${entity}: getHashes inside a transaction reads the transaction's writes; after a rollback the stored hashes again`, async () => {
      const s = storage();
      await store(s).upsertMany([row('conn-a', 'h-1', 1)]);
      await check.rejects(
        s.transaction(async (tx) => {
          await store(tx).upsertMany([{ ...row('conn-a', 'h-1', 2), removedAt: 8_000 }, row('conn-a', 'h-2', 2)]);
          check.equal(await hashes(tx, entity, 'conn-a', ['h-1', 'h-2']), [{ id: 'h-2', hash: row('conn-a', 'h-2', 2).hash }], 'inside: the row removed there is absent, the one added there present');
          throw new Error('rolled back on purpose');
        }),
        'the transaction rejects',
      );
      check.equal(await hashes(s, entity, 'conn-a', ['h-1', 'h-2']), [{ id: 'h-1', hash: row('conn-a', 'h-1', 1).hash }], 'after the rollback: the stored row and its hash only');
    });
  }
}
