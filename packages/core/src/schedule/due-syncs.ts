import type { Pax8SyncEntity } from '../storage/entity';
import { pax8SyncEntities } from '../storage/entity';
import type { SyncRun } from '../storage/runs';
import { dueBillingSyncs } from './billing-cadence';

/** How often each entity is synced, ms. */
export type SyncCadence = Record<Pax8SyncEntity, number>;

/** The default cadence: companies every 4 h, subscriptions hourly, products daily; billing (`invoices`, only with `dueSyncs(..., { billing: true })`) daily, see `defaultBillingCadence`. */
export const defaultSyncCadence: Readonly<SyncCadence> = Object.freeze({
  companies: 4 * 3_600_000,
  subscriptions: 3_600_000,
  products: 24 * 3_600_000,
  invoices: 24 * 3_600_000,
});

/** Options of {@link dueSyncs}. */
export interface DueSyncsOptions {
  /** Cadence overrides per entity (ms). */
  cadence?: Partial<SyncCadence>;
  /**
   * Also say when billing (`syncInvoices`) is due, with the month to pull (`DueSync.period`): the
   * current month every `cadence.invoices` (daily), the previous month once after the 5th (see
   * `dueBillingSyncs`). Pass `latestRuns(storage, id, { billing: true })` as `lastRuns`. Default
   * `false`: billing is never listed.
   */
  billing?: boolean;
}

/** One sync that is due. */
export interface DueSync {
  /** The entity to sync. */
  entity: Pax8SyncEntity;
  /** `never-synced`, `interval-elapsed`, `last-run-failed` (resume it), or for billing `invoices-issued` (the previous month, once after the 5th). */
  reason: 'never-synced' | 'interval-elapsed' | 'last-run-failed' | 'invoices-issued';
  /** Billing only: the month to pass as `syncInvoices({ period })`, `YYYY-MM`. */
  period?: string;
}

/**
 * Which entities are due: never synced, last run failed (it resumes), or the cadence elapsed since
 * the last run started. A run in progress is not due until a whole interval passed (its holder may
 * have crashed). Runs of other connections in `lastRuns` are ignored. Pure: pass `now`.
 * @param connection - the connection (its id picks its runs out of `lastRuns`).
 * @param lastRuns - recent runs, best `await latestRuns(storage, connection.id)` (the newest of each entity).
 * @param now - current time, epoch ms.
 * @param options - cadence overrides, and `billing: true` to include billing.
 * @example
 * for (const { entity } of dueSyncs(connection, await latestRuns(storage, connection.id), Date.now())) await syncs[entity]({ ... });
 */
export function dueSyncs(connection: { id: string }, lastRuns: readonly SyncRun[], now: number, options: DueSyncsOptions = {}): DueSync[] {
  const cadence = { ...defaultSyncCadence, ...options.cadence };
  const due: DueSync[] = [];
  for (const entity of pax8SyncEntities) {
    const runs = lastRuns.filter((r) => r.connectionId === connection.id && r.entity === entity).sort((a, b) => b.startedAt - a.startedAt);
    const latest = runs[0];
    if (!latest) {
      due.push({ entity, reason: 'never-synced' });
      continue;
    }
    // A run still marked running may be alive (then the sync answers "already running") or crashed.
    if (latest.outcome === 'running' && now - latest.startedAt < cadence[entity]) continue;
    if (latest.outcome === 'failed') {
      due.push({ entity, reason: 'last-run-failed' });
      continue;
    }
    if (now - latest.startedAt >= cadence[entity]) due.push({ entity, reason: 'interval-elapsed' });
  }
  if (options.billing === true) due.push(...dueBillingSyncs(lastRuns.filter((r) => r.connectionId === connection.id), now, cadence.invoices));
  return due;
}
