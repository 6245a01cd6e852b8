import type { Pax8DriftKind } from './drift-kinds';
import type { Pax8DriftMangle } from './record-drift';

/** The paging truth of a drifted page next to what was served. */
export interface Pax8DriftPageReport {
  /** Page number asked for. */
  number: number;
  /** Page size (capped at 200). */
  size: number;
  /** What the listing really holds: its totals and the ids this page should have served, in order. */
  truth: { totalElements: number; totalPages: number; ids: string[] };
  /** What the response said: its totals and the string ids it served, in order (duplicates kept). */
  served: { totalElements: number; totalPages: number; ids: string[] };
}

/**
 * What the simulator did to one response. `hidden` and `duplicated` are computed from the truth and
 * the served body, so they hold whatever the kinds combined to do.
 */
export interface Pax8DriftReport {
  /** Sequence number of the request in the log (`sim.requests[].seq`). */
  seq: number;
  /** Method. */
  method: string;
  /** Absolute URL as received. */
  url: string;
  /** Route key, e.g. `'GET /v1/subscriptions'`. */
  route: string;
  /** Kinds that changed something, page kinds first, in the order applied. */
  kinds: Pax8DriftKind[];
  /** Paging truth and what was served (listing responses only). */
  page?: Pax8DriftPageReport;
  /** Ids this page truly holds that the response did not serve with their true id (left out, pushed off, or id mangled). */
  hidden: string[];
  /** Ids served more than once in this response, or served here although they belong to another page. */
  duplicated: string[];
  /** Every record mangle, with the record's true id. */
  mangled: Pax8DriftMangle[];
}

/** A digest of the retained drift reports. */
export interface Pax8DriftSummary {
  /** Responses that drifted. */
  responses: number;
  /** Ids hidden from at least one response (sorted, unique). */
  hidden: string[];
  /** Ids duplicated in at least one response (sorted, unique). */
  duplicated: string[];
  /** Ids of records mangled in at least one response (sorted, unique). */
  mangledIds: string[];
  /** Every mangle, oldest first. */
  mangled: Pax8DriftMangle[];
}

/** Sums up reports. */
export function summarise(reports: readonly Pax8DriftReport[]): Pax8DriftSummary {
  const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
  const mangled = reports.flatMap((r) => r.mangled);
  return {
    responses: reports.length,
    hidden: sorted(reports.flatMap((r) => r.hidden)),
    duplicated: sorted(reports.flatMap((r) => r.duplicated)),
    mangledIds: sorted(mangled.map((m) => m.id)),
    mangled,
  };
}
