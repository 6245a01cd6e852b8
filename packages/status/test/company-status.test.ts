import { COMPANY_STATUS_TABLE, mapCompanyStatus, type UnknownStatusEvent } from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';

describe('mapCompanyStatus', () => {
  it.each([
    ['Active', 'Active', 'active'],
    ['Inactive', 'Inactive', 'inactive'],
    ['Deleted', 'Deleted', 'inactive'],
    ['DELETED', 'Deleted', 'inactive'],
    ['in active', 'Inactive', 'inactive'],
    ['active', 'Active', 'active'],
  ] as const)('%j → %s (%s)', (input, status, state) => {
    expect(mapCompanyStatus(input)).toEqual({
      state,
      status,
      known: true,
      description: COMPANY_STATUS_TABLE.entries.find((entry) => entry.status === status)?.description,
      source: 'table',
      tableVersion: COMPANY_STATUS_TABLE.version,
    });
  });

  it('exports its table as versioned data', () => {
    expect(COMPANY_STATUS_TABLE).toMatchObject({ kind: 'company', version: 1 });
    expect(COMPANY_STATUS_TABLE.entries.map((entry) => entry.status)).toEqual(['Active', 'Inactive', 'Deleted']);
  });

  it('subscription-only statuses are unknown for companies', () => {
    const reported: UnknownStatusEvent[] = [];
    const result = mapCompanyStatus('Trial', { onUnknownStatus: (event) => reported.push(event) });
    expect(result).toMatchObject({ known: false, state: 'inactive', source: 'unknown-policy' });
    expect(reported).toEqual([{ kind: 'company', status: 'Trial', state: 'inactive', tableVersion: 1 }]);
  });

  it('overrides apply to company statuses', () => {
    expect(mapCompanyStatus('inactive', { overrides: { Inactive: 'active' } })).toMatchObject({
      state: 'active',
      status: 'Inactive',
      source: 'override',
    });
  });
});
