import { pax8SyncEntities } from '../storage/entity';
import type { SyncRun } from '../storage/runs';
import type { Pax8SyncStorage } from '../storage/storage';

/**
 * The newest run of each entity of a connection (at most one per entity): the `lastRuns` to give
 * {@link dueSyncs}. Prefer it to one page of `storage.runs.list(connectionId)`, whose newest 50 runs
 * may all be of one entity (hourly or failing subscription runs) and hide the others' last runs.
 * @param storage - the storage adapter (only `runs.list` is read).
 * @param connectionId - the connection.
 * @example
 * const due = dueSyncs(connection, await latestRuns(storage, connection.id), Date.now());
 */
export async function latestRuns(storage: Pick<Pax8SyncStorage, 'runs'>, connectionId: string): Promise<SyncRun[]> {
  const newest = await Promise.all(pax8SyncEntities.map((entity) => storage.runs.list(connectionId, { entity, limit: 1 })));
  return newest.flat();
}
