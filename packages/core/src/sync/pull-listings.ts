import type { Pax8SyncClient } from '../engine/client-port';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { SyncedRecordBase } from '../storage/records';
import type { RunCounts } from '../storage/runs';
import type { KnownRow, PageWork } from './diff-page';
import type { EntitySpec } from './entity-specs';
import { fetchPages } from './fetch-pages';
import { loadPageMarks, noPageMarks } from './page-marks';
import type { PullScope } from './pull-scope';
import { type FetchedPage, type StagedPage, diffAgainstStorage, stagePage } from './stage-page';
import { checkpointJson, type SyncCheckpoint } from './sync-checkpoint';
import type { SyncRunContext } from './sync-run-context';
import { type RowWrite, writePage } from './write-page';

/** Adds `more` into `into`. @internal */
export function addCounts(into: RunCounts, more: RunCounts): RunCounts {
  into.created += more.created;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.removed += more.removed;
  into.quarantined += more.quarantined;
  return into;
}

/** What a refused row leaves in quarantine. */
function refusedQuarantine<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, now: number) {
  return (refused: RowWrite<R>, reason: string): QuarantinedRecord => ({
    connectionId: ctx.connectionId,
    entity: ctx.entity,
    key: refused.row.id,
    runId: ctx.runId,
    reason: `storage refused the row: ${reason}`,
    issues: [{ path: '(row)', message: reason }],
    record: refused.row.data,
    at: now,
  });
}

/** The counts of a page once storage refused some of its rows (they went to quarantine instead). */
function withoutRefused<R extends SyncedRecordBase>(work: PageWork<R>, refused: readonly RowWrite<R>[]): RunCounts {
  const counts = { ...work.counts };
  for (const r of refused) {
    if (r.events[0]?.kind === 'created') counts.created -= 1;
    else counts.updated -= 1;
    counts.quarantined += 1;
  }
  return counts;
}

/** Every page of the scope's listings from the checkpoint on, in order, with `prefetch` requests in flight. */
async function* listingPages<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope, start: SyncCheckpoint, client: Pax8SyncClient): AsyncGenerator<FetchedPage> {
  for (let listing = start.listing; listing < scope.listings.length; listing += 1) {
    const params = scope.listings[listing] ?? {};
    const label = scope.labels?.[listing] ?? (params.companyId === undefined ? `the ${ctx.entity} listing` : `the ${ctx.entity} listing of company ${params.companyId}`);
    const startPage = listing === start.listing ? start.nextPage : 0;
    let listingPages = 0;
    for await (const { number, page, last } of fetchPages((p) => spec.list(client, p), { ...params, size: ctx.pageSize }, startPage, ctx.prefetch)) {
      if (listingPages === 0) ctx.progress.total += Math.max(0, page.page.totalPages - startPage);
      else if (page.page.totalPages > listingPages) ctx.progress.total += page.page.totalPages - listingPages;
      listingPages = Math.max(listingPages, page.page.totalPages);
      yield { listing, label, number, page, last };
    }
  }
}

/** The pull so far: rows created (for the breaker), and the rows of pages not committed yet. */
interface PullState<R extends SyncedRecordBase> {
  created: number;
  /** Rows of the page committing now (or, in a dry run, of every page): they answer before storage in the next diff. */
  pending: Map<string, KnownRow<R>>;
}

/** Writes a staged page in one fenced transaction with its checkpoint, then counts it (a dry run only plans it). */
async function commitPage<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, state: PullState<R>, staged: StagedPage<R>): Promise<RowWrite<R>[]> {
  const { work, prepared, next, now } = staged;
  let pageCounts = work.counts;
  let refused: RowWrite<R>[] = [];
  if (ctx.dryRun) {
    for (const id of prepared.listedIds) ctx.seenInMemory.add(id);
    ctx.plan.create.push(...work.plan.create);
    ctx.plan.update.push(...work.plan.update);
    ctx.plan.quarantine.push(...work.plan.quarantine);
  } else {
    const resolved = work.validIds.filter((id) => ctx.knownQuarantine.has(id));
    ({ refused } = await writePage(
      { storage: ctx.storage, store: spec.store, connectionId: ctx.connectionId, entity: ctx.entity, lease: ctx.lease },
      {
        rows: work.rows,
        quarantined: work.quarantined,
        resolved,
        checkpoint: (refusedRows) => {
          const counts = withoutRefused(work, refusedRows);
          // A page with refused rows does not hold what its mark says: no mark, so it is diffed next time.
          const mark = staged.mark !== undefined && refusedRows.length === 0 ? { mark: staged.mark } : {};
          return { runId: ctx.runId, checkpoint: checkpointJson({ ...next, created: state.created + counts.created }), counts: addCounts({ ...ctx.counts }, counts), seenIds: prepared.listedIds, page: next.written - 1, ...mark };
        },
      },
      refusedQuarantine(ctx, now),
    ));
    pageCounts = withoutRefused(work, refused);
    for (const key of resolved) ctx.knownQuarantine.delete(key);
    for (const q of work.quarantined) ctx.knownQuarantine.add(q.key);
    if (refused.length > 0) ctx.log.warn({ connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId, refused: refused.map((r) => r.row.id) }, 'pax8-sync: storage refused rows of a page; they are quarantined and the rest of the page is stored');
  }
  addCounts(ctx.counts, pageCounts);
  if (!ctx.dryRun) state.created += pageCounts.created;
  ctx.progress.done += 1;
  ctx.options.onProgress?.({ connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.dryRun ? null : ctx.runId, pagesDone: ctx.progress.done, pagesTotal: ctx.progress.total, counts: { ...ctx.counts } });
  return refused;
}

/**
 * Pulls every listing of the scope from the checkpoint on: each page is sorted out, compared with
 * what storage holds and written in one fenced transaction with its checkpoint (rows, change
 * events, quarantine, the page's listed ids). What each listing delivered is tallied against what it
 * announced, so the removal step knows whether the pull is complete. Returns the checkpoint after
 * the last page.
 *
 * Pipelined: page N+1 is sorted out, read and diffed while page N commits (its rows answer first in
 * that diff); page N+1 commits only once page N did, so pages commit in order, each fenced. When
 * storage refused rows of page N that page N+1 also holds, page N+1 is diffed again. A failure of
 * either stops the pull once page N's commit settled: the checkpoint is that of the last committed page.
 * Pages exactly as a marked page of an earlier pull, with their rows unchanged in storage, are not
 * diffed (see `page-marks.ts`): their checkpoint is written with their ids and mark alone.
 * @internal
 */
export async function pullListings<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope, start: SyncCheckpoint, client: Pax8SyncClient): Promise<SyncCheckpoint> {
  const state: PullState<R> = { created: start.created, pending: new Map() };
  let checkpoint = start;
  let committing: Promise<RowWrite<R>[]> | undefined;
  const marks = await loadPageMarks(ctx, spec, scope);
  try {
    for await (const fetched of listingPages(ctx, spec, scope, start, client)) {
      const pending = state.pending;
      let staged = await stagePage(ctx, spec, scope, checkpoint, fetched, (id) => pending.get(id), marks);
      const refused = (await committing) ?? [];
      if (staged.skipped && staged.prepared.listedIds.some((id) => ctx.knownQuarantine.has(id))) {
        // The page before quarantined a record this page lists valid: diff it, so the entry is resolved as a full diff would.
        staged = await stagePage(ctx, spec, scope, checkpoint, fetched, () => undefined, noPageMarks);
      }
      if (refused.some((r) => staged.prepared.valid.some((v) => v.id === r.row.id))) {
        staged = { ...staged, work: await diffAgainstStorage(ctx, spec, staged.prepared, () => undefined, staged.now) };
      }
      checkpoint = staged.next;
      // A dry run writes nothing, so what it would write answers for every page after; otherwise only this page's rows, while it commits.
      if (!ctx.dryRun) state.pending = new Map();
      for (const { row } of staged.work.rows) state.pending.set(row.id, row);
      committing = commitPage(ctx, spec, state, staged);
      // Awaited before the next commit or on the way out; this only keeps a failure meanwhile from being "unhandled".
      committing.catch(() => undefined);
    }
  } catch (failure) {
    // The page before may still be committing: its outcome comes first, and the run ends only after it settled.
    await committing;
    throw failure;
  }
  await committing;
  return { ...checkpoint, created: state.created, listing: scope.listings.length, nextPage: 0, phase: 'removing' };
}
