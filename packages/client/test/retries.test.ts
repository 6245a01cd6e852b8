import {
  createMemoryTokenStore,
  Pax8ApiError,
  Pax8MaybeAppliedError,
  Pax8NetworkError,
  Pax8RateLimitError,
  Pax8TimeoutError,
} from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { captureError, recordIssuedToken } from './support/audit';
import { company, subscription } from './support/fixtures';
import { api, BASE, server, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

const state = usePax8Server();
const COMPANY = `${BASE}/v1/companies/c-1`;
const ORDERS = `${BASE}/v1/orders`;
const ORDER = { companyId: 'c-1', lineItems: [{ productId: 'p-1', lineItemNumber: 1, billingTerm: 'Monthly', quantity: 3 }] };
const ORDER_ANSWER = { id: 'o-1', companyId: 'c-1', orderedBy: 'Pax8 Partner', lineItems: [] };
// No rate limiter spacing here, so the recorded sleeps are the retry delays.
const quick = { rateLimiter: unlimited(), retry: { retries: 3, minDelayMs: 1000, maxDelayMs: 60_000 } };
const retrySleeps = (sleeps: number[]) => sleeps.filter((ms) => ms >= 1);

/** Answers with `failure` for the first `times` calls, then with `success`. */
function failing(times: number, failure: () => Response, success: unknown) {
  return (_request: Request, call: number) => (call <= times ? failure() : HttpResponse.json(success as Record<string, unknown>));
}

const tooMany = (headers: Record<string, string> = {}) =>
  HttpResponse.json({ type: 'TOO_MANY_REQUESTS', message: 'slow down' }, { status: 429, headers });

describe('retries', () => {
  it('429 with Retry-After in seconds waits exactly that long, then succeeds', async () => {
    api('get', COMPANY, failing(1, () => tooMany({ 'Retry-After': '7' }), company(1)));
    const { client, clock } = makeClient(quick);
    await client.companies.get('c-1');
    expect(state.requests).toHaveLength(2);
    expect(retrySleeps(clock.sleeps)).toEqual([7000]);
  });

  it('429 with Retry-After as an HTTP date waits until that date (by the injected clock)', async () => {
    const { client, clock } = makeClient(quick);
    const at = new Date(clock.now() + 12_000).toUTCString();
    api('get', COMPANY, failing(1, () => tooMany({ 'Retry-After': at }), company(1)));
    await client.companies.get('c-1');
    expect(retrySleeps(clock.sleeps)).toEqual([12_000]);
  });

  it('429 without Retry-After backs off exponentially with jitter', async () => {
    api('get', COMPANY, failing(3, () => tooMany(), company(1)));
    const { client, clock } = makeClient(quick);
    await client.companies.get('c-1');
    const delays = retrySleeps(clock.sleeps);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, n) => {
      const ceiling = 1000 * 2 ** n;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    });
  });

  it('429 that never ends is a Pax8RateLimitError with retryAfterMs after retries + 1 attempts', async () => {
    api('get', COMPANY, () => tooMany({ 'Retry-After': '2' }));
    const { client } = makeClient(quick);
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8RateLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 2000, isRetryable: true, method: 'GET', url: COMPANY });
    expect(state.requests).toHaveLength(4);
  });

  it('a POST is retried on 429 (Pax8 did not apply it)', async () => {
    api('post', ORDERS, failing(1, () => tooMany({ 'Retry-After': '1' }), ORDER_ANSWER));
    const { client } = makeClient(quick);
    const order = await client.orders.create(ORDER);
    expect(order.id).toBe('o-1');
    expect(state.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  it('503 on GET is retried', async () => {
    api('get', `${BASE}/v1/subscriptions/s-1`, failing(2, () => HttpResponse.json({ message: 'down' }, { status: 503 }), subscription(1)));
    const { client } = makeClient(quick);
    const result = await client.subscriptions.get('s-1');
    expect(result.id).toBe(subscription(1).id);
    expect(state.requests).toHaveLength(3);
  });

  it('503 on PUT is retried (idempotent)', async () => {
    api('put', `${BASE}/v1/subscriptions/s-1`, failing(1, () => new HttpResponse(null, { status: 503 }), subscription(1, { quantity: 9 })));
    const { client } = makeClient(quick);
    const result = await client.subscriptions.update('s-1', { quantity: 9 });
    expect(result.quantity).toBe(9);
    expect(state.requests.map((r) => r.method)).toEqual(['PUT', 'PUT']);
  });

  it('503 on DELETE is retried (idempotent)', async () => {
    api('delete', `${BASE}/v1/subscriptions/s-1`, (_request: Request, call: number) =>
      call === 1 ? new HttpResponse(null, { status: 503 }) : new HttpResponse(null, { status: 204 }),
    );
    const { client } = makeClient(quick);
    await client.subscriptions.cancel('s-1', { cancelDate: '2026-03-01' });
    expect(state.requests).toEqual([
      { method: 'DELETE', url: `${BASE}/v1/subscriptions/s-1?cancelDate=2026-03-01` },
      { method: 'DELETE', url: `${BASE}/v1/subscriptions/s-1?cancelDate=2026-03-01` },
    ]);
  });

  it('500 on PATCH is not retried either: Pax8MaybeAppliedError', async () => {
    api('patch', COMPANY, () => HttpResponse.json({ message: 'boom' }, { status: 500 }));
    const { client } = makeClient(quick);
    const error = await captureError(client.companies.update('c-1', { name: 'Renamed' }));
    expect(error).toMatchObject({ name: 'Pax8MaybeAppliedError', method: 'PATCH', status: 500 });
    expect(state.requests).toHaveLength(1);
  });

  it('a 503 from the token endpoint is retried even for a POST (nothing was sent yet)', async () => {
    let refusals = 1;
    server.use(
      http.post(`${BASE}/v1/token`, () => (refusals-- > 0 ? new HttpResponse(null, { status: 503 }) : undefined)),
    );
    api('post', ORDERS, ORDER_ANSWER);
    const { client } = makeClient(quick);
    expect((await client.orders.create(ORDER)).id).toBe('o-1');
    expect(state.requests).toHaveLength(1);
    expect(state.tokenRequests).toHaveLength(1);
  });

  it('500 on POST /orders is not retried: Pax8MaybeAppliedError with the API error in cause', async () => {
    api('post', ORDERS, () => HttpResponse.json({ type: 'INTERNAL_SERVER_ERROR', message: 'boom' }, { status: 500 }));
    const { client } = makeClient(quick);
    const error = await captureError(client.orders.create(ORDER));
    expect(Pax8MaybeAppliedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, status: 500, method: 'POST', url: ORDERS });
    expect(error.message).toMatch(/may have been applied/);
    expect(Pax8ApiError.isInstance(error.cause)).toBe(true);
    expect(state.requests).toHaveLength(1);
  });

  it('a network error on GET is retried, and after the last retry is a Pax8NetworkError', async () => {
    api('get', COMPANY, failing(2, () => HttpResponse.error(), company(1)));
    const { client } = makeClient(quick);
    expect((await client.companies.get('c-1')).id).toBe(company(1).id);
    expect(state.requests).toHaveLength(3);

    api('get', `${BASE}/v1/companies/c-2`, () => HttpResponse.error());
    const error = await captureError(client.companies.get('c-2'));
    expect(Pax8NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ method: 'GET', url: `${BASE}/v1/companies/c-2` });
    expect(error.cause).toBeDefined();
  });

  it('a network error on POST is not retried: Pax8MaybeAppliedError', async () => {
    api('post', ORDERS, () => HttpResponse.error());
    const { client } = makeClient(quick);
    const error = await captureError(client.orders.create(ORDER, { mock: true }));
    expect(Pax8MaybeAppliedError.isInstance(error)).toBe(true);
    expect(Pax8NetworkError.isInstance(error.cause)).toBe(true);
    expect(state.requests).toEqual([{ method: 'POST', url: `${ORDERS}?isMock=true` }]);
  });

  it('a GET that never answers times out per attempt (injected timer) and ends in Pax8TimeoutError', async () => {
    const store = createMemoryTokenStore();
    const { client, clock } = makeClient({ ...quick, timeoutMs: 5000, tokenStore: store });
    // A token already in the shared store: no token request (it would hang on the same fake timer).
    const token = 'at_TOKEN_seeded_timeout';
    recordIssuedToken(token);
    state.validTokens.add(token);
    await store.set({ accessToken: token, expiresAt: clock.now() + 3_600_000 });
    api('get', COMPANY, () => new Promise<Response>(() => {}));
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 5000, method: 'GET', url: COMPANY });
    expect(state.requests).toHaveLength(4);
    expect(clock.sleeps.filter((ms) => ms === 5000)).toHaveLength(4);
  });

  it('a 404 is not retried and carries Pax8 type, message, instance and details', async () => {
    api('get', COMPANY, () =>
      HttpResponse.json(
        { type: 'NOT_FOUND', message: 'Company not found', instance: '/v1/companies/c-1', status: 404, details: [{ message: 'no such id' }] },
        { status: 404 },
      ),
    );
    const { client } = makeClient(quick);
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 404,
      type: 'NOT_FOUND',
      instance: '/v1/companies/c-1',
      details: [{ message: 'no such id' }],
      method: 'GET',
      url: COMPANY,
      isRetryable: false,
    });
    expect(error.message).toContain('Company not found');
    expect(state.requests).toHaveLength(1);
  });

  it('a POST that times out is never retried: Pax8MaybeAppliedError with the timeout in cause', async () => {
    const store = createMemoryTokenStore();
    const { client, clock } = makeClient({ ...quick, timeoutMs: 5000, tokenStore: store });
    const token = 'at_TOKEN_seeded_post_timeout';
    recordIssuedToken(token);
    state.validTokens.add(token);
    await store.set({ accessToken: token, expiresAt: clock.now() + 3_600_000 });
    api('post', ORDERS, () => new Promise<Response>(() => {}));
    const error = await captureError(client.orders.create(ORDER));
    expect(Pax8MaybeAppliedError.isInstance(error)).toBe(true);
    expect(Pax8TimeoutError.isInstance(error.cause)).toBe(true);
    expect(error).toMatchObject({ method: 'POST', url: ORDERS, status: undefined });
    expect(state.requests).toHaveLength(1);
    expect(retrySleeps(clock.sleeps).filter((ms) => ms !== 5000)).toEqual([]);
  });

  it('a 429 from the token endpoint honours its Retry-After', async () => {
    let refusals = 1;
    server.use(
      http.post(`${BASE}/v1/token`, () =>
        refusals-- > 0 ? HttpResponse.json({ error: 'slow_down' }, { status: 429, headers: { 'Retry-After': '9' } }) : undefined,
      ),
    );
    api('get', COMPANY, company(1));
    const { client, clock } = makeClient(quick);
    await client.companies.get('c-1');
    expect(retrySleeps(clock.sleeps)).toEqual([9000]);
    expect(state.tokenRequests).toHaveLength(1);
  });

  it('an unreadable Retry-After falls back to backoff; one in the past retries at once', async () => {
    api('get', COMPANY, (_request: Request, call: number) =>
      call === 1 ? tooMany({ 'Retry-After': 'soon' }) : call === 2 ? tooMany({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:00 GMT' }) : HttpResponse.json(company(1)),
    );
    const { client, clock } = makeClient(quick);
    await client.companies.get('c-1');
    const sleeps = clock.sleeps.filter((ms) => ms >= 1 || ms === 0);
    expect(state.requests).toHaveLength(3);
    expect(sleeps.filter((ms) => ms >= 500 && ms <= 1000)).toHaveLength(1);
    expect(sleeps).toContain(0);
  });

  it('backoff jitter spans half to all of the exponential ceiling, capped at maxDelayMs', async () => {
    const random = vi.spyOn(Math, 'random');
    try {
      const settings = { rateLimiter: unlimited(), retry: { retries: 4, minDelayMs: 1000, maxDelayMs: 3000 } };
      random.mockReturnValue(0);
      api('get', COMPANY, failing(4, () => tooMany(), company(1)));
      const low = makeClient(settings);
      await low.client.companies.get('c-1');
      expect(retrySleeps(low.clock.sleeps)).toEqual([500, 1000, 1500, 1500]);

      random.mockReturnValue(0.999_999);
      api('get', `${BASE}/v1/companies/c-2`, failing(4, () => tooMany(), company(2)));
      const high = makeClient(settings);
      await high.client.companies.get('c-2');
      expect(retrySleeps(high.clock.sleeps)).toEqual([1000, 2000, 3000, 3000]);
    } finally {
      random.mockRestore();
    }
  });
});
