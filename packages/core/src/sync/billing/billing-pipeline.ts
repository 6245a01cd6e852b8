import type { SyncedRecordBase } from '../../storage/records';
import { pullListings } from '../pull-listings';
import { type RemovalOutcome, removeUnseen } from '../remove-unseen';
import { resumeAtKey } from '../pull-scope';
import type { SyncPipeline } from '../run-sync';
import { checkpointJson, freshCheckpoint, type SyncCheckpoint } from '../sync-checkpoint';
import type { SyncRunContext } from '../sync-run-context';
import { type BillingPull, billingStages } from './billing-stages';

type Ctx = SyncRunContext<SyncedRecordBase>;

/**
 * The checkpoint that opens stage `stage`: a fresh pull position whose `expected` starts at the ids
 * the earlier stages saw (one seen set serves the whole pull: the stages' ids never collide, see
 * `lineId`), written in its own fenced transaction so a crash after a stage resumes at the next one.
 */
async function openStage(ctx: Ctx, before: SyncCheckpoint, period: string, stage: number): Promise<SyncCheckpoint> {
  const seen = ctx.dryRun ? ctx.seenInMemory.size : await ctx.storage.runs.countSeen(ctx.connectionId, ctx.pullId);
  const next: SyncCheckpoint = { ...freshCheckpoint('global', before.pageSize, []), written: before.written + 1, expected: seen, billing: { period, stage } };
  if (ctx.dryRun) return next;
  const options = await ctx.lease.options();
  await ctx.storage.transaction((tx) => tx.runs.checkpoint({ runId: ctx.runId, checkpoint: checkpointJson(next), counts: { ...ctx.counts }, seenIds: [], page: before.written }), options);
  ctx.lease.committed(options);
  return next;
}

/** Runs the stages from the checkpoint's on: each pulls its listings, then removes what they did not list in its scopes. */
async function runStages(ctx: Ctx, pull: BillingPull, client: Parameters<NonNullable<SyncPipeline<SyncedRecordBase>['run']>>[1], start: SyncCheckpoint): Promise<RemovalOutcome> {
  const errors: string[] = [];
  let flagged = false;
  let checkpoint = start;
  for (let index = start.billing?.stage ?? 0; index < billingStages.length; index += 1) {
    const stage = billingStages[index]!;
    const scope = await stage.scope(pull);
    if (scope) {
      if (scope.keys) checkpoint = resumeAtKey(checkpoint, scope.keys);
      const spec = stage.spec(pull.period);
      if (checkpoint.phase === 'pulling') checkpoint = await pullListings(ctx, spec, scope, checkpoint, client);
      const outcome = await removeUnseen(ctx, spec, scope, checkpoint, client);
      // Removal batches wrote checkpoints of their own: the next stage's goes after them, never over one.
      checkpoint = { ...checkpoint, written: outcome.written };
      flagged ||= outcome.flagged;
      if (outcome.error) errors.push(`${stage.name}: ${outcome.error}`);
    }
    if (index + 1 < billingStages.length) checkpoint = await openStage(ctx, checkpoint, pull.period, index + 1);
  }
  // Two stages may raise the same flag: the run carries it once.
  const flags = [...new Set(ctx.flags)];
  ctx.flags.splice(0, ctx.flags.length, ...flags);
  return { flagged, error: errors.length === 0 ? null : errors.join(' ') };
}

/** The billing pull of one month as a sync pipeline: resumes only a pull of the same month. @internal */
export function billingPipeline(pull: Omit<BillingPull, 'storage' | 'connectionId'>): SyncPipeline<SyncedRecordBase> {
  return {
    fits: (checkpoint) => checkpoint.billing?.period === pull.period,
    fresh: (pageSize) => ({ ...freshCheckpoint('global', pageSize, []), billing: { period: pull.period, stage: 0 } }),
    run: (ctx, client, _scope, start) => runStages(ctx, { ...pull, storage: ctx.storage, connectionId: ctx.connectionId }, client, start),
  };
}
