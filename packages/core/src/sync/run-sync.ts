import { delegatedAuth } from '../auth/authorization-store';
import { usableGrant } from '../auth/usable-grant';
import { loadConnection } from '../connections/connection-functions';
import { randomIds, systemClock } from '../engine/clock';
import { describeError } from '../engine/describe-error';
import type { Pax8SyncClient } from '../engine/client-port';
import { completeLogger } from '../engine/logger';
import { openClient } from '../engine/open-client';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncEntity } from '../storage/entity';
import type { LockLease } from '../storage/locks';
import type { SyncedRecordBase } from '../storage/records';
import type { SyncRun } from '../storage/runs';
import type { Pax8SyncStorage } from '../storage/storage';
import { zeroCounts } from './diff-page';
import type { EntitySpec } from './entity-specs';
import { pullListings } from './pull-listings';
import type { PullScope } from './pull-scope';
import { type RemovalOutcome, removeUnseen } from './remove-unseen';
import { checkpointJson, freshCheckpoint, parseCheckpoint, type SyncCheckpoint } from './sync-checkpoint';
import { leaseFence, type SyncRunContext } from './sync-run-context';
import type { SyncOptions, SyncResult, SyncSkipped } from './sync-types';
import { validateSyncOptions } from './validate-sync-options';

/**
 * Whether a pull's checkpoint can still lead to a complete pull: nothing it read so far was short,
 * repeated, unstable or without an id (the distinct ids seen match the records received). Resuming
 * any other pull could only end incomplete, so a fresh pull starts instead.
 */
async function mayComplete(storage: Pax8SyncStorage, connectionId: string, pullId: string, checkpoint: SyncCheckpoint): Promise<boolean> {
  if (checkpoint.incomplete.length > 0 || checkpoint.idless > 0 || checkpoint.unstable || checkpoint.tally?.short) return false;
  const received = checkpoint.expected + (checkpoint.phase === 'pulling' ? (checkpoint.tally?.received ?? 0) : 0);
  return (await storage.runs.countSeen(connectionId, pullId)) === received;
}

/**
 * How a sync pulls once its run is recorded; the default pulls the scope's listings, then removes
 * what they did not list. `syncInvoices` runs several stages instead. @internal
 */
export interface SyncPipeline<R extends SyncedRecordBase> {
  /** Whether the checkpoint of a failed run may be resumed by this call (default: any). */
  fits?(checkpoint: SyncCheckpoint): boolean;
  /** The checkpoint of a new pull, stored from its start (default: none until the first page, then a fresh one of the scope). */
  fresh?(pageSize: number): SyncCheckpoint;
  /** Pull and removal from the checkpoint on. */
  run?(ctx: SyncRunContext<R>, client: Pax8SyncClient, scope: PullScope, checkpoint: SyncCheckpoint): Promise<RemovalOutcome>;
}

/** The failed or abandoned run to resume, if its checkpoint fits and can still complete; otherwise its seen set is let go. */
async function findResume(
  storage: Pax8SyncStorage,
  connectionId: string,
  entity: Pax8SyncEntity,
  pageSize: number,
  now: number,
  fits: (checkpoint: SyncCheckpoint) => boolean,
): Promise<{ run: SyncRun; checkpoint: SyncCheckpoint } | undefined> {
  const [last] = await storage.runs.list(connectionId, { entity, limit: 1 });
  if (!last || (last.outcome !== 'failed' && last.outcome !== 'running')) return undefined;
  if (last.outcome === 'running') {
    // We hold the lease, so its holder died (lease expired): close the abandoned run.
    await storage.runs.finish({ runId: last.id, outcome: 'failed', finishedAt: now, counts: last.counts, error: 'abandoned: its lease expired', flags: last.flags });
  }
  const checkpoint = parseCheckpoint(last.checkpoint);
  if (checkpoint && checkpoint.pageSize === pageSize && fits(checkpoint) && (await mayComplete(storage, connectionId, last.pullId, checkpoint))) return { run: last, checkpoint };
  await storage.runs.clearSeen(connectionId, last.pullId);
  return undefined;
}

/** The run and the earlier runs of its pull it resumed, newest first (bounded: a pull is rarely resumed twice). */
async function runsOfPull(storage: Pax8SyncStorage, run: SyncRun): Promise<string[]> {
  const ids = [run.id];
  let current: SyncRun | undefined = run;
  while (current?.resumedFromRunId && ids.length < 100) {
    ids.push(current.resumedFromRunId);
    current = await storage.runs.get(current.resumedFromRunId);
    if (current?.pullId !== run.pullId) break;
  }
  return ids;
}

/**
 * The one sync algorithm every entity uses: lease, resume, paged pull with one transaction per page
 * (rows + change events + quarantine + checkpoint, fenced by the lease), removal after a complete
 * pull behind the mass-deletion breaker, finish. Throws `Pax8SyncReauthorizationRequiredError` at
 * once for a delegated connection that needs the partner to connect again. @internal
 */
export async function runSync<R extends SyncedRecordBase>(
  spec: EntitySpec<R>,
  options: SyncOptions,
  resolveScope: (resume: SyncCheckpoint | undefined) => Promise<PullScope>,
  preflight?: () => Promise<SyncSkipped | undefined>,
  pipeline: SyncPipeline<R> = {},
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
  // A delegated connection that needs a new consent fails fast: no lease, no run, no request to Pax8.
  if (delegatedAuth(connection)) await usableGrant(storage, connection);
  const skipped = await preflight?.();
  if (skipped) return skipped;
  const secrets = new Set<string>();
  const dryRun = options.dryRun === true;

  const lockName = `sync:${entity}`;
  const runId = dryRun ? 'dry-run' : ids();
  let lease: LockLease | null = null;
  let resumedFromRunId: string | null = null;
  let ctx: SyncRunContext<R> | undefined;
  try {
    lease = dryRun ? null : await storage.locks.acquire({ connectionId, name: lockName, holder: ids(), ttlMs, now: startedAt });
    if (!dryRun && !lease) {
      const current = await storage.locks.get(connectionId, lockName);
      return { outcome: 'already-running', connectionId, entity, heldBy: current?.holder ?? 'unknown', leaseExpiresAt: current?.expiresAt ?? startedAt };
    }
    const resume = dryRun ? undefined : await findResume(storage, connectionId, entity, pageSize, startedAt, pipeline.fits ?? (() => true));
    resumedFromRunId = resume?.run.id ?? null;
    ctx = {
      options,
      storage,
      store: spec.store,
      connectionId,
      entity,
      clock,
      log,
      dryRun,
      runId,
      pullId: resume?.run.pullId ?? runId,
      pageSize,
      prefetch,
      threshold,
      counts: zeroCounts(),
      plan: { create: [], update: [], remove: [], quarantine: [] },
      flags: [],
      progress: { done: 0, total: 0 },
      seenInMemory: new Set(),
      knownQuarantine: new Set(),
      pullRunIds: new Set([runId, ...(resume ? await runsOfPull(storage, resume.run) : [])]),
      lease: leaseFence(storage, lease, ttlMs, clock),
    };
    if (!dryRun) {
      await storage.runs.start({
        id: runId,
        connectionId,
        entity,
        pullId: ctx.pullId,
        resumedFromRunId,
        startedAt,
        finishedAt: null,
        outcome: 'running',
        checkpoint: resume ? checkpointJson(resume.checkpoint) : pipeline.fresh ? checkpointJson(pipeline.fresh(pageSize)) : null,
        counts: zeroCounts(),
        error: null,
        flags: [],
      });
    }
    log.info({ connectionId, entity, runId: dryRun ? null : runId, resumedFromRunId, dryRun }, 'pax8-sync: sync started');
    return await syncSteps(ctx, spec, connection, secrets, resolveScope, resume?.checkpoint, startedAt, resumedFromRunId, pipeline);
  } catch (failure) {
    const error = describeError(failure, secrets);
    const counts = ctx?.counts ?? zeroCounts();
    const flags = ctx?.flags ?? [];
    const pages = ctx?.progress.done ?? 0;
    log.error({ connectionId, entity, runId: dryRun ? null : runId, error, pages }, 'pax8-sync: sync failed');
    if (dryRun) throw failure;
    // The run record itself may be gone (the connection was removed meanwhile) or never written (storage
    // down at the start): still answer with a typed result.
    await storage.runs.finish({ runId, outcome: 'failed', finishedAt: clock.now(), counts, error, flags }).catch((finishFailure: unknown) => {
      log.warn({ connectionId, entity, runId, error: describeError(finishFailure, secrets) }, 'pax8-sync: the failed run could not be recorded');
    });
    return { outcome: 'failed', connectionId, entity, runId, resumedFromRunId, counts, pages, durationMs: clock.now() - startedAt, flags, error };
  } finally {
    if (lease) await storage.locks.release({ connectionId, name: lockName, token: lease.token }).catch(() => false);
  }
}

/** The default pipeline: the scope's listings from the checkpoint on, then the removal of what they did not list. */
function pullThenRemove<R extends SyncedRecordBase>(spec: EntitySpec<R>): NonNullable<SyncPipeline<R>['run']> {
  return async (ctx, client, scope, start) => {
    const checkpoint = start.phase === 'pulling' ? await pullListings(ctx, spec, scope, start, client) : start;
    return removeUnseen(ctx, spec, scope, checkpoint, client);
  };
}

/** Pull, removal and finish, once the run is recorded. */
async function syncSteps<R extends SyncedRecordBase>(
  ctx: SyncRunContext<R>,
  spec: EntitySpec<R>,
  connection: StoredConnection,
  secrets: Set<string>,
  resolveScope: (resume: SyncCheckpoint | undefined) => Promise<PullScope>,
  resumed: SyncCheckpoint | undefined,
  startedAt: number,
  resumedFromRunId: string | null,
  pipeline: SyncPipeline<R>,
): Promise<SyncResult> {
  const { storage, connectionId, entity, clock, dryRun, runId } = ctx;
  const scope = await resolveScope(resumed);
  for (const q of await storage.quarantine.list(connectionId, { entity })) ctx.knownQuarantine.add(q.key);
  const checkpoint = resumed ?? pipeline.fresh?.(ctx.pageSize) ?? freshCheckpoint(scope.mode, ctx.pageSize, scope.companyIds);
  const client = await openClient(ctx.options, connection, secrets, !dryRun);
  const removal = await (pipeline.run ?? pullThenRemove(spec))(ctx, client, scope, checkpoint);
  const durationMs = clock.now() - startedAt;
  const { counts, plan, flags } = ctx;
  if (dryRun) return { outcome: 'dry-run', connectionId, entity, counts, plan, flags, pages: ctx.progress.done, durationMs };
  const outcome = removal.flagged ? 'flagged' : 'succeeded';
  await storage.runs.finish({ runId, outcome, finishedAt: clock.now(), counts, error: removal.error, flags });
  await storage.runs.clearSeen(connectionId, ctx.pullId);
  ctx.log.info({ connectionId, entity, runId, outcome, ...counts, pages: ctx.progress.done, durationMs }, 'pax8-sync: sync finished');
  return { outcome, connectionId, entity, runId, resumedFromRunId, counts, pages: ctx.progress.done, durationMs, flags, error: removal.error };
}
