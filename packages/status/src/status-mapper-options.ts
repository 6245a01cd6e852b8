import type { PsaState } from './psa-state';
import type { UnknownStatusEvent } from './status-mapping';

/**
 * What happens to a status that neither the table nor an override names: it gets this PSA state,
 * is flagged `known: false`, and is reported to `onUnknownStatus`. Never an exception.
 */
export type UnknownStatusPolicy = PsaState;

/** Options for mapping one kind of status (subscription or company). */
export interface MapStatusOptions {
  /**
   * Per-connection overrides, keyed by status in any spelling (`'PendingManual'`, `'pending manual'`);
   * they win over the table and may also name statuses the table does not know.
   * @example { PendingManual: 'active' }
   */
  readonly overrides?: Readonly<Record<string, PsaState>>;
  /** The state given to an unknown status. Default `'inactive'`. */
  readonly unknownStatusPolicy?: UnknownStatusPolicy;
  /** Called for every unknown status, so it can be logged or surfaced; the mapping still returns. */
  readonly onUnknownStatus?: (event: UnknownStatusEvent) => void;
}

/** Settings of one connection's status mapper (see {@link createStatusMapper}). */
export interface StatusMapperSettings {
  /** Overrides for subscription statuses, keyed by status in any spelling. */
  readonly subscriptionOverrides?: Readonly<Record<string, PsaState>>;
  /** Overrides for company statuses, keyed by status in any spelling. */
  readonly companyOverrides?: Readonly<Record<string, PsaState>>;
  /** The state given to an unknown status (subscription or company). Default `'inactive'`. */
  readonly unknownStatusPolicy?: UnknownStatusPolicy;
  /** Called for every unknown status; the mapping still returns. */
  readonly onUnknownStatus?: (event: UnknownStatusEvent) => void;
}
