import type { JsonObject } from '../storage/json';

/** Where a pull stands; stored as the run's checkpoint. @internal */
export interface SyncCheckpoint {
  version: 1;
  /** `global` pages everything; `per-company` lists subscriptions company by company. */
  mode: 'global' | 'per-company';
  pageSize: number;
  /** Per-company mode: the companies listed, in order. */
  companyIds: string[];
  /** Index of the listing to resume (0 in global mode). */
  listing: number;
  /** First page of that listing not yet written. */
  nextPage: number;
  /** `pulling`, or `removing` once the pull completed. */
  phase: 'pulling' | 'removing';
  /** Rows created (or revived) by this pull so far, across resumed runs: they were not active before it (mass-deletion breaker). */
  created: number;
  /** totalElements Pax8 reported on the first page read of the current listing (`null` before it). */
  listingTotal: number | null;
  /** A listing changed size during this pull: records may have shifted past the pages read, so nothing is removed. */
  unstable: boolean;
}

/** Reads a stored checkpoint, or `undefined` if it is not one of ours. @internal */
export function parseCheckpoint(value: JsonObject | null): SyncCheckpoint | undefined {
  if (value?.version !== 1) return undefined;
  const { mode, pageSize, companyIds, listing, nextPage, phase, created, listingTotal, unstable } = value;
  if ((mode !== 'global' && mode !== 'per-company') || typeof pageSize !== 'number' || !Array.isArray(companyIds)) return undefined;
  if (typeof listing !== 'number' || typeof nextPage !== 'number' || (phase !== 'pulling' && phase !== 'removing')) return undefined;
  return { version: 1, mode, pageSize, companyIds: companyIds.filter((id): id is string => typeof id === 'string'), listing, nextPage, phase, created: typeof created === 'number' && created >= 0 ? created : 0,
    listingTotal: typeof listingTotal === 'number' ? listingTotal : null,
    // An older checkpoint did not watch the totals: stay on the safe side.
    unstable: typeof unstable === 'boolean' ? unstable : true,
  };
}

/** The checkpoint as JSON. @internal */
export function checkpointJson(checkpoint: SyncCheckpoint): JsonObject {
  return { ...checkpoint, companyIds: [...checkpoint.companyIds] };
}
