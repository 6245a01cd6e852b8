import { type LockLease, type Pax8SyncEntity, type Pax8SyncStorage, pax8SyncEntities, type SyncEngine } from '@pax8-sync/core';

/** What "Remove Integration" deletes from storage, counted, for the confirmation. */
export interface RemovalSummary {
  /** Pax8 companies stored (removed ones included). */
  companies: number;
  /** Pax8 products stored. */
  products: number;
  /** Pax8 subscriptions stored. */
  subscriptions: number;
  /** Company mappings (confirmed, pending and rejected). */
  mappings: number;
  /** Runs in the history. */
  runs: number;
}

/** Counts what removing the connection deletes. */
export async function loadRemovalSummary(storage: Pax8SyncStorage, connectionId: string): Promise<RemovalSummary> {
  const all = { includeRemoved: true };
  const [companies, products, subscriptions, mappings, runs] = await Promise.all([
    storage.companies.count(connectionId, all),
    storage.products.count(connectionId, all),
    storage.subscriptions.count(connectionId, all),
    storage.mappings.list(connectionId).then((rows) => rows.length),
    storage.runs.list(connectionId, { limit: 100_000 }).then((rows) => rows.length),
  ]);
  return { companies, products, subscriptions, mappings, runs };
}

/** A sync holding its lease: another worker process's or this one's. */
export interface RunningSync {
  /** What it syncs. */
  entity: Pax8SyncEntity;
  /** Its lease (holder and expiry). */
  lease: LockLease;
}

/**
 * The syncs of the connection running now, in any process: each holds the engine's lease lock
 * `sync:<entity>` in storage until it finishes (a crashed worker's lease counts until it expires).
 */
export async function runningSyncs(storage: Pax8SyncStorage, connectionId: string, now: number): Promise<RunningSync[]> {
  const leases = await Promise.all(pax8SyncEntities.map(async (entity) => ({ entity, lease: await storage.locks.get(connectionId, `sync:${entity}`) })));
  return leases.filter((held): held is RunningSync => held.lease !== undefined && held.lease.expiresAt > now);
}

/** What {@link removeIntegration} did: removed, or refused because syncs are running. */
export type RemoveIntegrationResult = { removed: true } | { removed: false; running: RunningSync[] };

/**
 * "Remove Integration": deletes every synced row of the connection from storage, unless a sync of
 * it is running in any process (a sync still writing would put rows back after the purge): then
 * nothing is deleted and the running syncs are returned. Nothing in Pax8 changes. The check and
 * the purge are two steps, so a sync starting in between is not stopped: until the engine purges
 * under the leases itself, run removals when no sync is due.
 */
export async function removeIntegration(deps: { engine: SyncEngine; storage: Pax8SyncStorage }, connectionId: string, now: number): Promise<RemoveIntegrationResult> {
  const running = await runningSyncs(deps.storage, connectionId, now);
  if (running.length > 0) return { removed: false, running };
  await deps.engine.removeConnection(connectionId);
  return { removed: true };
}
