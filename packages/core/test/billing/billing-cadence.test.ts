import { defaultBillingCadence, dueSyncs, latestRuns, type SyncRun } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { describe, expect, it } from 'vitest';
import { runAt } from '../support/runs';

const HOUR = 3_600_000;
const at = (day: number, hour = 9) => Date.UTC(2026, 5, day, hour);
const run = (entity: SyncRun['entity'], startedAt: number, options: { outcome?: SyncRun['outcome']; period?: string } = {}): SyncRun =>
  runAt(entity, startedAt, options.outcome, options.period === undefined ? null : { version: 2, billing: { period: options.period, stage: 3 } });
/** The three record syncs, just run at `t`: never due in these tests. */
const fresh = (t: number) => [run('companies', t), run('products', t), run('subscriptions', t)];
const billing = { billing: true };

describe('billing cadence in dueSyncs', () => {
  it('without { billing: true } nothing changes: billing runs are ignored and never listed', () => {
    const runs = [...fresh(at(10, 10)), run('invoices', at(1), { outcome: 'failed', period: '2026-06' })];
    expect(dueSyncs({ id: 'c' }, runs, at(10, 10))).toEqual([]);
    expect(dueSyncs({ id: 'c' }, [], at(10))).toEqual([
      { entity: 'companies', reason: 'never-synced' },
      { entity: 'products', reason: 'never-synced' },
      { entity: 'subscriptions', reason: 'never-synced' },
    ]);
  });

  it('the current month daily (draft items), with the month to pull; a failed run resumes its own month', () => {
    expect(defaultBillingCadence).toEqual({ intervalMs: 24 * HOUR, invoiceDay: 5 });
    // Before the 5th: only the current month.
    expect(dueSyncs({ id: 'c' }, fresh(at(25)), at(3), billing)).toEqual([{ entity: 'invoices', reason: 'never-synced', period: '2026-06' }]);
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), run('invoices', at(2), { period: '2026-06' })], at(3, 8), billing)).toEqual([]);
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), run('invoices', at(2), { period: '2026-06' })], at(3, 9), billing)).toEqual([{ entity: 'invoices', reason: 'interval-elapsed', period: '2026-06' }]);
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), run('invoices', at(2), { period: '2026-06', outcome: 'running' })], at(2, 12), billing)).toEqual([]);
    const failedMay = run('invoices', at(6), { period: '2026-05', outcome: 'failed' });
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), failedMay], at(6, 10), billing)).toEqual([
      { entity: 'invoices', reason: 'never-synced', period: '2026-06' },
      { entity: 'invoices', reason: 'last-run-failed', period: '2026-05' },
    ]);
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), run('invoices', at(6), { period: '2026-06' })], at(7, 10), { billing: true, cadence: { invoices: 48 * HOUR } })).toEqual([
      { entity: 'invoices', reason: 'invoices-issued', period: '2026-05' },
    ]);
  });

  it('after the 5th the previous month once more, until a pull of it started on or after the 5th succeeded', () => {
    const june = run('invoices', at(6), { period: '2026-06' });
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), june], at(6, 10), billing)).toEqual([{ entity: 'invoices', reason: 'invoices-issued', period: '2026-05' }]);
    const mayBefore = run('invoices', at(4), { period: '2026-05' });
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), june, mayBefore], at(6, 10), billing)).toEqual([{ entity: 'invoices', reason: 'invoices-issued', period: '2026-05' }]);
    const mayAfter = run('invoices', at(6, 10), { period: '2026-05' });
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), june, mayAfter], at(20, 8), billing)).toEqual([{ entity: 'invoices', reason: 'interval-elapsed', period: '2026-06' }]);
    // January: the previous month is December of the year before.
    expect(dueSyncs({ id: 'c' }, [...fresh(Date.UTC(2027, 0, 6, 1)), run('invoices', Date.UTC(2027, 0, 6), { period: '2027-01' })], Date.UTC(2027, 0, 6, 1), billing)).toEqual([
      { entity: 'invoices', reason: 'invoices-issued', period: '2026-12' },
    ]);
  });

  it('due-ness is per month: a previous month that keeps failing does not hold up the current month\'s daily pull', () => {
    const juneDone = run('invoices', at(6, 8), { period: '2026-06' });
    const mayFailing = run('invoices', at(7, 9), { period: '2026-05', outcome: 'failed' });
    // A day after June's last pull, May's newest run failed: both are due, each for its own reason.
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), juneDone, mayFailing], at(7, 10), billing)).toEqual([
      { entity: 'invoices', reason: 'interval-elapsed', period: '2026-06' },
      { entity: 'invoices', reason: 'last-run-failed', period: '2026-05' },
    ]);
    // June's own failure resumes June; an April pull made on request that failed is resumed too.
    const juneFailed = run('invoices', at(7, 11), { period: '2026-06', outcome: 'failed' });
    const mayDone = run('invoices', at(7, 10), { period: '2026-05' });
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), mayDone, juneFailed], at(7, 12), billing)).toEqual([{ entity: 'invoices', reason: 'last-run-failed', period: '2026-06' }]);
    const aprilFailed = run('invoices', at(7, 13), { period: '2026-04', outcome: 'failed' });
    expect(dueSyncs({ id: 'c' }, [...fresh(at(25)), mayDone, juneFailed, aprilFailed], at(7, 14), billing)).toEqual([
      { entity: 'invoices', reason: 'last-run-failed', period: '2026-06' },
      { entity: 'invoices', reason: 'last-run-failed', period: '2026-04' },
    ]);
  });

  it('latestRuns({ billing: true }) adds the recent billing runs; without it none', async () => {
    const storage = createMemoryStorage();
    for (const r of [run('companies', at(1)), run('invoices', at(2), { period: '2026-05' }), run('invoices', at(3), { period: '2026-06' })]) await storage.runs.start(r);
    expect((await latestRuns(storage, 'c')).map((r) => r.entity)).toEqual(['companies']);
    expect((await latestRuns(storage, 'c', { billing: true })).map((r) => r.id).sort()).toEqual([`companies-${at(1)}`, `invoices-${at(2)}`, `invoices-${at(3)}`].sort());
  });
});
