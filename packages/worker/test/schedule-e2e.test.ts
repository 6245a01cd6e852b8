import { defaultSyncCadence, Pax8SyncConfigError, pax8SyncEntities } from '@pax8-sync/core';
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

describe('scheduling on graphile-worker', { timeout: 120_000 }, () => {
  it('syncs every entity of every connection, then schedules each at its next cadence slot', async () => {
    setup = await setUp(server);
    const a = await connectionOn(setup.engine, sim, baseUrl, 'A');
    const b = await connectionOn(setup.engine, sim, baseUrl, 'B');
    await mapAllCompanies(setup, a, sim);
    await mapAllCompanies(setup, b, sim);
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
        const cadence = defaultSyncCadence[entity];
        expect(jobs[0]!.run_at.getTime()).toBe(nextSlot(connectionId, entity, cadence, last.startedAt));
        expect(jobs[0]!.run_at.getTime() - last.startedAt).toBeLessThanOrEqual(cadence);
      }
    }
    const subscriptions = (await setup.storage.subscriptions.list(a, { limit: 1000 })).items;
    expect(subscriptions.length).toBe(sim.world.subscriptions.size);
    // All six were due (never synced), each ran once.
    expect(meter.sum(workerMetricNames.syncsFinished, { outcome: 'succeeded' })).toBe(6);
    expect(meter.values(workerMetricNames.syncLateness, { trigger: 'schedule' })).toHaveLength(6);
    for (const entity of pax8SyncEntities) expect(await runsOf(setup, a, entity)).toHaveLength(1);
    expect(meter.sum(workerMetricNames.recordsSynced, { entity: 'subscriptions' })).toBe(2 * sim.world.subscriptions.size);
  });

  it('"sync now" brings the waiting job forward in place; per-connection cadence overrides re-place it', async () => {
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    await mapAllCompanies(setup, id, sim);
    await setup.engine.syncCompanies({ connectionId: id });
    await setup.engine.syncProducts({ connectionId: id });
    await setup.engine.syncSubscriptions({ connectionId: id });
    const worker = setup.worker({ concurrency: 1 });
    await worker.migrate();
    // Three syncs, and the connection's two write-back jobs (outbox send and reconcile): the storage has an outbox.
    expect(await worker.scheduleConnections()).toEqual({ connections: 1, scheduled: 3, outbox: 2 });
    expect(await worker.scheduleConnections()).toEqual({ connections: 1, scheduled: 0, outbox: 0 });
    const job = async (entity: 'companies' | 'products' | 'subscriptions') => (await jobsOf(setup, 'key = $1', [syncJobKey(id, entity)]))[0]!;
    const lastStart = async (entity: 'companies' | 'products' | 'subscriptions') => (await runsOf(setup, id, entity)).at(-1)!.startedAt;

    const products = await job('products');
    expect(products.run_at.getTime()).toBeGreaterThan(Date.now());
    const before = Date.now();
    await worker.syncNow(id, ['products']);
    const now = await job('products');
    expect(now.id).toBe(products.id);
    expect(now.run_at.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.run_at.getTime()).toBeLessThanOrEqual(Date.now());
    await expect(worker.syncNow(id, ['orders' as 'products'])).rejects.toBeInstanceOf(Pax8SyncConfigError);

    const quarter = 15 * 60_000;
    await worker.setSchedule(id, { cadence: { subscriptions: quarter } });
    const placedAt = Date.now();
    const overridden = (await job('subscriptions')).run_at.getTime();
    const started = await lastStart('subscriptions');
    expect(overridden).toBeLessThanOrEqual(started + quarter);
    expect([nextSlot(id, 'subscriptions', quarter, placedAt), nextSlot(id, 'subscriptions', quarter, placedAt - 1_000), started + quarter]).toContain(overridden);
    await expect(worker.setSchedule(id, { cadence: { subscriptions: 10 } })).rejects.toMatchObject({ field: 'cadence.subscriptions' });

    await worker.start();
    await waitFor('the manual products sync', async () => (await runsOf(setup, id, 'products')).length === 2);
    const next = await waitFor('the next products job', async () => {
      const found = await job('products');
      return found && found.run_at.getTime() > Date.now() ? found : undefined;
    });
    expect(next.run_at.getTime()).toBe(nextSlot(id, 'products', 24 * 3_600_000, await lastStart('products')));
    await worker.clearSchedule(id);
    const hourly = (await job('subscriptions')).run_at.getTime();
    expect(hourly).toBeLessThanOrEqual(started + 3_600_000);
    expect(await runsOf(setup, id, 'subscriptions')).toHaveLength(1);
  });

  it('the lease lock still runs one sync per (connection, entity): a job meeting a held lease waits for its expiry', async () => {
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    await mapAllCompanies(setup, id, sim);
    const lease = await setup.storage.locks.acquire({ connectionId: id, name: 'sync:companies', holder: 'a-sync-elsewhere', ttlMs: 120_000, now: Date.now() });
    const meter = createRecordingMeter();
    const worker = setup.worker({ concurrency: 1, meter });
    await worker.migrate();
    await worker.start();
    await waitFor('products and subscriptions synced', async () => (await runsOf(setup, id, 'products')).length === 1 && (await runsOf(setup, id, 'subscriptions')).length === 1);
    const retry = await waitFor('the companies job put back to the lease expiry', async () => {
      const jobs = await jobsOf(setup, 'key = $1 AND locked_at IS NULL', [syncJobKey(id, 'companies')]);
      return jobs[0] && jobs[0].run_at.getTime() > Date.now() ? jobs[0] : undefined;
    });
    expect(retry.run_at.getTime()).toBe(lease!.expiresAt + 1_000);
    expect(await runsOf(setup, id, 'companies')).toEqual([]);
    expect(meter.sum(workerMetricNames.syncsFinished, { entity: 'companies', outcome: 'already-running' })).toBe(1);
  });

  it('a removed connection is synced no more: its job ends and nothing is scheduled after it', async () => {
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    const meter = createRecordingMeter();
    const worker = setup.worker({ concurrency: 1, meter });
    await worker.migrate();
    await worker.setSchedule(id, { cadence: { products: 60_000 } });
    await setup.engine.removeConnection(id);
    await worker.start();
    await waitFor('the job of the removed connection to end', async () => (await jobsOf(setup, 'key LIKE $1', [`%${id}%`])).length === 0);
    // setSchedule had (re)placed all three of its syncs; each ends at its first run.
    expect(meter.sum(workerMetricNames.syncsFinished, { outcome: 'connection-removed' })).toBe(3);
    expect(meter.sum(workerMetricNames.syncsStarted)).toBe(0);
    expect((await setup.pool.query(`SELECT * FROM "${setup.schemas.worker}".schedules`)).rows).toEqual([]);
  });
});
