import { pax8SyncEntities } from '@pax8-sync/core';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingMeter, nextSlot, syncJobKey, workerMetricNames } from '../src/index';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, mapAllCompanies, runsOf, setUp, type TestSetup, waitFor } from './support/harness';

let server: TestServer;
let sim: Pax8Simulator;
let baseUrl: string;
let setup: TestSetup;

beforeAll(async () => {
  server = await startTestServer();
  sim = createPax8Simulator({ seed: 17, companies: 4, products: 6, subscriptions: 20 });
  baseUrl = await sim.listen();
});
afterAll(async () => {
  await sim.close();
  await server.close();
});
afterEach(async () => {
  await setup.close();
});

describe('scheduling on graphile-worker', () => {
  it('syncs every entity of every connection, then schedules each at its next cadence slot', async () => {
    setup = await setUp(server);
    const a = await connectionOn(setup.engine, sim, baseUrl, 'A');
    const b = await connectionOn(setup.engine, sim, baseUrl, 'B');
    await mapAllCompanies(setup, a);
    const meter = createRecordingMeter();
    const worker = setup.worker({ concurrency: 2, meter });
    await worker.migrate();
    await worker.start();

    for (const connectionId of [a, b]) {
      for (const entity of pax8SyncEntities) {
        await waitFor(`${entity} of ${connectionId} synced`, async () => (await runsOf(setup, connectionId, entity)).some((r) => r.outcome === 'succeeded'));
      }
    }
    // Each (connection, entity) now has exactly one waiting job, at the slot after its last run started.
    for (const connectionId of [a, b]) {
      for (const entity of pax8SyncEntities) {
        const last = (await runsOf(setup, connectionId, entity)).at(-1)!;
        const jobs = await waitFor(`the next ${entity} job of ${connectionId}`, async () => {
          const found = await jobsOf(setup, 'key = $1', [syncJobKey(connectionId, entity)]);
          return found.length === 1 && found[0]!.locked_at === null ? found : undefined;
        });
        const cadence = { companies: 4 * 3_600_000, subscriptions: 3_600_000, products: 24 * 3_600_000 }[entity];
        expect(jobs[0]!.run_at.getTime()).toBe(nextSlot(connectionId, entity, cadence, last.startedAt));
        expect(jobs[0]!.run_at.getTime() - last.startedAt).toBeLessThanOrEqual(cadence);
      }
    }
    const subscriptions = await setup.storage.subscriptions.list(a, { limit: 1000 });
    expect(subscriptions.length).toBe(sim.world.subscriptions.size);
    // Five syncs were due; A's companies had just been synced by the set-up, so it waits for its slot.
    expect(meter.sum(workerMetricNames.syncsFinished, { outcome: 'succeeded' })).toBe(5);
    expect(meter.values(workerMetricNames.syncLateness, { trigger: 'schedule' })).toHaveLength(5);
    expect((await runsOf(setup, a, 'companies')).length).toBe(1);
    expect(meter.sum(workerMetricNames.recordsSynced, { entity: 'subscriptions' })).toBe(sim.world.subscriptions.size);
  });
});
