import { type ConnectionView, type DueSync, defaultSyncCadence, dueSyncs, latestRuns, type Pax8SyncEntity, type Pax8SyncStorage, type SyncRun } from '@pax8-sync/core';

/** One row of the schedule table. */
export interface ScheduleRow {
  /** The entity. */
  entity: Pax8SyncEntity;
  /** How often it is synced, ms (the SDK's `defaultSyncCadence`). */
  everyMs: number;
  /** Its newest run, or `null` when never synced. */
  lastRun: SyncRun | null;
  /** Why it is due now, or `null` when it is not. */
  due: DueSync['reason'] | null;
  /** When it is next due, epoch ms: `now` when due, else the last start plus the cadence. */
  nextAt: number;
}

/** The schedule table's order: companies every 4 h, subscriptions hourly, products daily. */
export const scheduleOrder: readonly Pax8SyncEntity[] = ['companies', 'subscriptions', 'products'];

/**
 * The sync schedule of a connection: the cadence of each entity, its last run and when it is next
 * due, by the same `dueSyncs` rule your scheduler runs.
 */
export async function loadSchedule(storage: Pax8SyncStorage, connection: ConnectionView, now: number): Promise<ScheduleRow[]> {
  const last = await latestRuns(storage, connection.id);
  const due = new Map(dueSyncs(connection, last, now).map((d) => [d.entity, d.reason]));
  return scheduleOrder.map((entity) => {
    const lastRun = last.find((run) => run.entity === entity) ?? null;
    const everyMs = defaultSyncCadence[entity];
    const reason = due.get(entity) ?? null;
    return { entity, everyMs, lastRun, due: reason, nextAt: reason !== null || lastRun === null ? now : lastRun.startedAt + everyMs };
  });
}
