import type { SyncRun } from '@pax8-sync/core';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncJobKey } from '../src/index';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, runsOf, setUp, type TestSetup, testClientOptions, waitFor } from './support/harness';
import { killAll, startWorkerProcess, type WorkerProcess } from './support/processes';

const COMPANIES = 40;
const PAGE = 5;

let server: TestServer;
let sim: Pax8Simulator;
let baseUrl: string;
let setup: TestSetup;
let processes: WorkerProcess[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Every companies page answers after 300 ms, so a sync of 8 pages is still running when the test strikes.
  sim = createPax8Simulator({ seed: 9, companies: COMPANIES, products: 3, subscriptions: 0, faults: { routes: { 'GET /v1/companies': { delay: 1 } }, delayMs: 300 } });
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

const workerConfig = (extra: Record<string, unknown> = {}) => ({
  concurrency: 1,
  pollIntervalMs: 100,
  // Short enough to recover within seconds, long enough that a process starved of CPU on a loaded
  // machine (an event loop stalled for a second or two) is not taken for dead, nor its lease for expired.
  lockTtlMs: 6_000,
  liveness: { heartbeatMs: 250, deadAfterMs: 4_000 },
  clientOptions: testClientOptions,
  syncDefaults: { pageSize: PAGE, prefetch: 1 },
  ...extra,
});

async function start(extra: Record<string, unknown> = {}): Promise<WorkerProcess> {
  const p = await startWorkerProcess(setup, workerConfig(extra));
  processes.push(p);
  return p;
}

async function prepare(): Promise<string> {
  setup = await setUp(server);
  await setup.worker().migrate();
  return connectionOn(setup.engine, sim, baseUrl);
}

/** Waits until the companies run in progress has committed at least `pages` pages. */
async function midSync(id: string, pages: number): Promise<SyncRun> {
  return waitFor(`${pages} committed pages`, async () => {
    const run = (await runsOf(setup, id, 'companies')).at(-1);
    return run && run.outcome === 'running' && Number(run.checkpoint?.nextPage ?? 0) >= pages ? run : undefined;
  });
}

function expectNoOverlap(runs: readonly SyncRun[]) {
  for (let i = 1; i < runs.length; i += 1) expect(runs[i - 1]!.finishedAt).toBeLessThanOrEqual(runs[i]!.startedAt);
}

async function expectEverythingStoredAndScheduled(id: string) {
  expect((await setup.storage.companies.list(id, { limit: 1000 })).items).toHaveLength(COMPANIES);
  // The job that just ran is completed right after it scheduled its successor.
  await waitFor('the finished job to be completed', async () => (await jobsOf(setup, 'locked_at IS NOT NULL')).length === 0);
  const jobs = await waitFor('the next companies job', async () => {
    const found = await jobsOf(setup, 'key = $1 AND locked_at IS NULL AND run_at > now()', [syncJobKey(id, 'companies')]);
    return found.length === 1 ? found : undefined;
  });
  expect(jobs[0]!.attempts).toBe(0);
  // No job gave up for good: nothing is lost.
  expect(await jobsOf(setup, 'attempts >= max_attempts')).toEqual([]);
}

describe('crashes and shutdowns of worker processes', () => {
  it('kill -9 mid-sync: another process retries the job once the dead one goes silent, resuming from its checkpoint', async () => {
    const id = await prepare();
    const a = await start();
    const killed = await midSync(id, 2);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    const b = await start();

    const [first, second] = await waitFor(`the resumed run (B said ${JSON.stringify(b.lines.slice(-8))})`, async () => {
      const runs = await runsOf(setup, id, 'companies');
      return runs.length === 2 && runs[1]!.outcome === 'succeeded' ? runs : undefined;
    }, 90_000);
    expect(first!.id).toBe(killed.id);
    expect(first!.outcome).toBe('failed');
    expect(first!.error).toMatch(/abandoned/);
    expect(second!.resumedFromRunId).toBe(killed.id);
    // It went on from the killed run's checkpoint: page 0 was not read again.
    const read = second!.counts.created + second!.counts.updated + second!.counts.unchanged;
    expect(read).toBeLessThanOrEqual(COMPANIES - 2 * PAGE);
    expect(read).toBeGreaterThan(0);
    expectNoOverlap([first!, second!]);
    expect(b.lines.some((l) => l.message === 'pax8-sync worker: released the jobs of dead worker processes' && (l.pools as string[]).includes(a.poolId))).toBe(true);
    await expectEverythingStoredAndScheduled(id);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 120_000);

  it('SIGTERM mid-sync with time to finish: the sync runs to its end, the next one is scheduled, exit code 0', async () => {
    const id = await prepare();
    const a = await start({ shutdownTimeoutMs: 60_000 });
    await midSync(id, 1);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(a.lines.map((l) => l.message)).toContain('stopped');
    const runs = await runsOf(setup, id, 'companies');
    expect(runs.map((r) => r.outcome)).toEqual(['succeeded']);
    expect(runs[0]!.counts.created).toBe(COMPANIES);
    await expectEverythingStoredAndScheduled(id);
  }, 120_000);

  it('SIGTERM with a short shutdown timeout: the sync stops at its checkpoint, exit code 0, and another process resumes it', async () => {
    const id = await prepare();
    const a = await start({ shutdownTimeoutMs: 100 });
    const stopped = await midSync(id, 2);
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    const [interrupted] = await runsOf(setup, id, 'companies');
    expect(interrupted!.id).toBe(stopped.id);
    expect(interrupted!.outcome).toBe('failed');
    expect(Number(interrupted!.checkpoint?.nextPage)).toBeGreaterThanOrEqual(2);
    // Queued again at once, for any process; the lease was released on the way out.
    const [requeued] = await jobsOf(setup, 'key = $1', [syncJobKey(id, 'companies')]);
    expect(requeued!.run_at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await setup.storage.locks.get(id, 'sync:companies')).toBeUndefined();

    await start();
    const resumed = await waitFor('the resumed run', async () => (await runsOf(setup, id, 'companies')).find((r) => r.outcome === 'succeeded'), 90_000);
    expect(resumed.resumedFromRunId).toBe(stopped.id);
    expectNoOverlap(await runsOf(setup, id, 'companies'));
    await expectEverythingStoredAndScheduled(id);
  }, 120_000);
});
