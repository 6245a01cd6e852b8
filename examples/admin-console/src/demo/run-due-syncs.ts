import { dueSyncs, latestRuns, type Pax8SyncEntity, type Pax8SyncStorage } from '@pax8-sync/core';
import type { SyncJobs } from '../sdk/sync-jobs';

/** What {@link runDueSyncs} started: the connection and the entities. */
export interface StartedSyncs {
  /** The connection. */
  connectionId: string;
  /** The syncs started for it, in `dueSyncs` order. */
  entities: Pax8SyncEntity[];
}

/**
 * One pass of the demo's scheduler: for every connection that has finished the wizard (at least one
 * mapped company), starts each sync that `dueSyncs` says is due. `pnpm console` calls it every
 * minute; in your product the scheduler is your worker (see `examples/scheduled-worker`).
 */
export async function runDueSyncs(deps: { storage: Pax8SyncStorage; jobs: SyncJobs }, now: number): Promise<StartedSyncs[]> {
  const started: StartedSyncs[] = [];
  for (const connection of await deps.storage.connections.list()) {
    if ((await deps.storage.mappings.list(connection.id, { state: 'confirmed' })).length === 0) continue;
    const due = dueSyncs(connection, await latestRuns(deps.storage, connection.id), now);
    for (const { entity } of due) deps.jobs.start(connection.id, entity);
    if (due.length > 0) started.push({ connectionId: connection.id, entities: due.map((d) => d.entity) });
  }
  return started;
}
