import { loadConnection } from '../connections/connection-functions';
import type { Pax8PageLike } from '../engine/client-port';
import { randomIds, systemClock } from '../engine/clock';
import { contentHash, toJsonObject } from '../engine/content-hash';
import { describeError } from '../engine/describe-error';
import { completeLogger } from '../engine/logger';
import { openClient } from '../engine/open-client';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncLeaseLostError } from '../errors/lease-lost-error';
import type { NewChangeEvent } from '../storage/changes';
import type { JsonObject } from '../storage/json';
import type { TransactionOptions } from '../storage/locks';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { SyncedRecordBase } from '../storage/records';
import type { RunCounts, SyncRun } from '../storage/runs';
import type { EntitySpec } from './entity-specs';
import { eventsFor, removedEvent } from './diff-record';
import { fetchPages } from './fetch-pages';
import type { PullScope } from './pull-scope';
import { checkpointJson, parseCheckpoint, type SyncCheckpoint } from './sync-checkpoint';
import type { SyncOptions, SyncPlan, SyncResult, SyncSkipped } from './sync-types';
import { validateSyncOptions } from './validate-sync-options';

const zero = (): RunCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 });
const BREAKER_FLAG = 'mass-deletion-breaker';
const DEFERRED_FLAG = 'removal-deferred';
const REMOVE_BATCH = 500;

interface PageWork<R extends SyncedRecordBase> {
  rows: R[];
  events: NewChangeEvent[];
  quarantined: QuarantinedRecord[];
  resolvedQuarantine: string[];
  seenIds: string[];
  counts: RunCounts;
  plan: SyncPlan;
}

/**
 * The one sync algorithm every entity uses: lease, resume, paged pull with one transaction per page
 * (rows + change events + quarantine + checkpoint, fenced by the lease), removal after a complete
 * pull behind the mass-deletion breaker, finish. @internal
 */
export async function runSync<R extends SyncedRecordBase>(
  spec: EntitySpec<R>,
  options: SyncOptions,
  resolveScope: (resume: SyncCheckpoint | undefined) => Promise<PullScope>,
  preflight?: () => Promise<SyncSkipped | undefined>,
): Promise<SyncResult> {
  validateEngineDeps(options);
  const { storage, connectionId } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const log = completeLogger(options.logger);
  const { pageSize, prefetch, lockTtlMs: ttlMs, massDeletionThreshold: threshold } = validateSyncOptions(options);
  const entity = spec.entity;
  const startedAt = clock.now();
  const connection = await loadConnection(storage, connectionId);
  const skipped = await preflight?.();
  if (skipped) return skipped;
  const secrets = new Set<string>();
  const dryRun = options.dryRun === true;

  const lockName = `sync:${entity}`;
  const holder = ids();
  const lease = dryRun ? null : await storage.locks.acquire({ connectionId, name: lockName, holder, ttlMs, now: startedAt });
  if (!dryRun && !lease) {
    const current = await storage.locks.get(connectionId, lockName);
    return { outcome: 'already-running', connectionId, entity, heldBy: current?.holder ?? 'unknown', leaseExpiresAt: current?.expiresAt ?? startedAt };
  }
  const fence: TransactionOptions = lease ? { fence: { connectionId, name: lockName, token: lease.token } } : {};
  // Adapters that can renew the lease as part of the fenced transaction save a round trip per page.
  const renewInTransaction = storage.capabilities.renewInTransaction === true;

  let resumeFrom: SyncRun | undefined;
  let resume: SyncCheckpoint | undefined;
  if (!dryRun) {
    const [last] = await storage.runs.list(connectionId, { entity, limit: 1 });
    if (last && (last.outcome === 'failed' || last.outcome === 'running')) {
      if (last.outcome === 'running') {
        // We hold the lease, so its holder died (lease expired): close the abandoned run.
        await storage.runs.finish({ runId: last.id, outcome: 'failed', finishedAt: startedAt, counts: last.counts, error: 'abandoned: its lease expired', flags: last.flags });
      }
      const checkpoint = parseCheckpoint(last.checkpoint);
      if (checkpoint && checkpoint.pageSize === pageSize) {
        resumeFrom = last;
        resume = checkpoint;
      } else await storage.runs.clearSeen(connectionId, last.pullId);
    }
  }

  const runId = dryRun ? null : ids();
  const pullId = resumeFrom?.pullId ?? runId ?? 'dry-run';
  const counts = zero();
  const plan: SyncPlan = { create: [], update: [], remove: [], quarantine: [] };
  const flags: string[] = [];
  const seenInMemory = new Set<string>();
  let pagesDone = 0;
  let pagesTotal = 0;
  if (runId) {
    await storage.runs.start({
      id: runId,
      connectionId,
      entity,
      pullId,
      resumedFromRunId: resumeFrom?.id ?? null,
      startedAt,
      finishedAt: null,
      outcome: 'running',
      checkpoint: resume ? checkpointJson(resume) : null,
      counts: zero(),
      error: null,
      flags: [],
    });
  }
  log.info({ connectionId, entity, runId, resumedFromRunId: resumeFrom?.id ?? null, dryRun }, 'pax8-sync: sync started');

  /** Renews the lease before a write transaction, or has that transaction renew it: returns the options to write with. */
  const renew = async (): Promise<TransactionOptions> => {
    if (!lease || !fence.fence) return fence;
    if (renewInTransaction) return { fence: { ...fence.fence, renew: { ttlMs, now: clock.now() } } };
    const renewed = await storage.locks.renew({ connectionId, name: lockName, token: lease.token, ttlMs, now: clock.now() });
    if (!renewed) throw new Pax8SyncLeaseLostError(lockName, lease.token);
    return fence;
  };

  try {
    const scope = await resolveScope(resume);
    const knownQuarantine = new Set((await storage.quarantine.list(connectionId, { entity })).map((q) => q.key));
    let checkpoint: SyncCheckpoint = resume ?? { version: 1, mode: scope.mode, pageSize, companyIds: scope.companyIds, listing: 0, nextPage: 0, phase: 'pulling', created: 0, listingTotal: null, unstable: false };

    if (checkpoint.phase === 'pulling') {
      const client = await openClient(options, connection, secrets, !dryRun);
      for (let listing = checkpoint.listing; listing < scope.listings.length; listing += 1) {
        const startPage = listing === checkpoint.listing ? checkpoint.nextPage : 0;
        let listingTotal = 0;
        for await (const { number: pageNumber, page } of fetchPages((p) => spec.list(client, p), { ...scope.listings[listing], size: pageSize }, startPage, prefetch)) {
          if (listingTotal === 0) pagesTotal += Math.max(0, page.page.totalPages - startPage);
          else if (page.page.totalPages > listingTotal) pagesTotal += page.page.totalPages - listingTotal;
          listingTotal = Math.max(listingTotal, page.page.totalPages);
          const now = clock.now();
          const last = pageNumber + 1 >= page.page.totalPages;
          // Offset paging: a record deleted on a page already read shifts a later one onto it, unseen.
          // A listing whose size changes mid-pull is therefore not trusted for removal.
          const baseline = checkpoint.listing === listing && checkpoint.listingTotal !== null ? checkpoint.listingTotal : page.page.totalElements;
          const unstable = checkpoint.unstable || page.page.totalElements !== baseline;
          let next: SyncCheckpoint = last
            ? { ...checkpoint, listing: listing + 1, nextPage: 0, listingTotal: null, unstable }
            : { ...checkpoint, listing, nextPage: pageNumber + 1, listingTotal: baseline, unstable };
          const work = prepare(page, pageNumber, scope, runId ?? 'dry-run', now);
          if (dryRun) {
            const done = await diff(spec.store(storage), work);
            for (const id of work.seenIds) seenInMemory.add(id);
            addCounts(counts, done.counts);
            mergePlan(plan, done.plan);
          } else {
            const fenced = await renew();
            const pageCounts = await storage.transaction(async (tx) => {
              const done = await diff(spec.store(tx), work);
              const total = addCounts({ ...counts }, done.counts);
              if (done.rows.length > 0) await spec.store(tx).upsertMany(done.rows);
              if (done.events.length > 0) await tx.changes.append(done.events);
              if (work.quarantined.length > 0) await tx.quarantine.putMany(work.quarantined);
              const resolved = done.resolvedQuarantine.filter((key) => knownQuarantine.has(key));
              if (resolved.length > 0) await tx.quarantine.deleteMany(connectionId, entity, resolved);
              const written = { ...next, created: next.created + done.counts.created };
              await tx.runs.checkpoint({ runId: runId as string, checkpoint: checkpointJson(written), counts: total, seenIds: work.seenIds });
              return { counts: done.counts, checkpoint: written };
            }, fenced);
            addCounts(counts, pageCounts.counts);
            next = pageCounts.checkpoint;
          }
          checkpoint = next;
          pagesDone += 1;
          options.onProgress?.({ connectionId, entity, runId, pagesDone, pagesTotal, counts: { ...counts } });
        }
      }
      checkpoint = { ...checkpoint, listing: scope.listings.length, nextPage: 0, phase: 'removing' };
    }

    // Removal, only now that the pull is complete.
    const store = spec.store(storage);
    const seen = dryRun ? seenInMemory : new Set(await storage.runs.listSeen(connectionId, pullId));
    const active = await store.listActiveIds(connectionId, scope.removal);
    const toRemove = active.filter((id) => !seen.has(id));
    // The share is of the rows that were active before this pull: rows it created (stored already
    // unless dry run) must not dilute it, or a swap of most rows for new ones would pass the breaker.
    const previouslyActive = Math.max(toRemove.length, active.length - (dryRun ? 0 : checkpoint.created));
    if (toRemove.length > 0 && checkpoint.unstable) {
      flags.push(DEFERRED_FLAG);
      log.info({ connectionId, entity, runId, wouldRemove: toRemove.length }, 'pax8-sync: a listing changed size during the pull; removal deferred to the next run');
    } else if (toRemove.length > 0 && toRemove.length > threshold * previouslyActive) {
      flags.push(BREAKER_FLAG);
      log.warn({ connectionId, entity, runId, wouldRemove: toRemove.length, active: previouslyActive, threshold }, 'pax8-sync: mass-deletion breaker tripped; nothing removed');
    } else if (dryRun) {
      plan.remove.push(...toRemove);
      counts.removed += toRemove.length;
    } else {
      for (let i = 0; i < toRemove.length; i += REMOVE_BATCH) {
        const batch = toRemove.slice(i, i + REMOVE_BATCH);
        const fenced = await renew();
        const now = clock.now();
        const removed = await storage.transaction(async (tx) => {
          const rows = (await spec.store(tx).getMany(connectionId, batch)).filter((row) => row.removedAt === null);
          const base = { connectionId, runId: runId as string, entity, at: now };
          await spec.store(tx).upsertMany(rows.map((row) => ({ ...row, removedAt: now, updatedAt: now, updatedRunId: runId as string })));
          await tx.changes.append(rows.map((row) => removedEvent({ ...base, entityId: row.id }, row)));
          await tx.runs.checkpoint({ runId: runId as string, checkpoint: checkpointJson(checkpoint), counts: { ...counts, removed: counts.removed + rows.length }, seenIds: [] });
          return rows.length;
        }, fenced);
        counts.removed += removed;
      }
    }

    const durationMs = clock.now() - startedAt;
    if (dryRun) return { outcome: 'dry-run', connectionId, entity, counts, plan, flags, pages: pagesDone, durationMs };
    const outcome = flags.includes(BREAKER_FLAG) ? 'flagged' : 'succeeded';
    const error = flags.includes(BREAKER_FLAG) ? `Mass-deletion breaker: ${toRemove.length} of ${previouslyActive} rows would be removed (threshold ${threshold * 100} %); nothing was removed.` : null;
    await storage.runs.finish({ runId: runId as string, outcome, finishedAt: clock.now(), counts, error, flags });
    await storage.runs.clearSeen(connectionId, pullId);
    log.info({ connectionId, entity, runId, outcome, ...counts, pages: pagesDone, durationMs }, 'pax8-sync: sync finished');
    return { outcome, connectionId, entity, runId: runId as string, resumedFromRunId: resumeFrom?.id ?? null, counts, pages: pagesDone, durationMs, flags, error };
  } catch (failure) {
    const error = describeError(failure, secrets);
    log.error({ connectionId, entity, runId, error, pages: pagesDone }, 'pax8-sync: sync failed');
    if (!runId) throw failure;
    // The run record itself may be gone (the connection was removed meanwhile): still answer with a typed result.
    await storage.runs.finish({ runId, outcome: 'failed', finishedAt: clock.now(), counts, error, flags }).catch((finishFailure: unknown) => {
      log.warn({ connectionId, entity, runId, error: describeError(finishFailure, secrets) }, 'pax8-sync: the failed run could not be recorded');
    });
    return { outcome: 'failed', connectionId, entity, runId, resumedFromRunId: resumeFrom?.id ?? null, counts, pages: pagesDone, durationMs: clock.now() - startedAt, flags, error };
  } finally {
    if (lease) await storage.locks.release({ connectionId, name: lockName, token: lease.token }).catch(() => false);
  }

  function prepare(page: Pax8PageLike, pageNumber: number, scope: PullScope, run: string, now: number) {
    const valid: { id: string; data: JsonObject; columns: Omit<R, keyof SyncedRecordBase> }[] = [];
    const quarantined: QuarantinedRecord[] = [];
    const seenIds: string[] = [];
    const quarantine = (key: string, record: unknown, reason: string, issues: readonly { path: string; message: string }[]) =>
      quarantined.push({ connectionId, entity, key, runId: run, reason, issues: issues.map((i) => ({ path: i.path, message: i.message })), record: toJsonObject({ record }).record ?? null, at: now });
    page.content.forEach((record, index) => {
      const data = toJsonObject(record);
      if (!scope.keep(data)) return;
      const id = typeof data.id === 'string' && data.id !== '' ? data.id : undefined;
      if (id === undefined) {
        quarantine(`page:${pageNumber}:index:${index}`, record, 'id: a record needs an id', [{ path: 'id', message: 'missing' }]);
        return;
      }
      seenIds.push(id);
      const columns = spec.columns(data);
      if (columns.ok) valid.push({ id, data, columns: columns.columns });
      else quarantine(id, record, columns.reason, columns.issues);
    });
    for (const rejected of page.rejected ?? []) {
      const data = typeof rejected.record === 'object' && rejected.record !== null ? toJsonObject(rejected.record) : {};
      if (typeof data.companyId === 'string' && !scope.keep(data)) continue;
      const id = typeof data.id === 'string' && data.id !== '' ? data.id : undefined;
      // An invalid record still exists in Pax8: mark it seen so it is not removed.
      if (id !== undefined) seenIds.push(id);
      quarantine(id ?? `page:${pageNumber}:index:${rejected.index}`, rejected.record, rejected.reason, rejected.issues);
    }
    return { valid, quarantined, seenIds, now, run };
  }

  async function diff(
    store: { getMany(connectionId: string, ids: readonly string[]): Promise<R[]> },
    work: ReturnType<typeof prepare>,
  ): Promise<PageWork<R>> {
    const stored = new Map((await store.getMany(connectionId, work.valid.map((v) => v.id))).map((row) => [row.id, row]));
    const result: PageWork<R> = { rows: [], events: [], quarantined: work.quarantined, resolvedQuarantine: [], seenIds: work.seenIds, counts: zero(), plan: { create: [], update: [], remove: [], quarantine: work.quarantined.map((q) => q.key) } };
    result.counts.quarantined = work.quarantined.length;
    const written = new Map<string, R>();
    for (const { id, data, columns } of work.valid) {
      result.resolvedQuarantine.push(id);
      const previous = written.get(id) ?? stored.get(id);
      const hash = contentHash({ data, ...(columns as JsonObject) });
      if (previous && previous.removedAt === null && previous.hash === hash) {
        result.counts.unchanged += 1;
        continue;
      }
      const row = {
        ...columns,
        connectionId,
        id,
        hash,
        data,
        createdRunId: previous?.createdRunId ?? work.run,
        updatedRunId: work.run,
        createdAt: previous?.createdAt ?? work.now,
        updatedAt: work.now,
        removedAt: null,
      } as R;
      const isNew = !previous || previous.removedAt !== null;
      if (isNew) {
        result.counts.created += 1;
        result.plan.create.push(id);
      } else {
        result.counts.updated += 1;
        result.plan.update.push(id);
      }
      result.events.push(...eventsFor({ connectionId, runId: work.run, entity, entityId: id, at: work.now }, previous, row));
      written.set(id, row);
    }
    result.rows = [...written.values()];
    return result;
  }
}

function addCounts(into: RunCounts, more: RunCounts): RunCounts {
  into.created += more.created;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.removed += more.removed;
  into.quarantined += more.quarantined;
  return into;
}

function mergePlan(into: SyncPlan, more: SyncPlan): void {
  into.create.push(...more.create);
  into.update.push(...more.update);
  into.quarantine.push(...more.quarantine);
}
