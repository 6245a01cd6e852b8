import { defaultSyncCadence, dueSyncs, type SyncRun } from '@pax8-sync/core';
import { describe, expect, it } from 'vitest';

const HOUR = 3_600_000;
const run = (entity: SyncRun['entity'], startedAt: number, outcome: SyncRun['outcome'] = 'succeeded'): SyncRun => ({
  id: `${entity}-${startedAt}`,
  connectionId: 'c',
  entity,
  pullId: `${entity}-${startedAt}`,
  resumedFromRunId: null,
  startedAt,
  finishedAt: outcome === 'running' ? null : startedAt + 1,
  outcome,
  checkpoint: null,
  counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 },
  error: null,
  flags: [],
});

describe('dueSyncs', () => {
  it('uses the default cadence: companies 4 h, subscriptions 1 h, products 24 h', () => {
    expect(defaultSyncCadence).toEqual({ companies: 4 * HOUR, subscriptions: HOUR, products: 24 * HOUR });
    expect(dueSyncs({ id: 'c' }, [], 0)).toEqual([
      { entity: 'companies', reason: 'never-synced' },
      { entity: 'products', reason: 'never-synced' },
      { entity: 'subscriptions', reason: 'never-synced' },
    ]);
    const lastRuns = [run('companies', 0), run('products', 0), run('subscriptions', 0)];
    expect(dueSyncs({ id: 'c' }, lastRuns, HOUR - 1)).toEqual([]);
    expect(dueSyncs({ id: 'c' }, lastRuns, HOUR)).toEqual([{ entity: 'subscriptions', reason: 'interval-elapsed' }]);
    expect(dueSyncs({ id: 'c' }, lastRuns, 4 * HOUR).map((d) => d.entity)).toEqual(['companies', 'subscriptions']);
    expect(dueSyncs({ id: 'c' }, lastRuns, 24 * HOUR).map((d) => d.entity)).toEqual(['companies', 'products', 'subscriptions']);
  });

  it('uses the latest run: a failed one is due at once, a running one only once a whole interval passed', () => {
    const lastRuns = [run('companies', 0), run('companies', 10, 'failed'), run('products', 0), run('subscriptions', 20, 'running'), run('subscriptions', 0)];
    expect(dueSyncs({ id: 'c' }, lastRuns, 30)).toEqual([{ entity: 'companies', reason: 'last-run-failed' }]);
    expect(dueSyncs({ id: 'c' }, lastRuns, 20 + HOUR).map((d) => d.entity)).toEqual(['companies', 'subscriptions']);
    expect(dueSyncs({ id: 'c' }, [run('products', 0)], 2 * HOUR, { cadence: { products: HOUR } })[1]).toEqual({ entity: 'products', reason: 'interval-elapsed' });
    const otherConnection = { ...run('companies', 0), connectionId: 'other' };
    expect(dueSyncs({ id: 'c' }, [otherConnection], 1)[0]).toEqual({ entity: 'companies', reason: 'never-synced' });
  });
});
