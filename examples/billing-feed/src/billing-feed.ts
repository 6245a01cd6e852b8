import type { ChangePage, Pax8SyncStorage } from '@pax8-sync/core';
import type { MapStatusOptions } from '@pax8-sync/status';
import type { BillingLineChange } from './billing-line-change';
import { toBillingChanges } from './to-billing-changes';

/** Where your PSA keeps its feed position, per connection (a row in your own database). */
export interface CursorStore {
  /** The cursor after the last applied batch, or `null` before the first. */
  get(connectionId: string): Promise<string | null>;
  /** Saves it, after the batch was applied. */
  set(connectionId: string, cursor: string): Promise<void>;
}

/** Options of {@link applyBillingFeed}. */
export interface ApplyBillingFeedOptions {
  /** The pax8-sync storage (the feed and the mappings are read from it). */
  storage: Pax8SyncStorage;
  /** The connection. */
  connectionId: string;
  /** Your feed position. */
  cursors: CursorStore;
  /**
   * Applies one batch to your billing lines, in order, ideally in one transaction of your own.
   * Each change carries its feed `cursor`: store it on the line to make re-delivery harmless.
   */
  apply(changes: readonly BillingLineChange[]): Promise<void>;
  /** Events read per batch; default 500. */
  batchSize?: number;
  /** The status options your `syncSubscriptions` uses. */
  statusOptions?: MapStatusOptions;
  /** Reads a page of the feed; default `storage.changes.list` (pass `engine.listChanges` if you have an engine). */
  listChanges?: (connectionId: string, options: { after: string | null; limit: number }) => Promise<ChangePage>;
}

/** What one call did. */
export interface ApplyBillingFeedResult {
  /** Events read. */
  events: number;
  /** Billing changes applied. */
  applied: number;
  /** The cursor saved at the end. */
  cursor: string | null;
}

/**
 * Reads the change feed from your saved cursor and applies it to your billing lines, batch by batch.
 * The cursor is saved only after `apply` succeeded, so a crash or a failing `apply` re-delivers the
 * batch next time (at least once): make `apply` idempotent by the change's `cursor`.
 */
export async function applyBillingFeed(options: ApplyBillingFeedOptions): Promise<ApplyBillingFeedResult> {
  const { storage, connectionId, cursors } = options;
  const limit = options.batchSize ?? 500;
  const list = options.listChanges ?? ((id, o) => storage.changes.list(id, o));
  const mapped = new Map((await storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => [m.pax8CompanyId, m.psaCompanyId]));
  let cursor = await cursors.get(connectionId);
  let events = 0;
  let applied = 0;
  for (;;) {
    const page = await list(connectionId, { after: cursor, limit });
    if (page.events.length === 0) break;
    const changes = toBillingChanges(page.events, { psaCompanyOf: (id) => mapped.get(id), ...(options.statusOptions ? { statusOptions: options.statusOptions } : {}) });
    if (changes.length > 0) await options.apply(changes);
    events += page.events.length;
    applied += changes.length;
    cursor = page.nextCursor;
    if (cursor !== null) await cursors.set(connectionId, cursor);
    if (page.events.length < limit) break;
  }
  return { events, applied, cursor };
}
