import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, runsOf, setUp, type TestSetup, testClientOptions, waitFor } from './support/harness';
import { killAll, startWorkerProcess, type WorkerProcess } from './support/processes';

// Pax8's limit (1,000 a minute) scaled down: 6 requests a simulated minute, and the simulator's
// clock runs 60 times faster, so its minute is 1 s of real time.
const SCALE = 60;
const LIMIT = 6;

let server: TestServer;
let setup: TestSetup;
let processes: WorkerProcess[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await killAll(processes);
  processes = [];
  await setup.close();
});

function scaledSimulator(): Pax8Simulator {
  const t0 = Date.now();
  return createPax8Simulator({
    seed: 5,
    companies: 60,
    products: 60,
    subscriptions: 0,
    now: () => t0 + (Date.now() - t0) * SCALE,
    requestLogLimit: 100_000,
    faults: { rateLimit: { requestsPerMinute: LIMIT } },
  });
}

/** Two worker processes, one connection, companies on one and products on the other at the same time. */
async function syncTwoEntitiesOnTwoProcesses(rateLimit: { requestsPerMinute: number; safetyMargin: number } | false) {
  const sim = scaledSimulator();
  const baseUrl = await sim.listen();
  setup = await setUp(server);
  const scheduler = setup.worker();
  await scheduler.migrate();
  const worker = { concurrency: 1, pollIntervalMs: 100, rateLimit, clientOptions: { ...testClientOptions, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 } }, syncDefaults: { pageSize: 5, prefetch: 8 } };
  processes = await Promise.all([startWorkerProcess(setup, worker), startWorkerProcess(setup, worker)]);
  const id = await connectionOn(setup.engine, sim, baseUrl);
  await scheduler.syncNow(id, ['companies', 'products']);
  for (const entity of ['companies', 'products'] as const) {
    await waitFor(`the ${entity} sync to end`, async () => (await runsOf(setup, id, entity)).some((r) => r.outcome !== 'running'), 90_000);
  }
  await sim.close();
  return { sim, id };
}

describe('the rate limit is per partner account, shared by every process', { timeout: 120_000 }, () => {
  it('two processes syncing different entities of one connection never exceed the limit in any window', async () => {
    // The same limit per real minute; half of it is used: grants 333 ms apart, so seven of them span
    // 2 s and a request may reach the simulator up to 1 s late (a loaded machine) before any 1 s
    // window (the simulated minute) holds more than LIMIT.
    const { sim, id } = await syncTwoEntitiesOnTwoProcesses({ requestsPerMinute: LIMIT * SCALE, safetyMargin: 0.5 });

    // Both syncs ran, at the same time, in different processes.
    const started = processes.map((p) => p.lines.filter((l) => l.message === 'pax8-sync: sync started').map((l) => l.entity));
    expect(started.map((entities) => entities.length)).toEqual([1, 1]);
    expect(new Set(started.flat())).toEqual(new Set(['companies', 'products']));
    const api = sim.requests.filter((r) => r.route === 'GET /v1/companies' || r.route === 'GET /v1/products');
    const routes = api.map((r) => r.route);
    const firstProducts = routes.indexOf('GET /v1/products');
    const firstCompanies = routes.indexOf('GET /v1/companies');
    expect(routes.lastIndexOf('GET /v1/companies')).toBeGreaterThan(firstProducts);
    expect(routes.lastIndexOf('GET /v1/products')).toBeGreaterThan(firstCompanies);

    // Never more than LIMIT requests in any window, as the simulator counted them, and it refused none.
    expect(api.length).toBe(24);
    const times = sim.requests.filter((r) => r.route !== 'POST /v1/token').map((r) => r.time);
    for (let i = 0; i + LIMIT < times.length; i += 1) expect(times[i + LIMIT]! - times[i]!).toBeGreaterThan(60_000);
    expect(sim.counters.faults.rateLimited ?? 0).toBe(0);
    for (const entity of ['companies', 'products'] as const) expect((await runsOf(setup, id, entity)).map((r) => r.outcome)).toEqual(['succeeded']);
    expect((await setup.storage.companies.list(id, { limit: 1000 })).items).toHaveLength(60);
  });

  it('the same two processes without the shared limit overrun it (the check above can fail)', async () => {
    const { sim } = await syncTwoEntitiesOnTwoProcesses(false);
    expect(sim.counters.faults.rateLimited ?? 0).toBeGreaterThan(0);
  });
});
