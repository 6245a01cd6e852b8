import { pax8SyncEntities } from '@pax8-sync/core';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncJobKey } from '../src/index';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, mapAllCompanies, runsOf, setUp, type TestSetup, testClientOptions, waitFor } from './support/harness';

let server: TestServer;
let setup: TestSetup;
let small: Pax8Simulator;
let smallUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  small = createPax8Simulator({ seed: 3, companies: 3, products: 3, subscriptions: 0 });
  smallUrl = await small.listen();
});
afterAll(async () => {
  await small.close();
  await server.close();
});
afterEach(async () => {
  await setup.close();
});

/** A Pax8 account whose companies listing answers only when the test opens the gate: a huge tenant's sync, held mid-pull. */
function heldTenantSimulator() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const sim = createPax8Simulator({
    seed: 4,
    companies: 12,
    products: 2,
    subscriptions: 0,
    faults: { routes: { 'GET /v1/companies': { delay: 1 } }, delayMs: 1 },
    wait: (_ms, signal) => Promise.race([gate, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]),
  });
  return { sim, open };
}

/** Small tenants' (connection, entity) pairs with a succeeded run, in one query. */
async function syncedPairs(connectionIds: readonly string[]): Promise<number> {
  const { rows } = await setup.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT DISTINCT connection_id, entity FROM "${setup.schemas.storage}".runs WHERE outcome = 'succeeded' AND connection_id = ANY($1::text[])) s`,
    [connectionIds],
  );
  return Number(rows[0]?.n ?? 0);
}

async function bigTenants(concurrency: number, fairShare: { largeLanes?: number; largeRecords?: number }) {
  const held = heldTenantSimulator();
  const heldUrl = await held.sim.listen();
  setup = await setUp(server);
  // The held listing must outlast the test: no request timeout, or the client would retry it and the run would restart.
  const clientOptions = { ...testClientOptions, timeoutMs: 3_600_000 };
  const worker = setup.worker({ concurrency, fairShare, clientOptions, syncDefaults: { pageSize: 5, prefetch: 1 } });
  await worker.migrate();
  const big = [await connectionOn(setup.engine, held.sim, heldUrl, 'Huge 1'), await connectionOn(setup.engine, held.sim, heldUrl, 'Huge 2')];
  // Known to be huge before their first sync: fair share places them by this until a run counts them.
  for (const id of big) await worker.setSchedule(id, { sizeHint: { companies: 1_000_000 } });
  await worker.start();
  const runningBig = async () => (await Promise.all(big.map((id) => runsOf(setup, id, 'companies')))).flat().filter((r) => r.outcome === 'running');
  return { held, worker, big, runningBig };
}

describe('fair share: huge tenants do not hold back small ones', () => {
  it('while a huge sync runs, a hundred small syncs keep flowing on the other slots; huge ones take one lane at a time', async () => {
    // Four slots, one lane for huge tenants: three slots stay for the small ones.
    const { held, worker, big, runningBig } = await bigTenants(4, { largeLanes: 1 });
    const [hugeRun] = await waitFor('a huge companies sync in progress', async () => {
      const running = await runningBig();
      return running.length === 1 ? running : undefined;
    });
    const lanes = await jobsOf(setup, 'key = ANY($1)', [big.map((id) => syncJobKey(id, 'companies'))]);
    expect(lanes.map((j) => [j.queue_name, j.priority])).toEqual([
      ['pax8-sync:large:0', 2],
      ['pax8-sync:large:0', 2],
    ]);

    // A hundred small tenants come due while the huge sync runs.
    const smalls: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const id = await connectionOn(setup.engine, small, smallUrl, `Small ${i}`);
      await mapAllCompanies(setup, id, small);
      smalls.push(id);
    }
    await worker.scheduleConnections();
    const pairs = smalls.length * pax8SyncEntities.length;
    // 300 syncs on three slots: about a minute on PGlite in one process; the bound is for a loaded CI machine.
    let synced = 0;
    await waitFor(() => `every entity of the ${smalls.length} small tenants synced (${synced} of ${pairs} so far)`, async () => {
      synced = await syncedPairs(smalls);
      return synced === pairs;
    }, 420_000);
    // All of them ran while the same huge sync was still held, and the second huge one never started beside it.
    expect((await runningBig()).map((r) => r.id)).toEqual([hugeRun!.id]);
    for (const id of smalls) {
      for (const entity of pax8SyncEntities) expect((await runsOf(setup, id, entity)).every((r) => r.startedAt > hugeRun!.startedAt)).toBe(true);
    }

    held.open();
    const finished = await waitFor('both huge syncs', async () => {
      const runs = (await Promise.all(big.map((id) => runsOf(setup, id, 'companies')))).flat().filter((r) => r.outcome === 'succeeded');
      return runs.length === 2 ? runs.sort((a, b) => a.startedAt - b.startedAt) : undefined;
    });
    // One lane: the second huge sync started after the first ended.
    expect(finished[0]!.finishedAt).toBeLessThanOrEqual(finished[1]!.startedAt);
    await held.sim.close();
  }, 540_000);

  it('without the lane limit the huge syncs take every slot (what the lanes prevent)', async () => {
    // The same tenants, not counted as large: no lane, so both run, one slot each.
    const { held, runningBig } = await bigTenants(2, { largeRecords: 10_000_000 });
    // Two slots, two huge syncs holding them: nothing else can run until they end.
    await waitFor('both huge companies syncs in progress', async () => (await runningBig()).length === 2);
    held.open();
    await waitFor('both huge syncs', async () => (await runningBig()).length === 0);
    await held.sim.close();
  }, 120_000);
});
