import {
  createMemoryRateLimitStore,
  createPax8RateLimiter,
  Pax8InvalidArgumentError,
  type Pax8RateLimiterOptions,
  type Pax8RateLimitStore,
} from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { captureError } from './support/audit';
import { createFakeClock } from './support/fake-clock';
import { company, pageOf, subscription } from './support/fixtures';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

const state = usePax8Server();

describe('rate limiter', () => {
  it('spreads requests evenly: 60 a minute at a margin of 1 → one every 1000 ms (injected clock), across all resources, the token request included', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    api('get', `${BASE}/v1/subscriptions/s-1`, subscription(1));
    api('get', `${BASE}/v1/products`, pageOf([], 0, 200, 0));
    const starts: string[] = [];
    const { client, clock } = makeClient({
      rateLimit: { requestsPerMinute: 60, safetyMargin: 1, concurrency: 10 },
      hooks: { beforeRequest: (info) => void starts.push(`${clock.now() - t0} ${info.method} ${info.url.slice(BASE.length)}`) },
    });
    const t0 = clock.now();
    await Promise.all([
      client.companies.get('c-1'),
      client.subscriptions.get('s-1'),
      client.products.list(),
      client.companies.get('c-1'),
      client.subscriptions.get('s-1'),
    ]);
    expect(starts).toEqual([
      '0 POST /v1/token',
      '1000 GET /v1/companies/c-1',
      '2000 GET /v1/subscriptions/s-1',
      '3000 GET /v1/products',
      '4000 GET /v1/companies/c-1',
      '5000 GET /v1/subscriptions/s-1',
    ]);
    expect(state.requests).toHaveLength(5);
  });

  it('the default keeps a 10 % margin: 900 of 1,000 a minute, one every 66.7 ms (whole ms, never sooner)', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    const starts: number[] = [];
    const { client, clock } = makeClient({ hooks: { beforeRequest: () => void starts.push(clock.now()) } });
    const t0 = clock.now();
    await Promise.all(Array.from({ length: 4 }, () => client.companies.get('c-1')));
    expect(starts.map((t) => t - t0)).toEqual([0, 67, 134, 201, 268]);
  });

  it('clients given one limiter share its budget (one limiter per partner account)', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    const clock = createFakeClock();
    const limiter = createPax8RateLimiter({ requestsPerMinute: 60, safetyMargin: 1, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    const hooks = { beforeRequest: () => void starts.push(clock.now() - t0) };
    const a = makeClient({ rateLimiter: limiter, hooks }, clock);
    const b = makeClient({ rateLimiter: limiter, hooks }, clock);
    const t0 = clock.now();
    await Promise.all([a.client.companies.get('c-1'), b.client.companies.get('c-1'), a.client.companies.get('c-1')]);
    // Two token requests (one per client) and three API calls, one start a second between them all.
    expect(starts).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(limiter.limitPerMinute).toBe(60);
  });

  it('limiters on one store share its start slots and its holds (two processes of one partner account)', async () => {
    const clock = createFakeClock();
    const store = createMemoryRateLimitStore({ now: clock.now });
    const make = () => createPax8RateLimiter({ requestsPerMinute: 60, safetyMargin: 1, store, now: clock.now, sleep: clock.sleep });
    const [a, b] = [make(), make()];
    const t0 = clock.now();
    const starts: string[] = [];
    const task = (name: string) => async () => void starts.push(`${clock.now() - t0} ${name}`);
    await Promise.all([a.run(task('a1')), b.run(task('b1')), a.run(task('a2'))]);
    await b.hold(10_000);
    await a.run(task('a3'));
    expect(starts).toEqual(['0 a1', '1000 b1', '2000 a2', '12000 a3']);
  });

  it('a clock that does not move with the timer (an injected now without its sleep) never stalls it: one interval a start', async () => {
    const timer = createFakeClock();
    const frozen = () => Date.UTC(2026, 0, 1);
    const limiter = createPax8RateLimiter({ now: frozen, sleep: timer.sleep });
    await Promise.all(Array.from({ length: 5 }, () => limiter.run(async () => undefined)));
    expect(timer.sleeps).toEqual([67, 67, 67, 67]);
  });

  it('a failing store fails the request at once with its own error (no silent per-process fallback)', async () => {
    const outage = new Error('rate limit store unreachable');
    const failing: Pax8RateLimitStore = {
      specificationVersion: 'v1',
      tryStart: async () => Promise.reject(outage),
      hold: async () => {},
    };
    const { client } = makeClient({ rateLimiter: createPax8RateLimiter({ store: failing }) });
    const error = await captureError(client.companies.get('c-1'));
    expect(error).toBe(outage);
    expect(state.requests).toHaveLength(0);
  });

  it.each([
    [{ requestsPerMinute: 0 }, 'requestsPerMinute'],
    [{ safetyMargin: 1.5 }, 'safetyMargin'],
    [{ safetyMargin: 0 }, 'safetyMargin'],
    [{ concurrency: 0 }, 'concurrency'],
    [{ store: {} }, 'store.tryStart'],
    [{ requestsPerMinuet: 5 }, 'requestsPerMinuet'],
  ])('createPax8RateLimiter(%j) is refused naming %s', (options, field) => {
    let error: unknown;
    try {
      createPax8RateLimiter(options as Pax8RateLimiterOptions);
    } catch (caught) {
      error = caught;
    }
    expect(Pax8InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field });
  });

  it('caps requests in flight at `concurrency`', async () => {
    let inFlight = 0;
    let most = 0;
    api('get', `${BASE}/v1/companies/c-1`, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Hold the request for a few event-loop turns so that uncapped requests would overlap.
      for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return HttpResponse.json(company(1));
    });
    const { client } = makeClient({ rateLimit: { requestsPerMinute: 60_000_000, concurrency: 2 } });
    await Promise.all(Array.from({ length: 6 }, () => client.companies.get('c-1')));
    expect(state.requests).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('a 429 with Retry-After holds every request of the client, not only the one that got it', async () => {
    let refusals = 1;
    api('get', `${BASE}/v1/companies/c-1`, () =>
      refusals-- > 0
        ? HttpResponse.json({ type: 'TOO_MANY_REQUESTS' }, { status: 429, headers: { 'Retry-After': '10' } })
        : HttpResponse.json(company(1)),
    );
    api('get', `${BASE}/v1/subscriptions/s-1`, subscription(1));
    const starts: string[] = [];
    let other: Promise<unknown> | undefined;
    const { client, clock } = makeClient({
      rateLimit: { requestsPerMinute: 60_000_000, concurrency: 10 },
      hooks: {
        beforeRequest: (info) => void (info.url.endsWith('/token') ? undefined : starts.push(`${Math.round(clock.now() - t0)} ${info.url.slice(BASE.length)}`)),
        afterResponse: (info) => {
          // Another part of the program calls Pax8 right after the 429 came back.
          if (info.status === 429) setImmediate(() => (other = client.subscriptions.get('s-1')));
        },
      },
    });
    const t0 = clock.now();
    await client.companies.get('c-1');
    await other;
    // The token request took the first start (0), the call that got the 429 the next (1 ms later:
    // starts are whole milliseconds apart); nothing else starts before its Retry-After ran out.
    expect(starts).toEqual(['1 /v1/companies/c-1', '10001 /v1/subscriptions/s-1', '10002 /v1/companies/c-1']);
  });
});
