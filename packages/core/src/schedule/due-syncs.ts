import type { Pax8SyncEntity } from '../storage/entity';
import { pax8SyncEntities } from '../storage/entity';
import type { SyncRun } from '../storage/runs';

/** How often each entity is synced, ms. */
export type SyncCadence = Record<Pax8SyncEntity, number>;

/** The default cadence: companies every 4 h, subscriptions hourly, products daily. */
export const defaultSyncCadence: Readonly<SyncCadence> = Object.freeze({
  companies: 4 * 3_600_000,
  subscriptions: 3_600_000,
  products: 24 * 3_600_000,
});

/** Options of {@link dueSyncs}. */
export interface DueSyncsOptions {
  /** Cadence overrides per entity (ms). */
  cadence?: Partial<SyncCadence>;
}

/** One sync that is due. */
export interface DueSync {
  /** The entity to sync. */
  entity: Pax8SyncEntity;
  /** `never-synced`, `interval-elapsed`, or `last-run-failed` (resume it). */
  reason: 'never-synced' | 'interval-elapsed' | 'last-run-failed';
}

/**
 * Which entities are due: never synced, last run failed (it resumes), or the cadence elapsed since
 * the last run started. A run in progress is not due until a whole interval passed (its holder may
 * have crashed). Runs of other connections in `lastRuns` are ignored. Pure: pass `now`.
 * @param connection - the connection (its id picks its runs out of `lastRuns`).
 * @param lastRuns - recent runs, best `await latestRuns(storage, connection.id)` (the newest of each entity).
 * @param now - current time, epoch ms.
 * @param options - cadence overrides.
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
  return due;
}
