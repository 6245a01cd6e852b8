import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPax8ManualTimers, type Pax8SimulatorOptions } from '../src/index';
import { type HttpGet, httpToken, useHttpSimulators } from './support/http-fetch';
import { createSpecValidator } from './support/openapi';
import { type Receiver, startReceiver } from './support/receiver';

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(): Promise<Receiver> {
  const r = await startReceiver();
  receivers.push(r);
  return r;
}

/** Registers a webhook over the webhooks API and returns its id. */
async function register(get: HttpGet, url: string, body: Record<string, unknown> = {}): Promise<string> {
  const response = await get('/api/v2/webhooks', {
    method: 'POST',
    body: JSON.stringify({ displayName: 'PSA', url, authorization: 'Bearer hook-secret-1', active: true, errorThreshold: 2, webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }], ...body }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

describe('webhook deliveries over HTTP (#16)', () => {
  const start = useHttpSimulators();
  const world: Pax8SimulatorOptions = { seed: 16, companies: 4, subscriptions: 30 };

  it('POSTs each world change to the registered URL with its authorization and the documented payload', async () => {
    const hooks = await receiver();
    const { sim, get } = await start(world);
    const webhookId = await register(get, hooks.url, { webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }, { topic: 'COMPANY', filters: [] }] });
    const id = sim.world.subscriptions.ids()[3] as string;
    sim.world.subscriptions.update(id, { quantity: 77 }); // scripted
    await get(`/v1/companies/${sim.world.companies.ids()[0]}`, { method: 'PATCH', body: JSON.stringify({ phone: '303-555-0199' }) }); // through the API
    await sim.webhooks.settled();
    expect(hooks.received.map((r) => [r.authorization, r.body.webhookTopic?.topic, r.body.payloadData?.action])).toEqual([
      ['Bearer hook-secret-1', 'SUBSCRIPTION', 'UPDATED'],
      ['Bearer hook-secret-1', 'COMPANY', 'UPDATED'],
    ]);
    const [first] = hooks.received;
    expect(first?.body).toMatchObject({ accountId: sim.accounts[0]?.id, webhookId, url: hooks.url, sentAt: expect.any(String), payloadData: { action: 'UPDATED', id, quantity: 77, companyId: sim.world.subscriptions.get(id)?.companyId } });
    const spec = createSpecValidator('webhooks-api.json', '/api/v2');
    for (const r of hooks.received) expect(spec.validateComponent('WebhookPayload', r.body)).toEqual([]);
    const logs = (await (await get(`/api/v2/webhooks/${webhookId}/logs`)).json()) as { content: { finalStatus: string; callHistory: unknown[] }[] };
    expect(logs.content.map((l) => [l.finalStatus, l.callHistory.length])).toEqual([['SUCCESS', 1], ['SUCCESS', 1]]);
    expect(sim.webhooks.deliveries.map((d) => [d.topic, d.attempt, d.outcome, d.httpStatusCode])).toEqual([['SUBSCRIPTION', 1, 'SUCCESS', 200], ['COMPANY', 1, 'SUCCESS', 200]]);
  });

  it('honours topic filters and routes each account to its own registrations', async () => {
    const [a, b] = [await receiver(), await receiver()];
    const { sim, get } = await start({ ...world, accounts: 2 });
    const [one, two] = sim.accounts;
    await register(get, a.url, { webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'IN', value: ['Cancelled'] }] }] }] });
    const tokenB = await httpToken(sim.url as string, two!.credentials);
    await fetch(`${sim.url}/api/v2/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${tokenB}`, 'content-type': 'application/json' }, body: JSON.stringify({ displayName: 'B', url: b.url, authorization: 'Basic Yjpi', active: true, webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }] }) });
    const [s1, s2] = one!.world.subscriptions.ids();
    one!.world.subscriptions.update(s1 as string, { quantity: 3 }); // filtered out: not Cancelled
    one!.world.subscriptions.update(s2 as string, { status: 'Cancelled' });
    two!.world.subscriptions.update(two!.world.subscriptions.ids()[0] as string, { quantity: 9 });
    await sim.webhooks.settled();
    expect(a.received.map((r) => [r.body.payloadData?.id, r.body.accountId])).toEqual([[s2, one!.id]]);
    expect(b.received.map((r) => [r.authorization, r.body.accountId])).toEqual([['Basic Yjpi', two!.id]]);
  });

  it('retries a failed delivery up to errorThreshold, logs it FAILED, and a log retry delivers it again', async () => {
    const hooks = await receiver();
    const timers = createPax8ManualTimers();
    const { sim, get } = await start({ ...world, now: timers.now, webhookDelivery: { timers, retryDelayMs: 30_000 } });
    const webhookId = await register(get, hooks.url);
    hooks.answer = () => 503;
    sim.world.subscriptions.update(sim.world.subscriptions.ids()[0] as string, { quantity: 5 });
    await sim.webhooks.settled();
    for (let k = 0; k < 3; k++) {
      timers.advance(30_000);
      await sim.webhooks.settled();
    }
    expect(hooks.received).toHaveLength(3); // the first attempt and errorThreshold (2) retries
    expect(sim.webhooks.deliveries.map((d) => [d.attempt, d.outcome, d.error])).toEqual([1, 2, 3].map((n) => [n, 'FAILED', 'Receiver answered 503']));
    const failed = (await (await get(`/api/v2/webhooks/${webhookId}/logs?status=FAILED`)).json()) as { content: { id: string; callHistory: { timestamp: string; httpStatusCode: number }[] }[] };
    expect(failed.content).toHaveLength(1);
    expect(failed.content[0]?.callHistory.map((c) => [c.timestamp, c.httpStatusCode])).toEqual([0, 30_000, 60_000].map((ms) => [new Date(Date.parse('2026-06-01T00:00:00Z') + ms).toISOString(), 503]));

    hooks.answer = () => 204;
    expect((await get(`/api/v2/webhooks/${webhookId}/logs/${failed.content[0]?.id}/retry`, { method: 'POST' })).status).toBe(202);
    await sim.webhooks.settled();
    expect(hooks.received).toHaveLength(4);
    expect(((await (await get(`/api/v2/webhooks/${webhookId}/logs?status=FAILED`)).json()) as { content: unknown[] }).content).toEqual([]);
    expect(((await (await get(`/api/v2/webhooks/${webhookId}`)).json()) as { lastDeliveryStatus: string }).lastDeliveryStatus).toBe('SUCCESS');
  });

  it('counts a delivery as failed after 10 s without an answer, on injected timers (configurable)', async () => {
    const hooks = await receiver();
    const timers = createPax8ManualTimers();
    const { sim, get } = await start({ ...world, now: timers.now, webhookDelivery: { timers } });
    await register(get, hooks.url, { errorThreshold: 0 });
    hooks.answer = () => 'hang';
    sim.world.subscriptions.update(sim.world.subscriptions.ids()[0] as string, { quantity: 6 });
    await vi.waitFor(() => expect(hooks.received).toHaveLength(1));
    timers.advance(9_999);
    expect(sim.webhooks.deliveries).toEqual([]);
    timers.advance(1);
    await sim.webhooks.settled();
    expect(sim.webhooks.deliveries.map((d) => [d.outcome, d.error])).toEqual([['FAILED', 'Delivery failed: no answer within 10000 ms']]);
    sim.webhooks.update({ timeoutMs: 2_000 });
    sim.world.subscriptions.update(sim.world.subscriptions.ids()[1] as string, { quantity: 6 });
    await vi.waitFor(() => expect(hooks.received).toHaveLength(2));
    timers.advance(2_000);
    await sim.webhooks.settled();
    expect(sim.webhooks.deliveries.at(-1)?.error).toBe('Delivery failed: no answer within 2000 ms');
  });

  it('scripts late, duplicate, out-of-order and failed deliveries', async () => {
    const hooks = await receiver();
    const timers = createPax8ManualTimers();
    const { sim, get } = await start({ ...world, now: timers.now, webhookDelivery: { timers, lateMs: 180_000, retryDelayMs: 1_000 } });
    await register(get, hooks.url);
    const [s0, s1, s2, s3, s4] = sim.world.subscriptions.ids() as [string, string, string, string, string];
    const arrived = () => hooks.received.map((r) => r.body.payloadData?.id);

    sim.webhooks.inject({ kind: 'late' });
    sim.world.subscriptions.update(s0, { quantity: 1 });
    sim.world.subscriptions.update(s1, { quantity: 1 });
    await sim.webhooks.settled();
    expect(arrived()).toEqual([s1]);
    timers.advance(180_000);
    await sim.webhooks.settled();
    expect(arrived()).toEqual([s1, s0]); // minutes late

    sim.webhooks.inject({ kind: 'outOfOrder' });
    sim.world.subscriptions.update(s2, { quantity: 2 });
    sim.world.subscriptions.update(s3, { quantity: 2 });
    await sim.webhooks.settled();
    expect(arrived().slice(2)).toEqual([s3, s2]);

    sim.webhooks.inject({ kind: 'duplicate' });
    sim.webhooks.inject({ kind: 'fail', times: 1 });
    sim.world.subscriptions.update(s4, { quantity: 4 });
    await sim.webhooks.settled();
    expect(arrived().slice(4)).toEqual([]); // the first attempt never reached the receiver
    timers.advance(1_000);
    await sim.webhooks.settled();
    expect(arrived().slice(4)).toEqual([s4, s4]); // the retry, then its duplicate
    expect(sim.webhooks.deliveries.filter((d) => d.recordId === s4).map((d) => [d.attempt, d.duplicate, d.outcome])).toEqual([
      [1, false, 'FAILED'],
      [2, false, 'SUCCESS'],
      [2, true, 'SUCCESS'],
    ]);
  });

  it('draws misbehaviour from the seed: the same seed misbehaves the same way', async () => {
    const run = async () => {
      const hooks = await receiver();
      const { sim, get } = await start({ ...world, webhookDelivery: { seed: 5, rates: { duplicate: 0.3, fail: 0.3 }, retryDelayMs: 0 } });
      await register(get, hooks.url, { errorThreshold: 5 });
      for (const id of sim.world.subscriptions.ids().slice(0, 12)) {
        sim.world.subscriptions.update(id, { quantity: 2 });
        await sim.webhooks.settled();
      }
      return sim.webhooks.deliveries.map((d) => [d.recordId, d.attempt, d.duplicate, d.outcome]);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.some(([, , duplicate]) => duplicate)).toBe(true);
    expect(first.some(([, , , outcome]) => outcome === 'FAILED')).toBe(true);
  });

  it('never calls a URL off this machine: the seeded registrations (psa.example.com) get nothing', async () => {
    const calls: string[] = [];
    const { sim } = await start({ ...world, webhooks: 3, webhookDelivery: {
        fetch: async (url) => {
          calls.push(String(url));
          return new Response(null, { status: 200 });
        },
      },
    });
    expect(sim.world.webhooks.list().every((h) => h.url?.startsWith('https://psa.example.com/'))).toBe(true);
    sim.world.subscriptions.update(sim.world.subscriptions.ids()[0] as string, { status: 'Cancelled' });
    sim.webhooks.emit({ topic: 'SUBSCRIPTION', id: sim.world.subscriptions.ids()[1] as string });
    await sim.webhooks.settled();
    expect([calls, sim.webhooks.deliveries]).toEqual([[], []]);
  });

  it('delivers an event told by hand, and stays quiet when delivery is off', async () => {
    const hooks = await receiver();
    const { sim, get } = await start(world);
    await register(get, hooks.url);
    const id = sim.world.subscriptions.ids()[2] as string;
    sim.webhooks.emit({ topic: 'SUBSCRIPTION', action: 'UPDATED', id });
    await sim.webhooks.settled();
    expect(hooks.received.map((r) => r.body.payloadData?.id)).toEqual([id]);
    sim.webhooks.update({ enabled: false });
    sim.world.subscriptions.update(id, { quantity: 1 });
    await sim.webhooks.settled();
    expect(hooks.received).toHaveLength(1);
  });
});
