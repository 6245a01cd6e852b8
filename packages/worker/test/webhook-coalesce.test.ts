import { describe, expect, it } from 'vitest';
import { pax8SyncTaskNames, syncJobKey, workerMetricNames } from '../src/index';
import { jobsOf, runsOf, waitFor } from './support/harness';
import { acceptedDeliveries, companyReads, handledDeliveries, quantityOf, refreshJobs, useWebhookFixtures, type WebhookFixture } from './support/webhook-fixture';

const connected = useWebhookFixtures();

/** Schedules the connection and moves its subscriptions sync job `minutes` out (its hashed slot is anywhere in the hour); returns the job. */
async function subscriptionsSyncIn(f: WebhookFixture, minutes: number) {
  await f.worker.scheduleConnections();
  const key = syncJobKey(f.id, 'subscriptions');
  const [slot] = await jobsOf(f.setup, 'key = $1', [key]);
  await f.setup.pool.query(`SELECT "${f.setup.schemas.graphile}".reschedule_jobs($1::bigint[], run_at => now() + make_interval(mins => $2))`, [[slot!.id], minutes]);
  const [job] = await jobsOf(f.setup, 'key = $1', [key]);
  return job!;
}

/** Changes one active subscription in the simulated Pax8 (its webhook delivery follows) and waits until the worker handled it. */
async function changeOne(f: WebhookFixture) {
  const changed = f.sim.world.subscriptions.list().find((s) => s.status === 'Active')!;
  f.sim.world.subscriptions.update(changed.id, { quantity: changed.quantity + 4 });
  await f.sim.webhooks.settled();
  expect(acceptedDeliveries(f)).toBe(1);
  await waitFor('the delivery handled', async () => handledDeliveries(f) === 1);
  return { ...changed, quantity: changed.quantity + 4 };
}

const syncJobs = (f: WebhookFixture) => jobsOf(f.setup, 'task_identifier = $1', [pax8SyncTaskNames.sync]);

describe('a subscription delivery and the scheduled subscriptions sync (simulator over HTTP, Postgres storage)', { timeout: 120_000 }, () => {
  it('the scheduled sync due within the debounce: the delivery relies on it, one job, and that sync stores the change', async () => {
    const f = await connected({ debounceMs: 10 * 60_000 });
    const scheduled = await subscriptionsSyncIn(f, 2);
    const changed = await changeOne(f);
    expect(f.meter.sum(workerMetricNames.webhookDeliveries, { target: 'company-subscriptions', outcome: 'coalesced' })).toBe(1);
    expect(await refreshJobs(f)).toEqual([]);
    const jobs = await syncJobs(f);
    expect(jobs.map((j) => j.key).sort()).toEqual((['companies', 'products', 'subscriptions'] as const).map((e) => syncJobKey(f.id, e)).sort());
    expect(jobs.find((j) => j.key === scheduled.key)!.run_at).toEqual(scheduled.run_at);

    // That one job (brought to now instead of waiting two minutes) is what stores the change.
    await f.setup.pool.query(`SELECT "${f.setup.schemas.graphile}".reschedule_jobs($1::bigint[], run_at => now())`, [[scheduled.id]]);
    await f.worker.start();
    await waitFor('the scheduled subscriptions sync', async () => (await runsOf(f.setup, f.id, 'subscriptions')).filter((r) => r.outcome === 'succeeded').length === 2);
    expect(await quantityOf(f, changed.id)).toBe(changed.quantity);
    expect(f.meter.sum(workerMetricNames.webhookRefreshes)).toBe(0);
    expect(await refreshJobs(f)).toEqual([]);
  });

  it('the scheduled sync due later than the debounce: a targeted refresh of the company, the sync job left where it was', async () => {
    const f = await connected({ debounceMs: 60_000 });
    const scheduled = await subscriptionsSyncIn(f, 60);
    const changed = await changeOne(f);
    expect(f.meter.sum(workerMetricNames.webhookDeliveries, { target: 'company-subscriptions', outcome: 'enqueued' })).toBe(1);
    const [refresh, ...more] = await refreshJobs(f);
    expect(more).toEqual([]);
    expect(refresh!.key).toBe(`${pax8SyncTaskNames.webhookRefresh}:${f.id}:company:${changed.companyId}`);
    expect((await jobsOf(f.setup, 'key = $1', [scheduled.key]))[0]!.run_at).toEqual(scheduled.run_at);

    await f.setup.pool.query(`SELECT "${f.setup.schemas.graphile}".reschedule_jobs($1::bigint[], run_at => now())`, [[refresh!.id]]);
    const before = companyReads(f, changed.companyId);
    await f.worker.start();
    await waitFor('the refresh ran', async () => f.meter.sum(workerMetricNames.webhookRefreshes, { outcome: 'succeeded' }) === 1);
    expect(await quantityOf(f, changed.id)).toBe(changed.quantity);
    expect(companyReads(f, changed.companyId) - before).toBe(1);
    // No full sync ran for it: the one from the set-up is still the only run.
    expect(await runsOf(f.setup, f.id, 'subscriptions')).toHaveLength(1);
  });

  it('the scheduled sync due within the debounce but resuming a failed run: the targeted refresh is kept (the resume may be past the company)', async () => {
    const f = await connected({ debounceMs: 10 * 60_000 });
    f.sim.faults.inject({ kind: 'serverError', route: 'GET /v1/subscriptions', times: 100 });
    expect((await f.setup.engine.syncSubscriptions({ connectionId: f.id })).outcome).toBe('failed');
    f.sim.faults.clear();
    await subscriptionsSyncIn(f, 2);
    const changed = await changeOne(f);
    expect(f.meter.sum(workerMetricNames.webhookDeliveries, { target: 'company-subscriptions', outcome: 'enqueued' })).toBe(1);
    expect((await refreshJobs(f)).map((j) => j.key)).toEqual([`${pax8SyncTaskNames.webhookRefresh}:${f.id}:company:${changed.companyId}`]);
  });
});
