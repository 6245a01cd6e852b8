import type { Pax8SyncStorage, SyncEngine } from '@pax8-sync/core';

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

/** "Remove Integration": deletes every synced row of the connection from storage. Nothing in Pax8 changes. */
export function removeIntegration(engine: SyncEngine, connectionId: string): Promise<void> {
  return engine.removeConnection(connectionId);
}
