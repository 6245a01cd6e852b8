import {
  mapSubscriptionStatus,
  type Pax8SubscriptionStatus,
  SUBSCRIPTION_STATUS_TABLE,
  type UnknownStatusEvent,
} from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';

const expected: [Pax8SubscriptionStatus, 'active' | 'inactive'][] = [
  ['Active', 'active'],
  ['Trial', 'active'],
  ['Converted', 'active'],
  ['PendingActivation', 'active'],
  ['Activated', 'active'],
  ['Cancelled', 'inactive'],
  ['PendingCancel', 'inactive'],
  ['PendingManual', 'inactive'],
  ['PendingAutomated', 'inactive'],
  ['WaitingForDetails', 'inactive'],
];

describe('mapSubscriptionStatus — the table', () => {
  it.each(expected)('%s → %s, known, described, from the table', (status, state) => {
    const result = mapSubscriptionStatus(status);
    expect(result).toEqual({
      state,
      status,
      known: true,
      description: SUBSCRIPTION_STATUS_TABLE.entries.find((entry) => entry.status === status)?.description,
      source: 'table',
      tableVersion: SUBSCRIPTION_STATUS_TABLE.version,
    });
    expect(result.description.length).toBeGreaterThan(10);
  });

  it('the exported table holds exactly the ten Pax8 statuses with these states', () => {
    expect(SUBSCRIPTION_STATUS_TABLE.entries.map((entry) => [entry.status, entry.state])).toEqual(expected);
    expect(SUBSCRIPTION_STATUS_TABLE.version).toBe(1);
    expect(SUBSCRIPTION_STATUS_TABLE.kind).toBe('subscription');
  });

  it('the exported table cannot be changed by a caller', () => {
    expect(Object.isFrozen(SUBSCRIPTION_STATUS_TABLE)).toBe(true);
    expect(Object.isFrozen(SUBSCRIPTION_STATUS_TABLE.entries)).toBe(true);
    expect(Object.isFrozen(SUBSCRIPTION_STATUS_TABLE.entries[0])).toBe(true);
    expect(() => {
      (SUBSCRIPTION_STATUS_TABLE.entries[0] as { state: string }).state = 'inactive';
    }).toThrow(TypeError);
  });
});

describe('mapSubscriptionStatus — spellings', () => {
  it.each([
    ['Pending Activation', 'PendingActivation', 'active'],
    ['pending_activation', 'PendingActivation', 'active'],
    ['PENDINGACTIVATION', 'PendingActivation', 'active'],
    ['pending-activation', 'PendingActivation', 'active'],
    ['  pendingActivation  ', 'PendingActivation', 'active'],
    ['ACTIVE', 'Active', 'active'],
    ['waiting for details', 'WaitingForDetails', 'inactive'],
    ['Pending.Manual', 'PendingManual', 'inactive'],
    ['PENDING_AUTOMATED', 'PendingAutomated', 'inactive'],
    ['pending cancel', 'PendingCancel', 'inactive'],
    ['Canceled', 'Cancelled', 'inactive'],
    ['Pending Cancellation', 'PendingCancel', 'inactive'],
    ['ＴＲＩＡＬ', 'Trial', 'active'],
  ] as const)('%j → %s (%s)', (input, status, state) => {
    const result = mapSubscriptionStatus(input);
    expect(result.status).toBe(status);
    expect(result.state).toBe(state);
    expect(result.known).toBe(true);
    expect(result.source).toBe('table');
  });
});

describe('mapSubscriptionStatus — overrides', () => {
  it('an override wins over the table, in any spelling on either side', () => {
    const result = mapSubscriptionStatus('pending manual', { overrides: { PENDING_MANUAL: 'active' } });
    expect(result).toMatchObject({ state: 'active', status: 'PendingManual', known: true, source: 'override' });
    expect(mapSubscriptionStatus('Trial', { overrides: { trial: 'inactive' } }).state).toBe('inactive');
  });

  it('statuses an override does not name still follow the table', () => {
    const options = { overrides: { PendingManual: 'active' } } as const;
    expect(mapSubscriptionStatus('PendingAutomated', options)).toMatchObject({ state: 'inactive', source: 'table' });
  });

  it('an override may name a status the table does not know; it is then known, from the override', () => {
    const reported: UnknownStatusEvent[] = [];
    const result = mapSubscriptionStatus('Suspended', {
      overrides: { suspended: 'active' },
      onUnknownStatus: (event) => reported.push(event),
    });
    expect(result).toMatchObject({ state: 'active', status: 'Suspended', known: true, source: 'override' });
    expect(result.description).toContain('override');
    expect(reported).toEqual([]);
  });

  it('does not mutate the caller options', () => {
    const options = Object.freeze({ overrides: Object.freeze({ PendingManual: 'active' as const }) });
    mapSubscriptionStatus('PendingManual', options);
    expect(options).toEqual({ overrides: { PendingManual: 'active' } });
  });
});

describe('mapSubscriptionStatus — unknown statuses', () => {
  it('default policy: inactive, flagged unknown, reported, never thrown', () => {
    const reported: UnknownStatusEvent[] = [];
    const result = mapSubscriptionStatus('  Frozen ', { onUnknownStatus: (event) => reported.push(event) });
    expect(result).toEqual({
      state: 'inactive',
      status: 'Frozen',
      known: false,
      description: expect.stringContaining('Unknown subscription status'),
      source: 'unknown-policy',
      tableVersion: 1,
    });
    expect(reported).toEqual([{ kind: 'subscription', status: 'Frozen', state: 'inactive', tableVersion: 1 }]);
  });

  it('the policy can make unknown statuses active', () => {
    expect(mapSubscriptionStatus('Frozen', { unknownStatusPolicy: 'active' })).toMatchObject({
      state: 'active',
      known: false,
      source: 'unknown-policy',
    });
  });

  it.each([null, undefined, '', '   ', '---'])('a missing or empty status (%j) is unknown, not a crash', (input) => {
    const reported: UnknownStatusEvent[] = [];
    const result = mapSubscriptionStatus(input, { onUnknownStatus: (event) => reported.push(event) });
    expect(result.known).toBe(false);
    expect(result.state).toBe('inactive');
    expect(reported).toHaveLength(1);
  });

  it('a non-string status from an untyped payload is unknown, not a crash', () => {
    const result = mapSubscriptionStatus(42 as unknown as string);
    expect(result).toMatchObject({ status: '42', known: false, state: 'inactive' });
  });
});
