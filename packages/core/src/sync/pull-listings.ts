import type { Pax8SyncClient } from '../engine/client-port';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { SyncedRecordBase } from '../storage/records';
import type { RunCounts } from '../storage/runs';
import { type DiffTarget, diffPage, type KnownRow, type PageWork } from './diff-page';
import type { EntitySpec } from './entity-specs';
import { fetchPages } from './fetch-pages';
import { addPage, incompleteReason } from './listing-tally';
import { preparePage } from './prepare-page';
import type { PullScope } from './pull-scope';
import { checkpointJson, type SyncCheckpoint } from './sync-checkpoint';
import type { SyncRunContext } from './sync-run-context';
import { type RowWrite, writePage } from './write-page';

const MAX_REASONS = 5;

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

/**
 * Pulls every listing of the scope from the checkpoint on: each page is sorted out, compared with
 * what storage holds and written in one fenced transaction with its checkpoint (rows, change
 * events, quarantine, the page's listed ids). What each listing delivered is tallied against what it
 * announced, so the removal step knows whether the pull is complete. Returns the checkpoint after
 * the last page. @internal
 */
export async function pullListings<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope, start: SyncCheckpoint, client: Pax8SyncClient): Promise<SyncCheckpoint> {
  let checkpoint = start;
  // A dry run writes nothing, so what it would write is kept here for the pages after.
  const planned = new Map<string, KnownRow<R>>();
  for (let listing = checkpoint.listing; listing < scope.listings.length; listing += 1) {
    const params = scope.listings[listing] ?? {};
    const label = params.companyId === undefined ? `the ${ctx.entity} listing` : `the ${ctx.entity} listing of company ${params.companyId}`;
    const startPage = listing === checkpoint.listing ? checkpoint.nextPage : 0;
    let listingPages = 0;
    for await (const { number: pageNumber, page, last } of fetchPages((p) => spec.list(client, p), { ...params, size: ctx.pageSize }, startPage, ctx.prefetch)) {
      if (listingPages === 0) ctx.progress.total += Math.max(0, page.page.totalPages - startPage);
      else if (page.page.totalPages > listingPages) ctx.progress.total += page.page.totalPages - listingPages;
      listingPages = Math.max(listingPages, page.page.totalPages);
      const now = ctx.clock.now();
      // Offset paging: a record deleted on a page already read shifts a later one onto it, unseen.
      // A listing whose size changes mid-pull is therefore not trusted for removal.
      const baseline = checkpoint.listingTotal ?? page.page.totalElements;
      const unstable = checkpoint.unstable || page.page.totalElements !== baseline;
      const prepared = preparePage(spec, page, { connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId, now, pageNumber, keep: scope.keep });
      const stored = new Map((await spec.store(ctx.storage).getMany(ctx.connectionId, prepared.valid.map((v) => v.id))).map((row) => [row.id, row]));
      const target: DiffTarget = { connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId, now };
      const work = diffPage(prepared, (id) => planned.get(id) ?? stored.get(id), target);
      const size = page.page.size > 0 && page.page.size <= ctx.pageSize ? page.page.size : ctx.pageSize;
      const tally = addPage(checkpoint.tally, { number: pageNumber, records: prepared.received, size, totalElements: page.page.totalElements, totalPages: page.page.totalPages, last });
      const reason = last ? incompleteReason(tally, label) : null;
      const next: SyncCheckpoint = last
        ? {
            ...checkpoint,
            listing: listing + 1,
            nextPage: 0,
            listingTotal: null,
            unstable,
            tally: null,
            expected: checkpoint.expected + tally.total,
            // Past a few reasons the pull is incomplete all the same; the first ones say why.
            incomplete: reason && checkpoint.incomplete.length < MAX_REASONS ? [...checkpoint.incomplete, reason] : checkpoint.incomplete,
          }
        : { ...checkpoint, listing, nextPage: pageNumber + 1, listingTotal: baseline, unstable, tally };
      next.idless = checkpoint.idless + prepared.idless;
      next.written = checkpoint.written + 1;
      let pageCounts = work.counts;
      if (ctx.dryRun) {
        for (const id of prepared.listedIds) ctx.seenInMemory.add(id);
        for (const { row } of work.rows) planned.set(row.id, row);
        ctx.plan.create.push(...work.plan.create);
        ctx.plan.update.push(...work.plan.update);
        ctx.plan.quarantine.push(...work.plan.quarantine);
      } else {
        const resolved = work.validIds.filter((id) => ctx.knownQuarantine.has(id));
        const { refused } = await writePage(
          { storage: ctx.storage, store: spec.store, connectionId: ctx.connectionId, entity: ctx.entity, lease: ctx.lease },
          {
            rows: work.rows,
            quarantined: work.quarantined,
            resolved,
            checkpoint: (refusedRows) => {
              const counts = withoutRefused(work, refusedRows);
              return { runId: ctx.runId, checkpoint: checkpointJson({ ...next, created: next.created + counts.created }), counts: addCounts({ ...ctx.counts }, counts), seenIds: prepared.listedIds, page: checkpoint.written };
            },
          },
          refusedQuarantine(ctx, now),
        );
        pageCounts = withoutRefused(work, refused);
        for (const key of resolved) ctx.knownQuarantine.delete(key);
        for (const q of work.quarantined) ctx.knownQuarantine.add(q.key);
        if (refused.length > 0) ctx.log.warn({ connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId, refused: refused.map((r) => r.row.id) }, 'pax8-sync: storage refused rows of a page; they are quarantined and the rest of the page is stored');
      }
      addCounts(ctx.counts, pageCounts);
      checkpoint = { ...next, created: next.created + (ctx.dryRun ? 0 : pageCounts.created) };
      ctx.progress.done += 1;
      ctx.options.onProgress?.({ connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.dryRun ? null : ctx.runId, pagesDone: ctx.progress.done, pagesTotal: ctx.progress.total, counts: { ...ctx.counts } });
    }
  }
  return { ...checkpoint, listing: scope.listings.length, nextPage: 0, phase: 'removing' };
}
