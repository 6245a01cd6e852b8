import { Pax8SyncConfigError, periodOfRun } from '@pax8-sync/core';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nextSlot, syncJobKey } from '../src/index';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, mapAllCompanies, runsOf, setUp, type TestSetup, waitFor } from './support/harness';

// 2026-12-07 10:00 UTC: November's invoices (dated the 5th) are out, December is the draft month.
const TARGET = Date.UTC(2026, 11, 7, 10);
const DAY = 24 * 3_600_000;

let server: TestServer;
let setup: TestSetup;
let sim: Pax8Simulator;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await setup.close();
  await sim.close();
});

/** A clock on real time that can be moved forward: jobs are placed at real time, then the worker and Pax8 live on 7 December. */
function shiftableClock() {
  let shift = 0;
  return { now: () => Date.now() + shift, moveTo: (at: number) => (shift = at - Date.now()) };
}

describe('billing on the worker (option billing)', { timeout: 120_000 }, () => {
  it('schedules invoices; after the 5th one job pulls the previous month as final and the current one, then waits for its daily slot', async () => {
    const clock = shiftableClock();
    sim = createPax8Simulator({ seed: 21, companies: 3, products: 4, subscriptions: 12, referenceDate: TARGET, now: clock.now });
    const baseUrl = await sim.listen();
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    await mapAllCompanies(setup, id, sim);
    const worker = setup.worker({ billing: true, clock, cadence: { companies: DAY, products: DAY, subscriptions: DAY } });
    await worker.migrate();
    // Placed on real time (never synced: due now), so graphile-worker runs them at once.
    const placed = await worker.scheduleConnections();
    expect(placed.scheduled).toBe(4);
    expect(await jobsOf(setup, 'key = $1', [syncJobKey(id, 'invoices')])).toHaveLength(1);
    clock.moveTo(TARGET);
    await worker.start();

    const runs = await waitFor('two billing runs', async () => {
      const found = await runsOf(setup, id, 'invoices');
      return found.length >= 2 && found.every((r) => r.outcome !== 'running') ? found : undefined;
    });
    expect(runs.map((r) => [periodOfRun(r), r.outcome])).toEqual([
      ['2026-11', 'succeeded'],
      ['2026-12', 'succeeded'],
    ]);
    const invoices = (await setup.storage.billing!.invoices.list(id, { limit: 1000 })).items;
    expect(invoices.some((i) => i.period === '2026-11')).toBe(true);
    // The next billing job waits for the daily slot after the job started (on the worker's clock).
    const [next] = await waitFor('the next billing job', async () => {
      const found = await jobsOf(setup, 'key = $1', [syncJobKey(id, 'invoices')]);
      return found.length === 1 && found[0]!.locked_at === null ? found : undefined;
    });
    expect(next!.run_at.getTime()).toBe(nextSlot(id, 'invoices', DAY, runs[0]!.startedAt));
    expect((await runsOf(setup, id, 'invoices')).length).toBe(2);
  });

  it('without the option nothing billing is scheduled and "sync now" of invoices is refused; the option needs billing stores', async () => {
    sim = createPax8Simulator({ seed: 22, companies: 2, products: 2, subscriptions: 2 });
    const baseUrl = await sim.listen();
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    const worker = setup.worker();
    await worker.migrate();
    expect((await worker.scheduleConnections()).scheduled).toBe(3);
    expect(await jobsOf(setup, 'key = $1', [syncJobKey(id, 'invoices')])).toHaveLength(0);
    await expect(worker.syncNow(id, ['invoices'])).rejects.toMatchObject({ name: 'Pax8SyncConfigError', field: 'entities' });
    const withoutBilling = { ...setup.storage, capabilities: { ...setup.storage.capabilities, billing: false } };
    expect(() => setup.worker({ billing: true, storage: withoutBilling })).toThrow(Pax8SyncConfigError);
    expect(() => setup.worker({ billing: true, storage: withoutBilling })).toThrow(/billing.*capabilities\.billing/);
  });
});
