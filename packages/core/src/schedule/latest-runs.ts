import { pax8SyncEntities } from '../storage/entity';
import type { SyncRun } from '../storage/runs';
import type { Pax8SyncStorage } from '../storage/storage';

/**
 * The newest run of each entity of a connection (at most one per entity): the `lastRuns` to give
 * {@link dueSyncs}. Prefer it to one page of `storage.runs.list(connectionId)`, whose newest 50 runs
 * may all be of one entity (hourly or failing subscription runs) and hide the others' last runs.
 * @param storage - the storage adapter (only `runs.list` is read).
 * @param connectionId - the connection.
 * @param options - `billing: true` adds the recent `invoices` runs that `dueSyncs(..., { billing: true })` needs.
 * @example
 * const due = dueSyncs(connection, await latestRuns(storage, connection.id), Date.now());
 */
export async function latestRuns(storage: Pick<Pax8SyncStorage, 'runs'>, connectionId: string, options: { billing?: boolean } = {}): Promise<SyncRun[]> {
  const newest = await Promise.all(pax8SyncEntities.map((entity) => storage.runs.list(connectionId, { entity, limit: 1 })));
  // Billing is due by month: the runs of about the last month and a half say which months were pulled since the 5th.
  if (options.billing === true) newest.push(await storage.runs.list(connectionId, { entity: 'invoices', limit: BILLING_RUNS }));
  return newest.flat();
}

/** How many recent billing runs `latestRuns(..., { billing: true })` reads: more than a month of daily runs with their retries. */
const BILLING_RUNS = 64;
