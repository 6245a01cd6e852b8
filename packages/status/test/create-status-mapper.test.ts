import { createStatusMapper, StatusOptionsError, type UnknownStatusEvent } from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';

describe('createStatusMapper — per-connection settings', () => {
  it('applies subscription and company overrides separately', () => {
    const mapper = createStatusMapper({
      subscriptionOverrides: { PendingManual: 'active' },
      companyOverrides: { Inactive: 'active' },
    });
    expect(mapper.mapSubscriptionStatus('pending_manual')).toMatchObject({ state: 'active', source: 'override' });
    expect(mapper.mapSubscriptionStatus('Cancelled')).toMatchObject({ state: 'inactive', source: 'table' });
    expect(mapper.mapCompanyStatus('INACTIVE')).toMatchObject({ state: 'active', source: 'override' });
    expect(mapper.mapCompanyStatus('Deleted')).toMatchObject({ state: 'inactive', source: 'table' });
  });

  it('two connections do not share overrides', () => {
    const first = createStatusMapper({ subscriptionOverrides: { Trial: 'inactive' } });
    const second = createStatusMapper();
    expect(first.mapSubscriptionStatus('Trial').state).toBe('inactive');
    expect(second.mapSubscriptionStatus('Trial').state).toBe('active');
  });

  it('shows the effective tables for a settings page, overrides applied', () => {
    const mapper = createStatusMapper({ subscriptionOverrides: { PendingManual: 'active' } });
    const row = mapper.subscriptionTable.entries.find((entry) => entry.status === 'PendingManual');
    expect(row).toMatchObject({ state: 'active', description: expect.stringContaining('manual') });
    expect(mapper.subscriptionTable.version).toBe(1);
    expect(mapper.subscriptionTable.entries).toHaveLength(10);
    expect(mapper.companyTable.entries.map((entry) => entry.state)).toEqual(['active', 'inactive', 'inactive']);
  });

  it('reports unknown subscription and company statuses through one callback, with the policy', () => {
    const reported: UnknownStatusEvent[] = [];
    const mapper = createStatusMapper({ unknownStatusPolicy: 'active', onUnknownStatus: (event) => reported.push(event) });
    expect(mapper.mapSubscriptionStatus('Paused').state).toBe('active');
    expect(mapper.mapCompanyStatus('Archived').state).toBe('active');
    expect(reported).toEqual([
      { kind: 'subscription', status: 'Paused', state: 'active', tableVersion: 1 },
      { kind: 'company', status: 'Archived', state: 'active', tableVersion: 1 },
    ]);
  });

  it('rejects an override with a state other than active/inactive, naming the field', () => {
    const act = () => createStatusMapper({ subscriptionOverrides: { PendingManual: 'enabled' as 'active' } });
    expect(act).toThrow(StatusOptionsError);
    expect(act).toThrow(/^subscriptionOverrides\.PendingManual: must be 'active' or 'inactive', got "enabled"/);
    try {
      act();
    } catch (error) {
      expect(StatusOptionsError.isInstance(error)).toBe(true);
      expect((error as StatusOptionsError).field).toBe('subscriptionOverrides.PendingManual');
    }
  });

  it('rejects an override key with no letters', () => {
    expect(() => createStatusMapper({ companyOverrides: { '--': 'active' } })).toThrow(/^companyOverrides\.--: /);
  });

  it('rejects two spellings of one status with different states', () => {
    expect(() =>
      createStatusMapper({ subscriptionOverrides: { PendingManual: 'active', pending_manual: 'inactive' } }),
    ).toThrow(/conflicts with subscriptionOverrides\.PendingManual/);
  });

  it('rejects an unknown-status policy other than active/inactive', () => {
    expect(() => createStatusMapper({ unknownStatusPolicy: 'ignore' as 'active' })).toThrow(
      /^unknownStatusPolicy: must be 'active' or 'inactive', got "ignore"/,
    );
  });

  it('rejects an onUnknownStatus that is not a function', () => {
    expect(() => createStatusMapper({ onUnknownStatus: 'log' as never })).toThrow(
      /^onUnknownStatus: must be a function \(or left out\), got string\./,
    );
  });

  it('rejects overrides that are not an object of states', () => {
    expect(() => createStatusMapper({ subscriptionOverrides: { Active: undefined as never } })).toThrow(
      /^subscriptionOverrides\.Active: must be 'active' or 'inactive', got undefined/,
    );
  });

  it('isInstance is false for other errors', () => {
    expect(StatusOptionsError.isInstance(new Error('x'))).toBe(false);
    expect(StatusOptionsError.isInstance(null)).toBe(false);
  });
});
