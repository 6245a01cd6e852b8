import type { Pax8PageLike } from '../engine/client-port';
import type { SyncedRecordBase } from '../storage/records';
import { type DiffTarget, diffPage, type KnownRow, type PageWork } from './diff-page';
import type { EntitySpec } from './entity-specs';
import { addPage, incompleteReason } from './listing-tally';
import { type PageMarks, pageContent } from './page-marks';
import { type PreparedPage, preparePage } from './prepare-page';
import type { PullScope } from './pull-scope';
import type { SyncCheckpoint } from './sync-checkpoint';
import type { SyncRunContext } from './sync-run-context';
import { markOfDiffed, unchangedPage } from './unchanged-page';

const MAX_REASONS = 5;

/** One listing page as fetched, and where it sits in its listing. @internal */
export interface FetchedPage {
  /** Index of the listing in the scope. */
  listing: number;
  /** Human words for the listing, for incompleteness reasons. */
  label: string;
  /** Page number asked for. */
  number: number;
  page: Pax8PageLike;
  /** Whether it is the listing's last page. */
  last: boolean;
}

/** A page sorted out and diffed, ready to commit, with the checkpoint after it (its `created` is added at commit). @internal */
export interface StagedPage<R extends SyncedRecordBase> {
  fetched: FetchedPage;
  prepared: PreparedPage<R>;
  work: PageWork<R>;
  next: SyncCheckpoint;
  now: number;
  /** The mark its checkpoint keeps (see `page-marks.ts`), when pages are marked and this one can be matched. */
  mark?: string;
  /** It matched a mark and was not diffed (see `unchangedPage`). */
  skipped?: true;
}

/**
 * Sorts a fetched page out, reads what storage holds of its ids and diffs it. `known` answers first
 * for ids written by pages not yet committed (the page before, while it commits, or a dry run's plan),
 * so a page can be staged while the one before it commits. Computes the checkpoint after the page
 * from `checkpoint`, the one after the page before. With `marks` enabled, a page exactly as a marked
 * page of an earlier pull, whose rows storage still holds alike, is not diffed (see `unchangedPage`). @internal
 */
export async function stagePage<R extends SyncedRecordBase>(
  ctx: SyncRunContext<R>,
  spec: EntitySpec<R>,
  scope: PullScope,
  checkpoint: SyncCheckpoint,
  fetched: FetchedPage,
  pending: (id: string) => KnownRow<R> | undefined,
  marks: PageMarks,
): Promise<StagedPage<R>> {
  const { page, number: pageNumber, last, listing } = fetched;
  const now = ctx.clock.now();
  // Offset paging: a record deleted on a page already read shifts a later one onto it, unseen.
  // A listing whose size changes mid-pull is therefore not trusted for removal.
  const baseline = checkpoint.listingTotal ?? page.page.totalElements;
  const unstable = checkpoint.unstable || page.page.totalElements !== baseline;
  const content = marks.enabled ? pageContent({ spec, scope, listing, pageSize: ctx.pageSize, number: pageNumber }, page) : undefined;
  const unchanged = content === undefined ? undefined : await unchangedPage(ctx, spec, scope, fetched, { content, marks }, pending);
  const prepared = unchanged?.prepared ?? preparePage(spec, page, { connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId, now, pageNumber, keep: scope.keep });
  const work = unchanged?.work ?? (await diffAgainstStorage(ctx, spec, prepared, pending, now));
  const mark = unchanged?.mark ?? (content === undefined ? undefined : markOfDiffed(content, prepared, page.rejected?.length ?? 0));
  const size = page.page.size > 0 && page.page.size <= ctx.pageSize ? page.page.size : ctx.pageSize;
  const tally = addPage(checkpoint.tally, { number: pageNumber, records: prepared.received, size, totalElements: page.page.totalElements, totalPages: page.page.totalPages, last });
  const reason = last ? incompleteReason(tally, fetched.label) : null;
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
  if (scope.keys) {
    const key = scope.keys[next.listing];
    if (key === undefined) delete next.listingKey;
    else next.listingKey = key;
  }
  next.idless = checkpoint.idless + prepared.idless;
  next.written = checkpoint.written + 1;
  return { fetched, prepared, work, next, now, ...(mark === undefined ? {} : { mark }), ...(unchanged ? { skipped: true as const } : {}) };
}

/** Diffs a prepared page against storage (read now) and `pending` (rows not committed yet). @internal */
export async function diffAgainstStorage<R extends SyncedRecordBase>(
  ctx: SyncRunContext<R>,
  spec: EntitySpec<R>,
  prepared: PreparedPage<R>,
  pending: (id: string) => KnownRow<R> | undefined,
  now: number,
): Promise<PageWork<R>> {
  const ids = prepared.valid.map((v) => v.id);
  const stored = new Map<string, KnownRow<R>>();
  for (const row of ids.length === 0 ? [] : await spec.store(ctx.storage).getMany(ctx.connectionId, ids)) stored.set(row.id, row);
  const target: DiffTarget = { connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId, now };
  return diffPage(prepared, (id) => pending(id) ?? stored.get(id), target);
}
