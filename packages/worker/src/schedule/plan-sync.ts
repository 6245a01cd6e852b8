import type { Pax8SyncEntity, RunCounts } from '@pax8-sync/core';
import type { WorkerContext } from '../worker-context';
import { readOverrides, type StoredOverride } from './schedule-overrides';
import { placeSync } from './fair-share';
import type { SyncJobSpec } from './sync-jobs';
import type { SyncTrigger } from './task-names';

/** Records a run read: what fair share sizes a sync by. @internal */
export function recordsRead(counts: RunCounts): number {
  return counts.created + counts.updated + counts.unchanged;
}

/** The cadence of a (connection, entity): its override, else the worker's. @internal */
export function cadenceOf(ctx: Pick<WorkerContext, 'cadence'>, entity: Pax8SyncEntity, override: StoredOverride | undefined): number {
  return override?.cadenceMs ?? ctx.cadence[entity];
}

/** A connection's overrides by entity. @internal */
export async function overridesOf(ctx: Pick<WorkerContext, 'pool' | 'workerSchema'>, connectionId: string): Promise<Map<Pax8SyncEntity, StoredOverride>> {
  return (await readOverrides(ctx.pool, ctx.workerSchema, [connectionId])).get(connectionId) ?? new Map();
}

/** A sync job spec, placed for fair share. @internal */
export function syncSpec(
  ctx: Pick<WorkerContext, 'fairShare'>,
  input: { connectionId: string; entity: Pax8SyncEntity; runAt: number; trigger: SyncTrigger; records: number | undefined; override: StoredOverride | undefined },
): SyncJobSpec {
  const size = input.override?.sizeHint ?? input.records;
  return {
    connectionId: input.connectionId,
    entity: input.entity,
    runAt: input.runAt,
    scheduledFor: input.runAt,
    trigger: input.trigger,
    ...placeSync(input.connectionId, size, ctx.fairShare),
  };
}

/** Records the recent runs of a (connection, entity) read, at most: its size for fair share, or `undefined` if never run. @internal */
export async function lastRecords(ctx: Pick<WorkerContext, 'storage'>, connectionId: string, entity: Pax8SyncEntity): Promise<number | undefined> {
  const runs = await ctx.storage.runs.list(connectionId, { entity, limit: 5 });
  return runs.length === 0 ? undefined : Math.max(...runs.map((r) => recordsRead(r.counts)));
}
