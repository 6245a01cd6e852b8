import { Pax8NetworkError, type Pax8Fetch } from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { captureError } from './support/audit';
import { company, subscription } from './support/fixtures';
import { api, BASE, TOKEN_URL, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

const state = usePax8Server();

/** What core's Sandbox guard throws: a typed error marked as not retryable. */
class SandboxWriteRefused extends Error {
  readonly code = 'sandbox-write-refused';
  readonly isRetryable = false;
  constructor(method: string, url: string) {
    super(`Sandbox connection: ${method} ${url} was refused`);
    this.name = 'Pax8SyncError';
  }
}

/** A guard in front of the real fetch (which msw intercepts): reads and the token request go out, other writes are refused. */
function guardedFetch(refuseToken = false): Pax8Fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const isToken = request.url === TOKEN_URL;
    if (request.method === 'GET' || (isToken && !refuseToken)) return fetch(input, init);
    throw new SandboxWriteRefused(request.method, request.url);
  };
}

const ORDER = { companyId: 'c-1', lineItems: [{ productId: 'p-1', lineItemNumber: 1, billingTerm: 'Monthly' as const, quantity: 3 }] };

describe('a refusal by the injected fetch (isRetryable === false)', () => {
  it.each([
    ['PUT', (c: ReturnType<typeof makeClient>['client']) => c.subscriptions.update('s-1', { quantity: 4 })],
    ['DELETE', (c: ReturnType<typeof makeClient>['client']) => c.subscriptions.cancel('s-1', { cancelDate: '2026-03-01' })],
    ['POST', (c: ReturnType<typeof makeClient>['client']) => c.orders.create(ORDER)],
    ['PATCH', (c: ReturnType<typeof makeClient>['client']) => c.companies.update('c-1', { name: 'Renamed' })],
  ])('%s: is rethrown unchanged, at once: not retried, not wrapped, no backoff', async (_method, call) => {
    api('put', `${BASE}/v1/subscriptions/s-1`, subscription(1));
    api('delete', `${BASE}/v1/subscriptions/s-1`, () => new HttpResponse(null, { status: 204 }));
    api('post', `${BASE}/v1/orders`, { id: 'o-1' });
    api('patch', `${BASE}/v1/companies/c-1`, company(1));
    const { client, clock } = makeClient({ fetch: guardedFetch(), rateLimiter: unlimited(), retry: { retries: 5, minDelayMs: 1000 } });
    const t0 = clock.now();
    const error = await captureError(call(client));
    expect(error).toBeInstanceOf(SandboxWriteRefused);
    expect(error).toMatchObject({ code: 'sandbox-write-refused', isRetryable: false, name: 'Pax8SyncError' });
    expect(Pax8NetworkError.isInstance(error)).toBe(false);
    expect(error.cause).toBeUndefined();
    // Nothing reached the network beyond the token request, nothing slept, no time passed.
    expect(state.requests).toEqual([]);
    expect(state.tokenRequests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(clock.now()).toBe(t0);
  });

  it('the very same object comes back (identity), and reads through the same fetch still work', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    const refusal = new SandboxWriteRefused('POST', `${BASE}/v1/orders`);
    const base = guardedFetch();
    const fetchOnce: Pax8Fetch = async (input, init) => {
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      if (method === 'POST' && String(input instanceof Request ? input.url : input).includes('/orders')) throw refusal;
      return base(input, init);
    };
    const { client } = makeClient({ fetch: fetchOnce, rateLimiter: unlimited() });
    await expect(client.companies.get('c-1')).resolves.toMatchObject({ name: 'Company 1' });
    await expect(client.orders.create(ORDER)).rejects.toBe(refusal);
  });

  it('a refused token request is not retried either', async () => {
    const { client, clock } = makeClient({ fetch: guardedFetch(true), rateLimiter: unlimited(), retry: { retries: 5, minDelayMs: 1000 } });
    const error = await captureError(client.companies.get('c-1'));
    expect(error).toBeInstanceOf(SandboxWriteRefused);
    expect(state.tokenRequests).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('any other fetch failure is still a Pax8NetworkError, retried on GET (isRetryable true or absent)', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    let failures = 2;
    const flaky: Pax8Fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/companies') && failures-- > 0) {
        throw Object.assign(new TypeError('fetch failed'), failures === 1 ? { isRetryable: true } : {});
      }
      return fetch(input, init);
    };
    const { client } = makeClient({ fetch: flaky, rateLimiter: unlimited(), retry: { retries: 3, minDelayMs: 10 } });
    await expect(client.companies.get('c-1')).resolves.toMatchObject({ name: 'Company 1' });
    expect(state.requests).toHaveLength(1);
  });
});
