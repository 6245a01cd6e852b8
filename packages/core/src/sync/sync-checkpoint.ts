import type { JsonObject } from '../storage/json';
import { type ListingTally, parseTally } from './listing-tally';

/** Where a pull stands; stored as the run's checkpoint. @internal */
export interface SyncCheckpoint {
  version: 2;
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
  /** Checkpoints written by this pull so far: the position (`RunStore.checkpoint`'s `page`) of the next one. */
  written: number;
  /** totalElements Pax8 reported on the first page read of the current listing (`null` before it). */
  listingTotal: number | null;
  /** A listing changed size during this pull: records may have shifted past the pages read, so nothing is removed. */
  unstable: boolean;
  /** What the current listing delivered so far, against what it announced (`null` before its first page). */
  tally: ListingTally | null;
  /** The records the completed listings announced (their final totalElements, summed). */
  expected: number;
  /** Records received without an id storage can hold: they cannot be told apart, so a pull holding one is not complete. */
  idless: number;
  /** Why completed listings are incomplete, in words (at most a few). */
  incomplete: string[];
  /** Keyed scopes (`PullScope.keys`): the key of the listing to resume, `undefined` past the last one or in other scopes. */
  listingKey?: string;
  /** A billing pull (`syncInvoices`): its month and the stage it stands at (see `billingStages`); absent for the other entities. */
  billing?: BillingPosition;
}

/** Where a billing pull stands: the month pulled and the index of its stage. @internal */
export interface BillingPosition {
  period: string;
  stage: number;
}

/** A stored billing position, or `undefined` when it is not one. @internal */
export const billingPosition = (value: unknown): BillingPosition | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const { period, stage } = value as Record<string, unknown>;
  return typeof period === 'string' && typeof stage === 'number' && Number.isInteger(stage) && stage >= 0 ? { period, stage } : undefined;
};

/** A fresh checkpoint for a new pull. @internal */
export function freshCheckpoint(mode: SyncCheckpoint['mode'], pageSize: number, companyIds: string[]): SyncCheckpoint {
  return { version: 2, mode, pageSize, companyIds, listing: 0, nextPage: 0, phase: 'pulling', created: 0, written: 0, listingTotal: null, unstable: false, tally: null, expected: 0, idless: 0, incomplete: [] };
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);

/**
 * Reads a stored checkpoint, or `undefined` if it is not one this version can resume (an older
 * version did not record what the completeness check and the page positions need, so its pull
 * starts again). @internal
 */
export function parseCheckpoint(value: JsonObject | null): SyncCheckpoint | undefined {
  if (value?.version !== 2) return undefined;
  const { mode, pageSize, companyIds, listing, nextPage, phase, listingTotal, unstable, tally, incomplete } = value;
  if ((mode !== 'global' && mode !== 'per-company') || typeof pageSize !== 'number' || !Array.isArray(companyIds)) return undefined;
  if (typeof listing !== 'number' || typeof nextPage !== 'number' || (phase !== 'pulling' && phase !== 'removing')) return undefined;
  return {
    version: 2,
    mode,
    pageSize,
    companyIds: companyIds.filter((id): id is string => typeof id === 'string'),
    listing,
    nextPage,
    phase,
    created: count(value.created),
    written: count(value.written),
    listingTotal: typeof listingTotal === 'number' ? listingTotal : null,
    unstable: typeof unstable === 'boolean' ? unstable : true,
    tally: parseTally(tally),
    expected: count(value.expected),
    idless: count(value.idless),
    incomplete: Array.isArray(incomplete) ? incomplete.filter((r): r is string => typeof r === 'string') : [],
    ...(typeof value.listingKey === 'string' ? { listingKey: value.listingKey } : {}),
    ...(value.billing === undefined ? {} : withBilling(value.billing)),
  };
}

const withBilling = (value: unknown): { billing?: BillingPosition } => {
  const billing = billingPosition(value);
  return billing ? { billing } : {};
};

/** The checkpoint as JSON. @internal */
export function checkpointJson(checkpoint: SyncCheckpoint): JsonObject {
  const { billing, listingKey, ...rest } = checkpoint;
  return { ...rest, ...(listingKey === undefined ? {} : { listingKey }), companyIds: [...checkpoint.companyIds], tally: checkpoint.tally ? { ...checkpoint.tally } : null, incomplete: [...checkpoint.incomplete], ...(billing ? { billing: { ...billing } } : {}) };
}
