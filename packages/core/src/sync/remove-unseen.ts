import pLimit from 'p-limit';
import type { Pax8SyncClient } from '../engine/client-port';
import type { SyncedRecordBase } from '../storage/records';
import { removedEvent } from './diff-record';
import type { EntitySpec } from './entity-specs';
import type { PullScope } from './pull-scope';
import { checkpointJson, type SyncCheckpoint } from './sync-checkpoint';
import type { SyncRunContext } from './sync-run-context';

const REMOVE_BATCH = 500;
/** At most this many records are looked up one by one per run before being marked removed; the rest wait for the next run. */
const CHECKS_PER_RUN = 2_000;
const rowsText = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** Flags a run can carry. @internal */
export const syncFlags = { breaker: 'mass-deletion-breaker', deferred: 'removal-deferred', incomplete: 'incomplete-listing' } as const;

/** How the removal step ended. @internal */
export interface RemovalOutcome {
  /** Why the run is flagged (no removal), or `null`. */
  error: string | null;
  flagged: boolean;
}

/** How the removal step ended, and the checkpoint positions its batches used (`written`: the next free one). @internal */
export interface RemovalResult extends RemovalOutcome {
  /** The position of the pull's next checkpoint: past every removal batch's, so a later checkpoint never reuses one. */
  written: number;
}

/** Why the pull did not receive every record its listings said they hold, or `[]` when it did. */
async function incompleteReasons<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, checkpoint: SyncCheckpoint): Promise<string[]> {
  const reasons = [...checkpoint.incomplete];
  if (checkpoint.idless > 0) reasons.push(`${checkpoint.idless} records came without an id storage can hold, so they cannot be matched to stored rows`);
  const unique = ctx.dryRun ? ctx.seenInMemory.size : await ctx.storage.runs.countSeen(ctx.connectionId, ctx.pullId);
  if (reasons.length === 0 && unique !== checkpoint.expected) {
    reasons.push(`the listings said they hold ${checkpoint.expected} records but their pages held ${unique} distinct ids${unique < checkpoint.expected ? ' (duplicates across pages, or records left out)' : ''}`);
  }
  return reasons;
}

/** The active rows in scope and those the pull did not see (dry run: streamed against the ids in memory). */
async function removalCandidates<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope): Promise<{ active: number; unseen: number; ids: string[] }> {
  const store = spec.store(ctx.storage);
  const filter = scope.removal;
  if (!ctx.dryRun) {
    const [active, unseen] = await Promise.all([store.count(ctx.connectionId, filter), store.count(ctx.connectionId, { ...filter, notSeenBy: ctx.pullId })]);
    return { active, unseen, ids: [] };
  }
  let active = 0;
  const ids: string[] = [];
  for (let after: string | undefined; ; ) {
    const page = await store.list(ctx.connectionId, { ...filter, ...(after === undefined ? {} : { after }) });
    active += page.items.length;
    for (const row of page.items) if (!ctx.seenInMemory.has(row.id)) ids.push(row.id);
    if (page.nextCursor === null) break;
    after = page.nextCursor;
  }
  return { active, unseen: ids.length, ids };
}

/**
 * After the pull: marks removed (soft) the active rows in scope that it did not see, only if it was
 * complete (every listing delivered what it announced, every id distinct and storable), the
 * listings held still, and the share stays under the mass-deletion breaker. Otherwise it removes
 * nothing and says why. Each candidate is then looked up by id: only a record Pax8 answers 404 for
 * is marked removed (offset paging can hide a record behind a deletion and an addition that leave
 * the totals as they were; such a record is found here and kept, and the run says removal was
 * deferred). Removal goes in batches, each a fenced transaction with its events and a checkpoint at
 * the pull's next position; the result says which position comes next. @internal
 */
export async function removeUnseen<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope, checkpoint: SyncCheckpoint, client: Pax8SyncClient): Promise<RemovalResult> {
  let written = checkpoint.written;
  const reasons = await incompleteReasons(ctx, checkpoint);
  const { active, unseen, ids } = await removalCandidates(ctx, spec, scope);
  // The share is of the rows that were active before this pull: rows it created (stored already
  // unless dry run) must not dilute it, or a swap of most rows for new ones would pass the breaker.
  const previouslyActive = Math.max(unseen, active - (ctx.dryRun ? 0 : checkpoint.created));
  const base = { connectionId: ctx.connectionId, entity: ctx.entity, runId: ctx.runId };
  if (reasons.length > 0) {
    ctx.flags.push(syncFlags.incomplete);
    ctx.log.warn({ ...base, wouldRemove: unseen, reasons }, 'pax8-sync: a listing was incomplete; nothing removed');
    return { written, flagged: true, error: `Incomplete listing: ${reasons.join('; ')}. Nothing was removed this run (${rowsText(unseen)} would have been); the next run checks again.` };
  }
  if (checkpoint.unstable) {
    // Offset paging under a listing that changed size: records may have shifted out of view, so
    // nothing is removed and a record may only be picked up by the next run. Said even when nothing
    // would have been removed.
    ctx.flags.push(syncFlags.deferred);
    ctx.log.info({ ...base, wouldRemove: unseen }, 'pax8-sync: a listing changed size during the pull; removal deferred to the next run');
    return { written, flagged: false, error: null };
  }
  if (!ctx.dryRun) await dropStaleQuarantine(ctx, scope);
  if (unseen === 0) return { written, flagged: false, error: null };
  if (unseen > ctx.threshold * previouslyActive) {
    ctx.flags.push(syncFlags.breaker);
    ctx.log.warn({ ...base, wouldRemove: unseen, active: previouslyActive, threshold: ctx.threshold }, 'pax8-sync: mass-deletion breaker tripped; nothing removed');
    return { written, flagged: true, error: `Mass-deletion breaker: ${unseen} of ${rowsText(previouslyActive)} would be removed (threshold ${ctx.threshold * 100} %); nothing was removed.` };
  }
  const checks = { left: CHECKS_PER_RUN, stillListed: 0, unchecked: false };
  const gone = async (rows: string[]): Promise<string[]> => {
    const checked = rows.slice(0, checks.left);
    checks.left -= checked.length;
    if (checked.length < rows.length) checks.unchecked = true;
    const limit = pLimit(ctx.prefetch);
    const present = await Promise.all(checked.map((id) => limit(() => spec.exists(client, id))));
    checks.stillListed += present.filter(Boolean).length;
    return checked.filter((_, i) => !present[i]);
  };
  if (ctx.dryRun) {
    const removable = await gone(ids);
    ctx.plan.remove.push(...removable);
    ctx.counts.removed += removable.length;
  } else written = await removeInBatches(ctx, spec, scope, checkpoint, gone, () => checks.left);
  if (checks.stillListed > 0 || checks.unchecked) {
    ctx.flags.push(syncFlags.deferred);
    ctx.log.info({ ...base, stillListed: checks.stillListed, unchecked: checks.unchecked }, 'pax8-sync: records missing from the listing are still in Pax8 (or were not looked up yet); they are kept until the next run');
  }
  return { written, flagged: false, error: null };
}

/**
 * After a complete, stable pull, the entity's quarantine holds exactly what this pull quarantined: an
 * entry of an earlier pull is of a record that is gone, valid now, or out of scope (its company
 * unmapped), or a record without an id that this pull did not meet again.
 */
async function dropStaleQuarantine<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, scope: PullScope): Promise<void> {
  const owns = scope.owns ?? (() => true);
  const stale = (await ctx.storage.quarantine.list(ctx.connectionId, { entity: ctx.entity })).filter((q) => !ctx.pullRunIds.has(q.runId) && owns(q)).map((q) => q.key);
  if (stale.length === 0) return;
  const options = await ctx.lease.options();
  await ctx.storage.transaction((tx) => tx.quarantine.deleteMany(ctx.connectionId, ctx.entity, stale), options);
  ctx.lease.committed(options);
}

async function removeInBatches<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope, start: SyncCheckpoint, gone: (ids: string[]) => Promise<string[]>, checksLeft: () => number): Promise<number> {
  let checkpoint = start;
  for (let after: string | undefined; ; ) {
    const page = await spec.store(ctx.storage).listUnseen(ctx.connectionId, ctx.pullId, { limit: REMOVE_BATCH, ...scope.removal, ...(after === undefined ? {} : { after }) });
    if (page.items.length === 0) return checkpoint.written;
    const confirmed = new Set(await gone(page.items.map((row) => row.id)));
    const removed = page.items.filter((row) => confirmed.has(row.id));
    const now = ctx.clock.now();
    const rows = removed.map((row) => ({ ...row, removedAt: now, updatedAt: now, updatedRunId: ctx.runId }));
    const events = removed.map((row) => removedEvent({ connectionId: ctx.connectionId, runId: ctx.runId, entity: ctx.entity, entityId: row.id, at: now }, row));
    const next = { ...checkpoint, written: checkpoint.written + 1 };
    if (rows.length > 0) {
      const options = await ctx.lease.options();
      await ctx.storage.transaction(async (tx) => {
        await spec.store(tx).upsertMany(rows);
        await tx.changes.append(events);
        await tx.runs.checkpoint({ runId: ctx.runId, checkpoint: checkpointJson(next), counts: { ...ctx.counts, removed: ctx.counts.removed + rows.length }, seenIds: [], page: checkpoint.written });
      }, options);
      ctx.lease.committed(options);
      ctx.counts.removed += rows.length;
      checkpoint = next;
    }
    if (page.nextCursor === null || checksLeft() <= 0) return checkpoint.written;
    after = page.nextCursor;
  }
}
