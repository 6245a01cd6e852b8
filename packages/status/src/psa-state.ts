/** The state a PSA or billing product keeps for a Pax8 record: billable/live (`'active'`) or not (`'inactive'`). */
export type PsaState = 'active' | 'inactive';

/** Every PSA state, for validation and settings pages. */
export const PSA_STATES: readonly PsaState[] = Object.freeze(['active', 'inactive'] as const);

/** Whether `value` is a {@link PsaState}. */
export function isPsaState(value: unknown): value is PsaState {
  return value === 'active' || value === 'inactive';
}
