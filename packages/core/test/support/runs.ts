import type { JsonObject, SyncRun } from '@pax8-sync/core';

/** A finished (or running) run of connection `c`, for scheduling tests; `checkpoint` as stored. */
export function runAt(entity: SyncRun['entity'], startedAt: number, outcome: SyncRun['outcome'] = 'succeeded', checkpoint: JsonObject | null = null): SyncRun {
  return {
    id: `${entity}-${startedAt}`,
    connectionId: 'c',
    entity,
    pullId: `${entity}-${startedAt}`,
    resumedFromRunId: null,
    startedAt,
    finishedAt: outcome === 'running' ? null : startedAt + 1,
    outcome,
    checkpoint,
    counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 },
    error: null,
    flags: [],
  };
}
