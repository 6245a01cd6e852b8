import type { SyncedRecordBase } from '../storage/records';
import { type KnownRow, type PageWork, zeroCounts } from './diff-page';
import type { EntitySpec } from './entity-specs';
import { type PageMarks, recordFields, rowsDigest } from './page-marks';
import { type PreparedPage, usableId } from './prepare-page';
import type { PullScope } from './pull-scope';
import type { FetchedPage } from './stage-page';
import type { SyncRunContext } from './sync-run-context';

/** A page found unchanged: what it listed, nothing to write, and the mark its checkpoint keeps. @internal */
export interface UnchangedPage<R extends SyncedRecordBase> {
  prepared: PreparedPage<R>;
  work: PageWork<R>;
  mark: string;
}

/**
 * The page as it needs no diff, when it is exactly as a marked page of an earlier pull (`content`
 * is its content digest) and storage still holds its rows as that pull left them (by their hashes
 * alone). `undefined` when anything may differ: no such mark, a record the client rejected or
 * without a usable id, an id twice on the page, an id the page before writes now (`pending`) or in
 * quarantine, or a row changed, removed or missing in storage. @internal
 */
export async function unchangedPage<R extends SyncedRecordBase>(
  ctx: SyncRunContext<R>,
  spec: EntitySpec<R>,
  scope: PullScope,
  fetched: FetchedPage,
  marks: { content: string; marks: PageMarks },
  pending: (id: string) => KnownRow<R> | undefined,
): Promise<UnchangedPage<R> | undefined> {
  const expected = marks.marks.rowsOf(marks.content);
  const { page } = fetched;
  if (expected === undefined || (page.rejected?.length ?? 0) > 0) return undefined;
  const listed: string[] = [];
  const kept: string[] = [];
  for (const record of page.content) {
    const data = recordFields(record);
    const id = data && usableId(data);
    if (!data || id === undefined) return undefined;
    listed.push(id);
    if (scope.keep(data)) {
      if (pending(id) !== undefined || ctx.knownQuarantine.has(id)) return undefined;
      kept.push(id);
    }
  }
  if (new Set(listed).size !== listed.length) return undefined;
  const hashes = kept.length === 0 ? [] : await spec.store(ctx.storage).getHashes!(ctx.connectionId, kept);
  if (hashes.length !== kept.length || rowsDigest(hashes) !== expected) return undefined;
  return {
    prepared: { valid: [], quarantined: [], listedIds: listed, idless: 0, received: page.content.length },
    work: { rows: [], quarantined: [], validIds: [], counts: { ...zeroCounts(), unchanged: kept.length }, plan: { create: [], update: [], remove: [], quarantine: [] } },
    mark: `${marks.content}.${expected}`,
  };
}

/**
 * The mark a diffed page's checkpoint keeps (`<content>.<rows>`), when the page can be matched next
 * time: every record kept or left out by the scope, none quarantined, no id twice. @internal
 */
export function markOfDiffed<R extends SyncedRecordBase>(content: string, prepared: PreparedPage<R>, rejected: number): string | undefined {
  if (rejected > 0 || prepared.quarantined.length > 0 || prepared.idless > 0) return undefined;
  if (new Set(prepared.listedIds).size !== prepared.listedIds.length) return undefined;
  return `${content}.${rowsDigest(prepared.valid)}`;
}
