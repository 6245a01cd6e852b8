import { createPax8Client, Pax8NetworkError } from '@pax8-sync/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Pax8SimSubscription } from '../src/index';
import { useHttpSimulators } from './support/http-fetch';
import { type Receiver, startReceiver } from './support/receiver';

// The write-back engine's recovery path (#15): a write whose answer was lost is told apart by
// reading Pax8 back, and the change it made is also announced by webhook (#16).
const NOW = Date.parse('2026-06-15T12:00:00Z');
const company = {
  name: 'Lost Answer Clinic',
  address: { street: '2 Main St', city: 'Denver', stateOrProvince: 'Colorado', postalCode: '80202', country: 'US' },
  phone: '303-555-0110',
  website: 'lost-answer.example.com',
  billOnBehalfOfEnabled: false,
  selfServiceAllowed: false,
  orderApprovalRequired: false,
};

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('write-back after a lost answer, over HTTP (#15)', () => {
  const start = useHttpSimulators();
  const world = { seed: 15, companies: 6, subscriptions: 120, now: () => NOW };

  it('a quantity applied before the connection reset reads back applied, is announced by webhook, and the same absolute PUT again changes nothing', async () => {
    const hooks = await startReceiver();
    receivers.push(hooks);
    const { sim, url, get } = await start(world);
    const registered = await get('/api/v2/webhooks', {
      method: 'POST',
      body: JSON.stringify({ displayName: 'PSA', url: hooks.url, authorization: 'Bearer wb-secret', active: true, errorThreshold: 0, webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }] }),
    });
    expect(registered.status).toBe(200);
    const client = createPax8Client({ ...sim.credentials, baseUrl: url, retry: { retries: 0 } });
    const s = sim.world.subscriptions.list({ filter: (x) => x.status === 'Active' && !x.commitment })[0] as Pax8SimSubscription;
    const target = s.quantity + 5;

    sim.faults.inject({ kind: 'resetAfterApply', route: 'PUT /v1/subscriptions/{subscriptionId}' });
    await expect(client.subscriptions.update(s.id, { quantity: target })).rejects.toBeInstanceOf(Pax8NetworkError);
    const readBack = (await (await get(`/v1/subscriptions/${s.id}`)).json()) as { quantity: number };
    expect(readBack.quantity).toBe(target);
    await sim.webhooks.settled();
    expect(hooks.received.map((r) => [r.authorization, r.body.payloadData?.id, r.body.payloadData?.quantity])).toEqual([['Bearer wb-secret', s.id, target]]);

    const again = await get(`/v1/subscriptions/${s.id}`, { method: 'PUT', body: JSON.stringify({ quantity: target }) });
    expect(again.status).toBe(200);
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(target);
    const puts = sim.requests.filter((r) => r.route === 'PUT /v1/subscriptions/{subscriptionId}');
    expect(puts.map((r) => [r.status, r.fault ?? null, (r.body as { quantity: number }).quantity])).toEqual([
      [0, 'resetAfterApply', target],
      [200, null, target],
    ]);
  });

  it('a company created without contacts before a 5xx: the retry says "already exists", and the company reads back by name', async () => {
    const { sim, url, get } = await start(world);
    const client = createPax8Client({ ...sim.credentials, baseUrl: url, retry: { retries: 0 } });
    sim.faults.inject({ kind: 'serverErrorAfterApply', route: 'POST /v1/companies' });
    await expect(client.companies.create(company)).rejects.toMatchObject({ status: expect.any(Number) });
    const retry = await get('/v1/companies', { method: 'POST', body: JSON.stringify(company) });
    expect([retry.status, ((await retry.json()) as { message: string }).message]).toEqual([422, 'Company already exists']);
    const stored = sim.world.companies.list({ filter: (c) => c.name === company.name });
    expect(stored.map((c) => c.status)).toEqual(['Inactive']);
    const read = (await (await get(`/v1/companies/${stored[0]?.id}`)).json()) as { name: string; status: string };
    expect(read).toMatchObject({ name: company.name, status: 'Inactive' });
    expect(sim.requests.filter((r) => r.route === 'POST /v1/companies').map((r) => [r.status >= 500, r.fault ?? null])).toEqual([
      [true, 'serverErrorAfterApply'],
      [false, null],
    ]);
  });
});
