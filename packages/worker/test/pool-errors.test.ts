import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, mapAllCompanies, runsOf, setUp, type TestSetup, testClientOptions, waitFor } from './support/harness';
import { killAll, startWorkerProcess, type WorkerProcess } from './support/processes';

let server: TestServer;
let sim: Pax8Simulator;
let baseUrl: string;
let setup: TestSetup;
let processes: WorkerProcess[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Companies pages answer after 200 ms: a sync of 8 pages is in progress when the connections drop.
  sim = createPax8Simulator({ seed: 21, companies: 40, products: 3, subscriptions: 0, faults: { routes: { 'GET /v1/companies': { delay: 1 } }, delayMs: 200 } });
  baseUrl = await sim.listen();
});
afterAll(async () => {
  await sim.close();
  await server.close();
});
afterEach(async () => {
  await killAll(processes);
  processes = [];
  await setup.close();
});

describe("a dropped database connection is a warning, not the pool's unhandled 'error'", { timeout: 120_000 }, () => {
  it('the server drops every connection of a worker process mid-sync: it logs a warning, keeps running, finishes the sync, and exits 0 on SIGTERM', async () => {
    setup = await setUp(server);
    const scheduler = setup.worker();
    await scheduler.migrate();
    const id = await connectionOn(setup.engine, sim, baseUrl);
    await mapAllCompanies(setup, id, sim);
    const applicationName = `pax8-worker-${process.pid}-${Date.now()}`;
    // The process's pool has no error listener of its own (test/support/worker-process.ts): only the worker's guard.
    const worker = {
      concurrency: 2,
      pollIntervalMs: 100,
      lockTtlMs: 5_000,
      liveness: { heartbeatMs: 250, deadAfterMs: 5_000 },
      clientOptions: testClientOptions,
      syncDefaults: { pageSize: 5, prefetch: 1 },
    };
    const p = await startWorkerProcess(setup, worker, { applicationName });
    processes.push(p);
    await waitFor('a companies sync in progress', async () => (await runsOf(setup, id, 'companies')).some((r) => r.outcome === 'running' && Number(r.checkpoint?.nextPage ?? 0) >= 1));

    expect(await server.dropConnections(applicationName)).toBeGreaterThan(0);
    await p.waitForLine((l) => l.level === 'warn' && String(l.message).startsWith('pax8-sync worker: a Postgres connection failed'));

    // Still alive, and still working: every entity ends synced (the interrupted sync retried and resumed).
    // What the failure message shows if recovery never comes.
    const state = async () => JSON.stringify({ jobs: await jobsOf(setup), runs: (await runsOf(setup, id, 'companies')).map((r) => [r.outcome, r.error]), lines: p.lines.slice(-10) });
    let seen = '';
    for (const entity of ['companies', 'products', 'subscriptions'] as const) {
      await waitFor(() => `${entity} synced after the drop (${seen})`, async () => {
        seen = await state();
        return (await runsOf(setup, id, entity)).some((r) => r.outcome === 'succeeded');
      }, 90_000);
    }
    expect(p.child.exitCode).toBeNull();
    // And it takes new work over fresh connections.
    // Succeeded runs only: a products run the drop interrupted counts among all runs but never succeeds.
    const before = (await runsOf(setup, id, 'products')).filter((r) => r.outcome === 'succeeded').length;
    await scheduler.syncNow(id, ['products']);
    await waitFor('the products sync asked for after the drop', async () => (await runsOf(setup, id, 'products')).filter((r) => r.outcome === 'succeeded').length > before);

    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).not.toMatch(/Unhandled|uncaught|error handlers/i);
  });
});
