import { describe, expect, it } from 'vitest';
import { pax8SyncTaskNames, syncJobKey, workerMetricNames } from '../src/index';
import { jobsOf, waitFor } from './support/harness';
import { acceptedDeliveries, companyReads, handledDeliveries, quantityOf, refreshJobs, useWebhookFixtures } from './support/webhook-fixture';

const connected = useWebhookFixtures();

describe('webhook tasks on graphile-worker (simulator over HTTP, Postgres storage)', { timeout: 120_000 }, () => {
  it('100 deliveries about one company: one refresh job, one read of that company, the row as Pax8 has it', async () => {
    const f = await connected({ debounceMs: 3_600_000 });
    const { id, worker, meter, sim, setup } = f;
    const changed = sim.world.subscriptions.list().find((s) => s.status === 'Active')!;
    const ids = sim.world.subscriptions.list().filter((s) => s.companyId === changed.companyId).map((s) => s.id);
    sim.world.subscriptions.update(changed.id, { quantity: changed.quantity + 7 });
    for (let i = 0; i < 99; i++) sim.webhooks.emit({ topic: 'SUBSCRIPTION', id: ids[i % ids.length]! });
    await sim.webhooks.settled();
    // Accepted (202), or recognised as a replay of an identical body (200): none refused, none lost.
    expect(sim.webhooks.deliveries.filter((d) => d.httpStatusCode === 202 || d.httpStatusCode === 200)).toHaveLength(100);
    const accepted = acceptedDeliveries(f);
    expect(accepted).toBeGreaterThan(1);
    await waitFor('the accepted deliveries handled', async () => handledDeliveries(f) === accepted);
    const jobs = await refreshJobs(f);
    expect(jobs.map((j) => j.key)).toEqual([`${pax8SyncTaskNames.webhookRefresh}:${id}:company:${changed.companyId}`]);
    expect(await quantityOf(f, changed.id)).toBe(changed.quantity);

    // The debounce is an hour: bring the one job forward (graphile-worker's own function) and run the worker.
    await setup.pool.query(`SELECT "${setup.schemas.graphile}".reschedule_jobs($1::bigint[], run_at => now())`, [jobs.map((j) => j.id)]);
    const before = companyReads(f, changed.companyId);
    await worker.start();
    await waitFor('the refresh ran', async () => meter.sum(workerMetricNames.webhookRefreshes, { outcome: 'succeeded' }) === 1);
    expect(await quantityOf(f, changed.id)).toBe(changed.quantity + 7);
    expect(companyReads(f, changed.companyId) - before).toBe(1);
    expect(meter.sum(workerMetricNames.webhookRefreshes)).toBe(1);
    expect(await refreshJobs(f)).toEqual([]);
  });

  it('company deliveries bring the scheduled companies sync forward: one job under its key, not one more', async () => {
    const f = await connected({ debounceMs: 60_000 });
    const { id, worker, sim, setup } = f;
    await worker.scheduleConnections();
    const key = syncJobKey(id, 'companies');
    // The scheduled slot is drawn from a hash of the connection id, anywhere in the next 4 h (now and
    // then under a minute away): put it an hour out so there is something to bring forward.
    const [slot] = await jobsOf(setup, 'key = $1', [key]);
    await setup.pool.query(`SELECT "${setup.schemas.graphile}".reschedule_jobs($1::bigint[], run_at => now() + interval '1 hour')`, [[slot!.id]]);
    const [scheduled] = await jobsOf(setup, 'key = $1', [key]);
    expect(scheduled!.run_at.getTime()).toBeGreaterThan(Date.now() + 60_000);
    const company = sim.world.companies.ids()[0]!;
    for (let i = 0; i < 10; i++) sim.webhooks.emit({ topic: 'COMPANY', id: company });
    await sim.webhooks.settled();
    const accepted = acceptedDeliveries(f);
    expect(accepted).toBeGreaterThan(0);
    await waitFor(() => `the ${accepted} accepted deliveries handled (${JSON.stringify(sim.webhooks.deliveries.map((d) => [d.topic, d.httpStatusCode]))})`, async () => handledDeliveries(f, 'companies') === accepted, 20_000);
    // Every sync job of the connection is keyed: one each, the companies one brought forward (no extra job).
    const jobs = await jobsOf(setup, 'task_identifier = $1', [pax8SyncTaskNames.sync]);
    expect(jobs.map((j) => j.key).sort()).toEqual([syncJobKey(id, 'companies'), syncJobKey(id, 'products'), syncJobKey(id, 'subscriptions')].sort());
    const companies = jobs.find((j) => j.key === key)!;
    expect(companies.run_at.getTime()).toBeLessThan(scheduled!.run_at.getTime());
    expect(companies.run_at.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('a sweep finds a delivery Pax8 gave up on and its target is synced, and the next sweep is scheduled', async () => {
    const f = await connected({ debounceMs: 0 });
    const { id, worker, meter, sim, setup } = f;
    const lost = sim.world.subscriptions.list().find((s) => s.status === 'Active')!;
    sim.webhooks.inject({ kind: 'fail' });
    sim.world.subscriptions.update(lost.id, { quantity: lost.quantity + 3 });
    await sim.webhooks.settled();
    expect(sim.webhooks.deliveries.map((d) => [d.recordId, d.outcome])).toEqual([[lost.id, 'FAILED']]);
    expect(meter.sum(workerMetricNames.webhookDeliveries)).toBe(0);

    await worker.sweepWebhooksNow(id);
    await worker.start();
    await waitFor('the swept target synced', async () => (await quantityOf(f, lost.id)) === lost.quantity + 3);
    expect(meter.sum(workerMetricNames.webhookSweeps, { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(meter.sum(workerMetricNames.webhookSweptTargets)).toBeGreaterThanOrEqual(1);
    expect(sim.requests.some((r) => r.url.includes('/logs') && r.url.includes('status=FAILED'))).toBe(true);
    await waitFor('the refresh counted', async () => meter.sum(workerMetricNames.webhookRefreshes, { target: 'company-subscriptions', outcome: 'succeeded' }) === 1);
    const sweeps = await jobsOf(setup, 'task_identifier = $1', [pax8SyncTaskNames.webhookSweep]);
    expect(sweeps.map((j) => j.key)).toEqual([`${pax8SyncTaskNames.webhookSweep}:${id}`]);
  });
});
