import { createHash } from 'node:crypto';
import type { Pax8ListParams } from '../engine/client-port';
import type { JsonObject } from '../storage/json';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { RecordFilter } from '../storage/records';
import type { SyncCheckpoint } from './sync-checkpoint';

/** What a run pulls and which stored rows it may remove. @internal */
export interface PullScope {
  mode: 'global' | 'per-company';
  /** Listings in order (one for global mode; one per company otherwise). */
  listings: Omit<Pax8ListParams, 'page' | 'size'>[];
  /** Company ids listed in per-company mode (kept in the checkpoint). */
  companyIds: string[];
  /** Whether a pulled record belongs to the synced set (unmapped companies' subscriptions do not). */
  keep(record: JsonObject): boolean;
  /** Limits removal candidates (subscriptions: mapped companies only; billing rows: the scopes listed). */
  removal: RecordFilter;
  /** Which quarantine entries of the entity a complete pull of this scope answers for (dropped when stale); default all. */
  owns?(entry: QuarantinedRecord): boolean;
  /** Words for each listing in incompleteness reasons (default: the entity's listing, of its company). */
  labels?: readonly string[];
  /**
   * One key per listing, in ascending order, when the listings are derived from stored rows (an
   * invoice's items, a subscription's usage): the checkpoint then keeps only the key of the listing
   * to resume (`listingKey`), never the list, and a resumed pull derives the list again and goes on
   * at the first key not below it (see `resumeAtKey`).
   */
  keys?: readonly string[];
  /**
   * What, besides the listing, decides which records the scope keeps (`keep`), as text: pages may be
   * marked and skipped when unchanged only in scopes that have one. `undefined`: never skipped.
   */
  markKey?: string;
}

/** Everything, paged once. @internal */
export const everything: PullScope = { mode: 'global', listings: [{}], companyIds: [], keep: () => true, removal: {}, markKey: 'everything' };

/** Subscriptions of the mapped companies: per company when few, else paged and filtered. @internal */
export function mappedCompaniesScope(
  mapped: readonly string[],
  perCompanyMax: number,
  resume?: { mode: 'global' | 'per-company'; companyIds: string[] },
): PullScope {
  const set = new Set(mapped);
  const keep = (record: JsonObject) => typeof record.companyId === 'string' && set.has(record.companyId);
  const removal = { companyIds: [...mapped] };
  // Which companies are kept: a page listed alike keeps other records once a mapping changed.
  const markKey = `mapped:${createHash('sha256').update([...set].sort().join('\n')).digest('base64url')}`;
  // A resumed pull keeps the listings it started with, so its checkpoint stays meaningful.
  const perCompany = resume ? (resume.mode === 'per-company' ? resume.companyIds : undefined) : mapped.length <= perCompanyMax ? [...mapped].sort() : undefined;
  if (perCompany) return { mode: 'per-company', listings: perCompany.map((companyId) => ({ companyId })), companyIds: perCompany, keep, removal, markKey };
  return { mode: 'global', listings: [{}], companyIds: [], keep, removal, markKey };
}

/**
 * Where a pull of a keyed scope resumes: at the listing of the checkpoint's `listingKey`, or, when
 * that key is no longer derived (its row went meanwhile), at the start of the first key above it.
 * Keys compare as JavaScript strings: the scope must sort its keys that way. @internal
 */
export function resumeAtKey(checkpoint: SyncCheckpoint, keys: readonly string[]): SyncCheckpoint {
  if (checkpoint.phase !== 'pulling') return checkpoint;
  const key = checkpoint.listingKey;
  const fromStart = (listing: number): SyncCheckpoint => ({ ...checkpoint, listing, nextPage: 0, listingTotal: null, tally: null });
  // No key: a stage that has not written a page yet (listing 0), or one past its last listing.
  if (key === undefined) return checkpoint.listing === 0 ? checkpoint : fromStart(keys.length);
  const at = keys.findIndex((k) => k >= key);
  if (at === -1) return fromStart(keys.length);
  if (keys[at] === key) return { ...checkpoint, listing: at };
  return fromStart(at);
}
