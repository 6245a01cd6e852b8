import { createStatusMapper, mapCompanyStatus, mapSubscriptionStatus, StatusOptionsError } from '@pax8-sync/status';
import { describe, expect, it } from 'vitest';

// Options often come from stored connection settings (JSON), so their shape is checked, not assumed.
describe('status options of the wrong shape are refused with a typed error naming the field', () => {
  it.each([null, 'inactive', 42, ['active']])('options %j', (options) => {
    for (const act of [
      () => mapSubscriptionStatus('Active', options as never),
      () => mapCompanyStatus('Active', options as never),
    ]) {
      expect(act).toThrow(StatusOptionsError);
      expect(act).toThrow(/^options: must be an object/);
    }
  });

  it.each([null, 42, ['active']])('settings %j', (settings) => {
    const act = () => createStatusMapper(settings as never);
    expect(act).toThrow(StatusOptionsError);
    expect(act).toThrow(/^settings: must be an object/);
  });

  it.each(['Trial', ['active'], 7])('overrides %j (not an object of status → state)', (overrides) => {
    // A string or array used to be read index by index: ['active'] became a silent override of a status "0".
    expect(() => mapSubscriptionStatus('Active', { overrides: overrides as never })).toThrow(
      /^overrides: must be an object mapping Pax8 statuses to 'active' or 'inactive'/,
    );
    expect(() => createStatusMapper({ subscriptionOverrides: overrides as never })).toThrow(
      /^subscriptionOverrides: must be an object/,
    );
    expect(() => createStatusMapper({ companyOverrides: overrides as never })).toThrow(/^companyOverrides: must be an object/);
  });

  it('null or missing overrides are fine', () => {
    expect(mapSubscriptionStatus('Trial', { overrides: null as never }).state).toBe('active');
    expect(createStatusMapper({}).mapSubscriptionStatus('Trial').state).toBe('active');
    expect(createStatusMapper().mapCompanyStatus('Deleted').state).toBe('inactive');
  });
});
