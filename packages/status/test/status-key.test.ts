import { isPsaState, PSA_STATES, statusKey } from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';

describe('statusKey', () => {
  it.each([
    ['Pending Activation', 'pendingactivation'],
    ['pending_activation', 'pendingactivation'],
    ['PENDINGACTIVATION', 'pendingactivation'],
    ['Pending-Activation', 'pendingactivation'],
    ['  Waiting For Details ', 'waitingfordetails'],
    ['Annulé', 'annule'],
  ])('%j → %j', (input, key) => {
    expect(statusKey(input)).toBe(key);
  });
});

describe('PsaState', () => {
  it('lists and recognises the two states', () => {
    expect(PSA_STATES).toEqual(['active', 'inactive']);
    expect(isPsaState('active')).toBe(true);
    expect(isPsaState('inactive')).toBe(true);
    expect(isPsaState('Active')).toBe(false);
    expect(isPsaState(undefined)).toBe(false);
  });
});
