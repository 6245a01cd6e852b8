import type { PsaState } from './psa-state';

/** One row of a status table: a canonical Pax8 status, the PSA state it maps to, and what it means. */
export interface StatusTableEntry<S extends string = string> {
  /** The Pax8 status exactly as the Pax8 API spells it, e.g. `'PendingActivation'`. */
  readonly status: S;
  /** The PSA state this status maps to unless a connection overrides it. */
  readonly state: PsaState;
  /** A one-sentence description for settings pages and reviewers. */
  readonly description: string;
}

/** A versioned status table, exported as data so a settings page can show it. */
export interface StatusTable<S extends string = string> {
  /** What the table covers. */
  readonly kind: 'subscription' | 'company';
  /** Bumped whenever a row is added or a mapping changes, so stored results can say which table produced them. */
  readonly version: number;
  /** The rows, in display order. */
  readonly entries: readonly StatusTableEntry<S>[];
}
