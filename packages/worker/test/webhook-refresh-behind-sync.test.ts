import { describe, expect, it } from 'vitest';
import { workerMetricNames } from '../src/index';
import { runsOf, waitFor } from './support/harness';
import { type LockEvent, recordingLocks } from './support/lock-log';
import { acceptedDeliveries, handledDeliveries, quantityOf, refreshJobs, requestGate, useWebhookFixtures } from './support/webhook-fixture';

const connected = useWebhookFixtures();

describe('a webhook refresh put back behind a running full sync (simulator over HTTP, Postgres storage)', { timeout: 120_000 }, () => {
  it('never runs with the sync, is deferred, and runs exactly once after it; the row ends as Pax8 has it', async () => {
    const gate = requestGate();
    const locks: LockEvent[] = [];
    // Every answer of the simulator waits at the gate while it is closed: the full sync holds its lease meanwhile.
    // Concurrency leaves room for the refresh next to the sync and the start-up jobs that also wait at the gate.
    const f = await connected({ debounceMs: 0, sim: { latencyMs: 1, wait: gate.wait }, worker: { concurrency: 6 }, workerStorage: (s) => recordingLocks(s, locks) });
    const { id, worker, meter, sim } = f;
    const subscriptionLock = () => locks.filter((e) => e.name === 'sync:subscriptions');
    const byRefresh = (e: LockEvent) => e.holder.startsWith('webhook:');

    gate.close();
    await worker.start();
    await worker.syncNow(id, ['subscriptions']);
    await waitFor('the full sync holding its lease, its requests held', async () => subscriptionLock().some((e) => e.event === 'acquired') && gate.waiting > 0);

    const changed = sim.world.subscriptions.list().find((s) => s.status === 'Active')!;
    sim.world.subscriptions.update(changed.id, { quantity: changed.quantity + 5 });
    await sim.webhooks.settled();
    expect(acceptedDeliveries(f)).toBe(1);
    await waitFor('the delivery handled', async () => handledDeliveries(f) === 1);
    // A sync is running (it may be past this company already): a refresh job, which meets the lock and is put back.
    await waitFor('the refresh deferred', async () => meter.sum(workerMetricNames.webhookRefreshes, { outcome: 'deferred' }) >= 1);
    const putBack = await waitFor('the refresh job put back', async () => {
      const jobs = await refreshJobs(f);
      return jobs.length === 1 && jobs[0]!.locked_at === null ? jobs[0] : undefined;
    });
    expect(putBack.run_at.getTime()).toBeGreaterThan(Date.now());
    expect(await quantityOf(f, changed.id)).toBe(changed.quantity);

    gate.open();
    await waitFor('the refresh ran', async () => meter.sum(workerMetricNames.webhookRefreshes, { outcome: 'succeeded' }) === 1);
    expect(await quantityOf(f, changed.id)).toBe(changed.quantity + 5);
    await waitFor('no refresh job left', async () => (await refreshJobs(f)).length === 0);
    const runs = await runsOf(f.setup, id, 'subscriptions');
    expect(runs.at(-1)?.outcome).toBe('succeeded');

    // The lock's history: never two holders at once (each lease let go by its holder before the next is
    // taken); the refresh refused while the sync held it, and taken exactly once, after the sync let go.
    const history = subscriptionLock().map((e) => `${e.event} by ${byRefresh(e) ? 'refresh' : 'sync'}`);
    const held = subscriptionLock().filter((e) => e.event !== 'refused');
    const overlaps = held.filter((e, i) => (e.event === 'acquired' ? i % 2 !== 0 : i % 2 !== 1 || held[i - 1]!.holder !== e.holder));
    expect(overlaps, history.join(', ')).toEqual([]);
    expect(history.filter((e) => e === 'acquired by refresh')).toHaveLength(1);
    const first = (what: string) => history.indexOf(what);
    expect(history.slice(0, 3), history.join(', ')).toEqual(['acquired by sync', 'refused by refresh', 'released by sync']);
    expect(first('acquired by refresh')).toBeGreaterThan(first('released by sync'));
  });
});
