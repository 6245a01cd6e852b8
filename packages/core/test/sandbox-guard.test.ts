import type { Pax8Client } from '@pax8-sync/client';
import { type ClientFactoryInput, Pax8SyncError, Pax8SyncSandboxWriteError, pax8ClientFactory, readOnlyFetch } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, testClientOptions } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('the Sandbox guard (readOnlyFetch)', () => {
  it('lets reads, the token request and validation-only orders (?isMock=true) through and refuses every other write, typed', async () => {
    h = await createHarness();
    const guarded = readOnlyFetch(fetch, `${h.baseUrl}/v1/token`);
    const order = JSON.stringify({ companyId: h.sim.world.companies.list()[0]!.id, lineItems: [] });
    const mock = await guarded(`${h.baseUrl}/v1/orders?isMock=true`, { method: 'POST', body: order, headers: { 'content-type': 'application/json' } });
    expect(mock.status).toBeGreaterThanOrEqual(200);
    expect(h.sim.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${h.baseUrl}/v1/orders?isMock=true`]);

    const refusals = [
      [`${h.baseUrl}/v1/orders`, 'POST'],
      [`${h.baseUrl}/v1/orders?isMock=false`, 'POST'],
      [`${h.baseUrl}/v1/orders?isMock=true&isMock=false`, 'POST'],
      [`${h.baseUrl}/v1/companies?isMock=true`, 'POST'],
      [`${h.baseUrl}/v1/subscriptions/x?isMock=true`, 'PUT'],
      [`${h.baseUrl}/v1/subscriptions/x`, 'DELETE'],
    ] as const;
    for (const [url, method] of refusals) {
      const refused = await guarded(url, { method, body: method === 'DELETE' ? undefined : order }).catch((e: unknown) => e);
      expect(Pax8SyncError.isInstance(refused) && refused.code, `${method} ${url}`).toBe('sandbox-write-refused');
    }
    expect(h.sim.requests.length).toBe(1);
  });
});

describe('a Sandbox connection refuses writes at once, typed and final', () => {
  it('the fetch the engine hands the client rejects a write with Pax8SyncSandboxWriteError (isRetryable false) and nothing reaches Pax8', async () => {
    const inputs: ClientFactoryInput[] = [];
    let networkCalls = 0;
    const counting: typeof fetch = (input, init) => {
      networkCalls += 1;
      return fetch(input, init);
    };
    h = await createHarness({}, { fetch: counting, createClient: (input) => {
        inputs.push(input);
        return pax8ClientFactory(testClientOptions)(input);
      },
    });
    const { id } = await h.connect({ environment: 'Sandbox' });
    expect((await h.engine.verifyConnection(id)).ok).toBe(true);
    const input = inputs.at(-1)!;
    const [subscription] = h.sim.world.subscriptions.list({ limit: 1 });
    const before = { network: networkCalls, pax8: h.sim.requests.length };
    const refused = await input
      .fetch(`${h.baseUrl}/v1/subscriptions/${subscription!.id}`, { method: 'PUT', body: JSON.stringify({ quantity: 9 }), headers: { 'content-type': 'application/json' } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Pax8SyncSandboxWriteError);
    expect(refused).toMatchObject({ code: 'sandbox-write-refused', isRetryable: false, method: 'PUT', url: `${h.baseUrl}/v1/subscriptions/${subscription!.id}` });
    expect(Pax8SyncError.isInstance(refused)).toBe(true);
    expect({ network: networkCalls, pax8: h.sim.requests.length }).toEqual(before);
    expect(h.sim.world.subscriptions.get(subscription!.id)?.quantity).toBe(subscription!.quantity);
  });
});

describe('end to end: a write through the engine-built client of a Sandbox connection', () => {
  it('throws the documented typed error at once: one attempt, no retry, no wrapping, nothing sent to Pax8', async () => {
    let client: Pax8Client | undefined;
    let attempts = 0;
    h = await createHarness({}, {
      createClient: (input) => {
        const guarded = input.fetch;
        client = pax8ClientFactory({ ...testClientOptions, retry: { retries: 5, minDelayMs: 1, maxDelayMs: 1 } })({
          ...input,
          fetch: (url, init) => {
            attempts += 1;
            return guarded(url, init);
          },
        }) as Pax8Client;
        return client;
      },
    });
    const { id } = await h.connect({ environment: 'Sandbox' });
    expect((await h.engine.verifyConnection(id)).ok).toBe(true);
    const [subscription] = h.sim.world.subscriptions.list({ limit: 1 });
    const before = { attempts, pax8: h.sim.requests.length };
    const error = await client!.subscriptions.update(subscription!.id, { quantity: subscription!.quantity + 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pax8SyncSandboxWriteError);
    expect(error).toMatchObject({ code: 'sandbox-write-refused', isRetryable: false, method: 'PUT', url: `${h.baseUrl}/v1/subscriptions/${subscription!.id}` });
    expect(attempts - before.attempts).toBe(1);
    expect(h.sim.requests.length).toBe(before.pax8);
    const cancel = await client!.subscriptions.cancel(subscription!.id).catch((e: unknown) => e);
    expect(cancel).toMatchObject({ code: 'sandbox-write-refused', method: 'DELETE' });
    expect(attempts - before.attempts).toBe(2);
    expect(h.sim.world.subscriptions.get(subscription!.id)).toEqual(subscription);
  });
});
