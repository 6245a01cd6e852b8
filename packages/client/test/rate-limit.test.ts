import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { company, pageOf, subscription } from './support/fixtures';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

const state = usePax8Server();

describe('rate limiter', () => {
  it('spreads requests evenly: 60 a minute → one every 1000 ms (injected clock), across all resources', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    api('get', `${BASE}/v1/subscriptions/s-1`, subscription(1));
    api('get', `${BASE}/v1/products`, pageOf([], 0, 200, 0));
    const starts: number[] = [];
    const { client, clock } = makeClient({
      rateLimit: { requestsPerMinute: 60, concurrency: 10 },
      hooks: { beforeRequest: (info) => void (info.url.endsWith('/token') ? undefined : starts.push(clock.now())) },
    });
    const t0 = clock.now();
    await Promise.all([
      client.companies.get('c-1'),
      client.subscriptions.get('s-1'),
      client.products.list(),
      client.companies.get('c-1'),
      client.subscriptions.get('s-1'),
    ]);
    expect(starts.map((t) => t - t0)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(state.requests).toHaveLength(5);
  });

  it('the default (1,000 a minute) spaces requests 60 ms apart rather than sending a burst', async () => {
    api('get', `${BASE}/v1/companies/c-1`, company(1));
    const starts: number[] = [];
    const { client, clock } = makeClient({
      hooks: { beforeRequest: (info) => void (info.url.endsWith('/token') ? undefined : starts.push(clock.now())) },
    });
    const t0 = clock.now();
    await Promise.all(Array.from({ length: 4 }, () => client.companies.get('c-1')));
    expect(starts.map((t) => t - t0)).toEqual([0, 60, 120, 180]);
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
    expect(starts.sort()).toEqual(['0 /v1/companies/c-1', '10000 /v1/companies/c-1', '10000 /v1/subscriptions/s-1']);
  });
});
