import type { PsaState } from './psa-state';

/** Where a {@link StatusMapping} came from. */
export type StatusMappingSource = 'table' | 'override' | 'unknown-policy';

/** The result of mapping one Pax8 status to a PSA state. */
export interface StatusMapping {
  /** The PSA state to store. */
  readonly state: PsaState;
  /**
   * The Pax8 status: its canonical spelling when it is in the table (`'PendingActivation'` for
   * `'pending_activation'`), otherwise the input as received, trimmed (`''` for a missing status).
   */
  readonly status: string;
  /** `true` when the table or a connection override names this status; `false` when the unknown-status policy decided. */
  readonly known: boolean;
  /** What the status means; for an unknown status, a sentence saying so and which policy applied. */
  readonly description: string;
  /** Which rule decided the state. */
  readonly source: StatusMappingSource;
  /** The version of the status table that produced this mapping. */
  readonly tableVersion: number;
}

/** Reported once per mapping of a status that neither the table nor an override names. */
export interface UnknownStatusEvent {
  /** Whether a subscription or a company status was being mapped. */
  readonly kind: 'subscription' | 'company';
  /** The status as received, trimmed (`''` when missing). */
  readonly status: string;
  /** The PSA state the unknown-status policy gave it. */
  readonly state: PsaState;
  /** The version of the status table that did not know it. */
  readonly tableVersion: number;
}
