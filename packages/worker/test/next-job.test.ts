import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nextSlot, syncJobKey } from '../src/index';
import { addSyncJobs, type JobsDb } from '../src/schedule/sync-jobs';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, mapAllCompanies, runsOf, setUp, type TestSetup, waitFor } from './support/harness';

let server: TestServer;
let sim: Pax8Simulator;
let baseUrl: string;
let setup: TestSetup;

beforeAll(async () => {
  server = await startTestServer();
  // Subscriptions pages answer after 300 ms: the sync is still running when the test adds its job.
  sim = createPax8Simulator({ seed: 5, companies: 3, products: 4, subscriptions: 20, faults: { routes: { 'GET /v1/subscriptions': { delay: 1 } }, delayMs: 300 } });
  baseUrl = await sim.listen();
});
afterAll(async () => {
  await sim.close();
  await server.close();
});
afterEach(async () => {
  await setup.close();
});

const hour = 3_600_000;

async function payloadOf(key: string) {
  const { rows } = await setup.pool.query<{ run_at: Date; payload: { scheduledFor: number; trigger: string } }>(
    `SELECT run_at, payload FROM "${setup.schemas.graphile}"._private_jobs WHERE key = $1 AND locked_at IS NULL`,
    [key],
  );
  return rows;
}

describe('the job after a sync runs at the slot its payload names', { timeout: 120_000 }, () => {
  it('a waiting job due later than the next slot is brought forward to it (lateness is measured against that slot)', async () => {
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    await mapAllCompanies(setup, id, sim);
    const worker = setup.worker({ concurrency: 3, syncDefaults: { pageSize: 5, prefetch: 1 } });
    await worker.migrate();
    await worker.start();
    const key = syncJobKey(id, 'subscriptions');
    await waitFor('the subscriptions sync to run', async () => (await runsOf(setup, id, 'subscriptions')).some((r) => r.outcome === 'running'));
    // While it runs, something schedules the pair ten hours out (a stale schedule, a replaced job).
    const jobs: JobsDb = { db: setup.pool, graphileSchema: `"${setup.schemas.graphile}"`, maxAttempts: 25 };
    const later = Date.now() + 10 * hour;
    await addSyncJobs(jobs, [{ connectionId: id, entity: 'subscriptions', runAt: later, scheduledFor: later, trigger: 'schedule', priority: 0, queueName: null }], 'replace');
    expect((await payloadOf(key))[0]!.run_at.getTime()).toBe(later);

    const run = await waitFor('the sync to finish', async () => (await runsOf(setup, id, 'subscriptions')).find((r) => r.outcome === 'succeeded'));
    const [next] = await waitFor('the next job at the slot', async () => {
      const found = await payloadOf(key);
      return found.length === 1 && found[0]!.run_at.getTime() !== later ? found : undefined;
    });
    const slot = nextSlot(id, 'subscriptions', hour, run.startedAt);
    expect(next!.run_at.getTime()).toBe(slot);
    expect(next!.payload.scheduledFor).toBe(slot);
    await worker.stop();
  });

  it("the reconcile pass's `missing` mode leaves a waiting job exactly as it is (run time and payload)", async () => {
    setup = await setUp(server);
    const scheduler = setup.worker();
    await scheduler.migrate();
    const jobs: JobsDb = { db: setup.pool, graphileSchema: `"${setup.schemas.graphile}"`, maxAttempts: 25 };
    const at = Date.now() + hour;
    const spec = { connectionId: 'c-1', entity: 'companies' as const, priority: 0, queueName: null, trigger: 'schedule' as const };
    await addSyncJobs(jobs, [{ ...spec, runAt: at, scheduledFor: at }], 'replace');
    // A reconcile pass that read the key as missing a moment before: it must not overwrite the job's payload.
    await addSyncJobs(jobs, [{ ...spec, runAt: Date.now(), scheduledFor: Date.now(), trigger: 'manual' }, { ...spec, connectionId: 'c-2', runAt: at, scheduledFor: at }], 'missing');
    const [kept] = await payloadOf(syncJobKey('c-1', 'companies'));
    expect(kept!.run_at.getTime()).toBe(at);
    expect(kept!.payload).toMatchObject({ scheduledFor: at, trigger: 'schedule' });
    expect(await jobsOf(setup, 'key = $1', [syncJobKey('c-2', 'companies')])).toHaveLength(1);
  });
});
