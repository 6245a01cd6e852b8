import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingMeter, outboxJobKey, workerMetricNames } from '../src/index';
import { startTestServer, type TestServer } from './support/database';
import { connectionOn, jobsOf, setUp, type TestSetup, testClientOptions, waitFor } from './support/harness';
import { killAll, startWorkerProcess, type WorkerProcess } from './support/processes';

const UPDATE = 'PUT /v1/subscriptions/{subscriptionId}';

let server: TestServer;
let sim: Pax8Simulator;
let baseUrl: string;
let setup: TestSetup;
let processes: WorkerProcess[] = [];

beforeAll(async () => {
  server = await startTestServer();
  sim = createPax8Simulator({ seed: 31, companies: 2, products: 3, subscriptions: 30 });
  baseUrl = await sim.listen();
});
afterAll(async () => {
  await sim.close();
  await server.close();
});
afterEach(async () => {
  await killAll(processes);
  processes = [];
  sim.faults.clear();
  await setup.close();
});

const quantityOf = (subscriptionId: string) => Number(sim.world.subscriptions.get(subscriptionId)?.quantity);
const updatesOf = (subscriptionId: string) => sim.requests.filter((r) => r.route === UPDATE && r.url.endsWith(`/${subscriptionId}`));
const stateOf = async (connectionId: string, intentId: string) => (await setup.engine.getWrite(connectionId, intentId))?.state;

/** An approved quantity change of the `index`-th active subscription: `by` more than Pax8 has now. */
async function approvedChange(connectionId: string, index: number, by: number): Promise<{ intentId: string; subscriptionId: string; target: number }> {
  const active = sim.world.subscriptions.ids().filter((s) => sim.world.subscriptions.get(s)?.status === 'Active');
  const subscriptionId = active[index] as string;
  expect(subscriptionId).toBeDefined();
  const target = quantityOf(subscriptionId) + by;
  const intent = await setup.engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId, quantity: target }, requestedBy: 'jane', reason: 'new hires' });
  if (intent.state === 'pending-approval') await setup.engine.approveWrite({ connectionId, intentId: intent.id, by: 'sam', reason: 'approved' });
  expect(await stateOf(connectionId, intent.id)).toBe('approved');
  return { intentId: intent.id, subscriptionId, target };
}

describe('write-back tasks: outbox send and reconcile', { timeout: 120_000 }, () => {
  it('"send now" coalesces into one job per connection; the pass sends the approved intent once; the next pass waits a cadence; metrics count it', async () => {
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    const meter = createRecordingMeter();
    const worker = setup.worker({ meter, writeBack: { sendEveryMs: 3_600_000, reconcileEveryMs: 3_600_000 } });
    await worker.migrate();
    const change = await approvedChange(id, 0, 3);
    const key = outboxJobKey('outboxSend', id);
    await worker.sendWritesNow(id);
    await worker.sendWritesNow(id);
    expect(await jobsOf(setup, 'key = $1', [key])).toHaveLength(1);

    await worker.start();
    await waitFor('the intent applied', async () => (await stateOf(id, change.intentId)) === 'applied');
    expect(quantityOf(change.subscriptionId)).toBe(change.target);
    expect(updatesOf(change.subscriptionId)).toHaveLength(1);
    // The next send pass is a cadence away; the reconcile task has its own job.
    const [next] = await waitFor('the next send job', async () => {
      const found = await jobsOf(setup, 'key = $1 AND locked_at IS NULL', [key]);
      return found.length === 1 && found[0]!.run_at.getTime() > Date.now() + 50 * 60_000 ? found : undefined;
    });
    expect(next!.task_identifier).toBe('pax8-sync:outbox-send');
    expect(await jobsOf(setup, 'key = $1', [outboxJobKey('outboxReconcile', id)])).toHaveLength(1);
    expect(meter.sum(workerMetricNames.outboxIntents, { task: 'send', state: 'applied' })).toBe(1);
    // The pass is counted right after its successor is placed.
    await waitFor('the pass counted', async () => meter.sum(workerMetricNames.outboxPasses, { task: 'send', outcome: 'ok' }) === 1);
    expect(meter.values(workerMetricNames.outboxDuration, { task: 'send', outcome: 'ok' })).toHaveLength(1);
  });

  it('on its cadence, without "send now": an intent approved while the worker runs is sent by a later pass', async () => {
    setup = await setUp(server);
    const id = await connectionOn(setup.engine, sim, baseUrl);
    const meter = createRecordingMeter();
    const worker = setup.worker({ meter, writeBack: { sendEveryMs: 300 } });
    await worker.migrate();
    await worker.start();
    await waitFor('a first send pass', async () => (await jobsOf(setup, 'key = $1 AND locked_at IS NULL AND run_at > now()', [outboxJobKey('outboxSend', id)])).length === 1);
    // Nothing due yet: the passes are idle (no Pax8 client opened), and so is the reconcile pass (nothing sending).
    expect(meter.sum(workerMetricNames.outboxPasses, { task: 'send', outcome: 'idle' })).toBeGreaterThanOrEqual(1);
    await waitFor('an idle reconcile pass', async () => meter.sum(workerMetricNames.outboxPasses, { task: 'reconcile', outcome: 'idle' }) >= 1);
    const change = await approvedChange(id, 1, 2);
    await waitFor('the intent applied', async () => (await stateOf(id, change.intentId)) === 'applied');
    expect(quantityOf(change.subscriptionId)).toBe(change.target);
    expect(updatesOf(change.subscriptionId)).toHaveLength(1);
    // Counted once the pass returns (the intent is applied inside it).
    await waitFor('the applied intent counted', async () => meter.sum(workerMetricNames.outboxIntents, { task: 'send', state: 'applied' }) === 1);
  });

  it('kill -9 during a send (Pax8 applied it, the answer never came): the intent stays sending, another process reconciles it by reading back, and it is never sent twice', async () => {
    setup = await setUp(server);
    await setup.worker().migrate();
    const id = await connectionOn(setup.engine, sim, baseUrl);
    const change = await approvedChange(id, 2, 5);
    // Pax8 applies the update, then the answer hangs: the sender is killed while it waits.
    sim.faults.inject({ kind: 'hangAfterApply', route: UPDATE });
    const worker = {
      concurrency: 2,
      pollIntervalMs: 100,
      liveness: { heartbeatMs: 250, deadAfterMs: 4_000 },
      clientOptions: testClientOptions,
      writeBack: { sendEveryMs: 200, reconcileEveryMs: 200 },
    };
    const a = await startWorkerProcess(setup, worker);
    processes.push(a);
    await waitFor('the send in flight', async () => (await stateOf(id, change.intentId)) === 'sending' && quantityOf(change.subscriptionId) === change.target);
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    expect(await stateOf(id, change.intentId)).toBe('sending');
    await waitFor('the killed request to end', async () => updatesOf(change.subscriptionId).length === 1);

    // B settles what A left once it is stale (here 1 s; by default 5 minutes, longer than any send).
    const b = await startWorkerProcess(setup, { ...worker, writeBack: { ...worker.writeBack, staleAfterMs: 1_000 } });
    processes.push(b);
    await waitFor('the intent reconciled', async () => (await stateOf(id, change.intentId)) === 'applied', 90_000);
    // B's send passes keep running; none sends it again.
    await waitFor('two more send passes of B', async () => {
      const [job] = await jobsOf(setup, 'key = $1 AND locked_at IS NULL', [outboxJobKey('outboxSend', id)]);
      return job && job.run_at.getTime() > Date.now() - 100 ? job : undefined;
    });
    expect(updatesOf(change.subscriptionId)).toHaveLength(1);
    expect(quantityOf(change.subscriptionId)).toBe(change.target);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  });
});
