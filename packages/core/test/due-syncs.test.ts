import { defaultSyncCadence, dueSyncs, latestRuns, type SyncRun } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { describe, expect, it } from 'vitest';
import { runAt } from './support/runs';

const HOUR = 3_600_000;
const run = runAt;

describe('dueSyncs', () => {
  it('uses the default cadence: companies 4 h, subscriptions 1 h, products 24 h (billing daily, listed only when asked)', () => {
    expect(defaultSyncCadence).toEqual({ companies: 4 * HOUR, subscriptions: HOUR, products: 24 * HOUR, invoices: 24 * HOUR });
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

describe('latestRuns', () => {
  it('feeds dueSyncs the newest run of each entity, however many runs of another entity came after it', async () => {
    const storage = createMemoryStorage();
    const start = (r: SyncRun) => storage.runs.start(r);
    await start(run('products', 0));
    await start(run('companies', 0));
    for (let i = 1; i <= 60; i += 1) await start(run('subscriptions', i * 60_000, 'failed'));
    const now = 2 * HOUR;
    // The first page of history is all subscription runs: products and companies look never synced.
    expect(dueSyncs({ id: 'c' }, await storage.runs.list('c'), now).map((d) => d.reason)).toContain('never-synced');
    const latest = await latestRuns(storage, 'c');
    expect(latest.map((r) => r.id).sort()).toEqual(['companies-0', 'products-0', `subscriptions-${60 * 60_000}`]);
    expect(dueSyncs({ id: 'c' }, latest, now)).toEqual([{ entity: 'subscriptions', reason: 'last-run-failed' }]);
    expect(await latestRuns(createMemoryStorage(), 'c')).toEqual([]);
  });
});
