import { afterEach, describe, expect, it } from 'vitest';
import { createPax8ManualTimers, type Pax8SimulatorOptions } from '../src/index';
import { type HttpGet, useHttpSimulators } from './support/http-fetch';
import { type Receiver, startReceiver } from './support/receiver';

// What the webhook engine relies on beyond simulator-webhooks.test.ts: ordinary delays, a rotated
// secret picked up by the next attempt, and the failed-only log view a sweep reads.
const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

async function register(get: HttpGet, url: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await get('/api/v2/webhooks', {
    method: 'POST',
    body: JSON.stringify({ displayName: 'PSA', url, authorization: 'Bearer secret-one', active: true, errorThreshold: 1, webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }], ...body }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

interface Log {
  id: string;
  finalStatus: string;
  callHistory: { status: string; httpStatusCode?: number }[];
}

const logs = async (get: HttpGet, webhookId: string, query = ''): Promise<Log[]> => ((await (await get(`/api/v2/webhooks/${webhookId}/logs${query}`)).json()) as { content: Log[] }).content;

describe('webhook delivery details the engine relies on (#16), over HTTP', () => {
  const start = useHttpSimulators();
  const world: Pax8SimulatorOptions = { seed: 61, companies: 3, subscriptions: 12 };

  it('waits delayMs before delivering: a fixed delay, then a range drawn from the seed', async () => {
    const hooks = await receiver();
    const timers = createPax8ManualTimers();
    const { sim, get } = await start({ ...world, now: timers.now, webhookDelivery: { timers, delayMs: 4_000 } });
    await register(get, hooks.url);
    const [s0, s1] = sim.world.subscriptions.ids() as [string, string];
    sim.world.subscriptions.update(s0, { quantity: 3 });
    await sim.webhooks.settled();
    timers.advance(3_999);
    await sim.webhooks.settled();
    expect(hooks.received).toEqual([]);
    timers.advance(1);
    await sim.webhooks.settled();
    expect(hooks.received.map((r) => r.body.payloadData?.id)).toEqual([s0]);

    sim.webhooks.update({ delayMs: [1_000, 3_000] });
    sim.world.subscriptions.update(s1, { quantity: 4 });
    timers.advance(999);
    await sim.webhooks.settled();
    expect(hooks.received).toHaveLength(1); // not before the range's minimum
    timers.advance(2_001);
    await sim.webhooks.settled();
    expect(hooks.received.map((r) => r.body.payloadData?.id)).toEqual([s0, s1]); // by its maximum
  });

  it('a retry carries the authorization the registration has at that attempt (a rotated secret), and a refused delivery ends FAILED', async () => {
    const hooks = await receiver();
    const timers = createPax8ManualTimers();
    const { sim, get } = await start({ ...world, now: timers.now, webhookDelivery: { timers, retryDelayMs: 10_000 } });
    const webhookId = await register(get, hooks.url);
    hooks.answer = (d) => (d.authorization === 'Bearer secret-two' ? 204 : 401);
    sim.world.subscriptions.update(sim.world.subscriptions.ids()[0] as string, { quantity: 8 });
    await sim.webhooks.settled();
    expect((await logs(get, webhookId)).map((l) => l.finalStatus)).toEqual(['RETRYING']);
    const rotated = await get(`/api/v2/webhooks/${webhookId}/configuration`, { method: 'POST', body: JSON.stringify({ authorization: 'Bearer secret-two' }) });
    expect(rotated.status).toBe(200);
    expect(JSON.stringify(await rotated.json())).not.toContain('secret-two'); // the API never shows it back
    timers.advance(10_000);
    await sim.webhooks.settled();
    expect(hooks.received.map((r) => r.authorization)).toEqual(['Bearer secret-one', 'Bearer secret-two']);
    expect((await logs(get, webhookId)).map((l) => [l.finalStatus, l.callHistory.map((c) => c.httpStatusCode)])).toEqual([['SUCCESS', [401, 204]]]);

    // A receiver that keeps refusing: errorThreshold (1) retry, then FAILED.
    hooks.answer = () => 401;
    sim.world.subscriptions.update(sim.world.subscriptions.ids()[1] as string, { quantity: 9 });
    await sim.webhooks.settled();
    timers.advance(10_000);
    await sim.webhooks.settled();
    timers.advance(10_000);
    await sim.webhooks.settled();
    expect(hooks.received).toHaveLength(4);
    expect(sim.webhooks.deliveries.slice(2).map((d) => [d.attempt, d.outcome, d.error])).toEqual([
      [1, 'FAILED', 'Receiver answered 401'],
      [2, 'FAILED', 'Receiver answered 401'],
    ]);
  });

  it('logs filtered on FAILED name exactly the failed deliveries, with the record each was about', async () => {
    const hooks = await receiver();
    const timers = createPax8ManualTimers();
    const { sim, get } = await start({ ...world, now: timers.now, webhookDelivery: { timers } });
    const webhookId = await register(get, hooks.url, { errorThreshold: 0 });
    const ids = sim.world.subscriptions.ids().slice(0, 4) as string[];
    hooks.answer = (d) => (d.body.payloadData?.id === ids[1] || d.body.payloadData?.id === ids[3] ? 500 : 200);
    for (const id of ids) sim.world.subscriptions.update(id, { quantity: 2 });
    await sim.webhooks.settled();
    const failed = await logs(get, webhookId, '?status=FAILED');
    const named = failed.map((l) => (l.callHistory[0] as unknown as { payload: { payloadData: { id: string } } }).payload.payloadData.id);
    expect(named.sort()).toEqual([ids[1], ids[3]].sort());
    expect((await logs(get, webhookId, '?status=SUCCESS')).length).toBe(2);
    expect((await logs(get, webhookId)).length).toBe(4);
  });
});
