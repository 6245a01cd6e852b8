import { Pax8SyncConfigError } from '@pax8-sync/core';
import { createHash } from 'node:crypto';

/** How the worker keeps one huge tenant from holding back the small ones. */
export interface FairShareOptions {
  /**
   * A sync whose last run read at least this many records is "large": it runs on one of the
   * `largeLanes` named queues (one job at a time each, across every process), so large syncs never
   * take more than `largeLanes` of the worker slots. Default 50 000.
   */
  largeRecords?: number;
  /** How many large syncs may run at once across all processes. Default 2. */
  largeLanes?: number;
  /** A sync at least this size runs after smaller ones that are due at the same time (priority 1 rather than 0). Default 1 000. */
  mediumRecords?: number;
}

/** Fair-share settings with defaults applied. @internal */
export type ResolvedFairShare = Required<FairShareOptions>;

/** Where a sync job goes: graphile-worker priority (lower runs first) and queue. */
export interface SyncPlacement {
  /** 0 small, 1 medium, 2 large. */
  priority: number;
  /** A large-lane queue name, or `null` (no queue: runs in parallel with anything). */
  queueName: string | null;
}

/** Validates the fair-share options. @internal */
export function resolveFairShare(options: FairShareOptions = {}): ResolvedFairShare {
  const resolved = { largeRecords: 50_000, largeLanes: 2, mediumRecords: 1_000, ...stripUndefined(options) };
  for (const [field, min] of [['largeRecords', 1], ['largeLanes', 1], ['mediumRecords', 1]] as const) {
    const value = resolved[field];
    if (!Number.isInteger(value) || value < min) throw new Pax8SyncConfigError(`fairShare.${field}`, `must be a whole number of at least ${min} (got ${String(value)}).`);
  }
  return resolved;
}

/**
 * Places a sync by the size of its last run: small and medium ones run anywhere (small first), a
 * large one on lane `hash(connection) mod largeLanes`.
 * @param connectionId - the connection.
 * @param records - records its last run read (or the override), or `undefined` when unknown (small).
 * @param fairShare - the settings.
 */
export function placeSync(connectionId: string, records: number | undefined, fairShare: ResolvedFairShare): SyncPlacement {
  const size = records ?? 0;
  if (size >= fairShare.largeRecords) {
    const lane = createHash('sha256').update(connectionId).digest().readUInt32BE(0) % fairShare.largeLanes;
    return { priority: 2, queueName: `pax8-sync:large:${lane}` };
  }
  return { priority: size >= fairShare.mediumRecords ? 1 : 0, queueName: null };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
