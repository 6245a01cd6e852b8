import { describe, expect, it } from 'vitest';
import { pax8SyncTaskNames, workerMetricNames } from '../src/index';
import { connectionOn, jobsOf, waitFor } from './support/harness';
import { useWebhookFixtures } from './support/webhook-fixture';

const connected = useWebhookFixtures();

describe('the reconcile task starts the webhook sweeps (simulator over HTTP, Postgres storage)', { timeout: 120_000 }, () => {
  it('keys a sweep for a connection with a webhook, none for one without, and none once the registration is removed', async () => {
    const f = await connected({ debounceMs: 0 });
    const { id, worker, meter, sim, setup, baseUrl } = f;
    const other = await connectionOn(setup.engine, sim, baseUrl, 'No Webhook MSP');
    const sweeps = () => jobsOf(setup, 'task_identifier = $1', [pax8SyncTaskNames.webhookSweep]);

    const result = await worker.scheduleConnections();
    expect(result.connections).toBe(2);
    expect((await sweeps()).map((j) => j.key)).toEqual([`${pax8SyncTaskNames.webhookSweep}:${id}`]);
    // Again: the waiting sweep is kept, not doubled.
    await worker.scheduleConnections();
    expect((await sweeps()).map((j) => j.key)).toEqual([`${pax8SyncTaskNames.webhookSweep}:${id}`]);
    expect((await sweeps()).some((j) => j.key?.endsWith(other))).toBe(false);

    // The registration goes: the waiting sweep runs once, finds no webhook and schedules no other.
    await setup.storage.webhooks?.delete(id);
    await worker.start();
    await waitFor('the sweep found no webhook', async () => meter.sum(workerMetricNames.webhookSweeps, { outcome: 'no-webhook' }) === 1);
    await waitFor('the sweep job done', async () => (await sweeps()).length === 0);
    await waitFor('the start-up reconcile done', async () => (await jobsOf(setup, 'task_identifier = $1', [pax8SyncTaskNames.reconcile])).length === 0);
    await worker.scheduleConnections();
    expect(await sweeps()).toEqual([]);
    expect(meter.sum(workerMetricNames.webhookSweeps)).toBe(1);
  });
});
