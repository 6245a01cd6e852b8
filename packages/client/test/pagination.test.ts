import { createPax8Client, Pax8CollectLimitError, Pax8IncompleteListingError, type Pax8Subscription } from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { captureError } from './support/audit';
import { company, pageOf, subscription } from './support/fixtures';
import { BASE, observe, server, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

const state = usePax8Server();

/** Serves `total` subscriptions, paged as Pax8 does; `drop` removes records from the answers (a short listing). */
function serveSubscriptions(total: number, options: { drop?: number } = {}) {
  const all = Array.from({ length: total }, (_, n) => subscription(n));
  server.use(
    http.get(`${BASE}/v1/subscriptions`, ({ request }) => {
      const denied = observe(request);
      if (denied) return denied;
      const url = new URL(request.url);
      const number = Number(url.searchParams.get('page') ?? 0);
      const size = Number(url.searchParams.get('size') ?? 10);
      const served = all.slice(0, total - (options.drop ?? 0));
      return HttpResponse.json(pageOf(served.slice(number * size, (number + 1) * size), number, size, total));
    }),
  );
  return all;
}

describe('pagination', () => {
  it('iterates 1,234 subscriptions at size 200 in 7 requests, all in order', async () => {
    const all = serveSubscriptions(1234);
    const { client } = makeClient();
    const seen: Pax8Subscription[] = [];
    for await (const item of client.subscriptions.iterate()) seen.push(item);
    expect(seen.map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(state.requests.map((r) => r.url)).toEqual(
      Array.from({ length: 7 }, (_, n) => `${BASE}/v1/subscriptions?page=${n}&size=200`),
    );
  });

  it('pages() yields Pax8Page objects with page metadata and an empty rejected list', async () => {
    serveSubscriptions(450);
    const { client } = makeClient();
    const pages = [];
    for await (const page of client.subscriptions.pages({ status: 'Active' })) pages.push(page);
    expect(pages.map((p) => [p.page.number, p.content.length, p.rejected.length])).toEqual([
      [0, 200, 0],
      [1, 200, 0],
      [2, 50, 0],
    ]);
    expect(state.requests[0]?.url).toBe(`${BASE}/v1/subscriptions?status=Active&page=0&size=200`);
  });

  it('list() fetches exactly one page with the given page and size', async () => {
    serveSubscriptions(30);
    const { client } = makeClient();
    const page = await client.subscriptions.list({ page: 1, size: 10, companyId: 'c-1' });
    expect(page.page).toEqual({ size: 10, totalElements: 30, totalPages: 3, number: 1 });
    expect(page.content).toHaveLength(10);
    expect(state.requests.map((r) => r.url)).toEqual([`${BASE}/v1/subscriptions?companyId=c-1&page=1&size=10`]);
  });

  it('a listing that ends short of totalElements throws Pax8IncompleteListingError', async () => {
    serveSubscriptions(450, { drop: 20 });
    const { client } = makeClient();
    const seen: string[] = [];
    const error = await captureError(
      (async () => {
        for await (const item of client.subscriptions.iterate()) seen.push(item.id);
      })(),
    );
    expect(Pax8IncompleteListingError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ expected: 450, received: 430, url: `${BASE}/v1/subscriptions` });
    expect(seen).toHaveLength(430);
  });

  it('a short page before the last page throws at once', async () => {
    server.use(
      http.get(`${BASE}/v1/companies`, ({ request }) => {
        const denied = observe(request);
        if (denied) return denied;
        return HttpResponse.json(pageOf([company(1)], 0, 200, 500));
      }),
    );
    const { client } = makeClient();
    const error = await captureError(client.companies.collect({}, { max: 1000 }));
    expect(Pax8IncompleteListingError.isInstance(error)).toBe(true);
    expect(state.requests).toHaveLength(1);
  });

  it('totalElements moving while paging throws Pax8IncompleteListingError', async () => {
    const all = Array.from({ length: 400 }, (_, n) => subscription(n));
    server.use(
      http.get(`${BASE}/v1/subscriptions`, ({ request }) => {
        const denied = observe(request);
        if (denied) return denied;
        const number = Number(new URL(request.url).searchParams.get('page'));
        // A subscription is created between page 0 and page 1.
        const total = number === 0 ? 400 : 401;
        return HttpResponse.json(pageOf(all.slice(number * 200, (number + 1) * 200), number, 200, total));
      }),
    );
    const { client } = makeClient();
    const error = await captureError(client.subscriptions.collect({}, { max: 1000 }));
    expect(error).toMatchObject({ name: 'Pax8IncompleteListingError', expected: 400 });
    expect(error.message).toContain('moved from 400 to 401');
  });

  it('reads the flat paging fields of webhook topic definitions', async () => {
    const definitions = Array.from({ length: 3 }, (_, n) => ({ topic: `TOPIC_${n}`, name: `Topic ${n}` }));
    server.use(
      http.get(`${BASE}/api/v2/webhooks/topic-definitions`, ({ request }) => {
        const denied = observe(request);
        if (denied) return denied;
        const number = Number(new URL(request.url).searchParams.get('page'));
        return HttpResponse.json({ content: definitions.slice(number * 2, number * 2 + 2), number, size: 2, totalElements: 3, totalPages: 2 });
      }),
    );
    const { client } = makeClient();
    const topics: string[] = [];
    for await (const definition of client.webhooks.topicDefinitions.iterate({ size: 2 })) topics.push(definition.topic);
    expect(topics).toEqual(['TOPIC_0', 'TOPIC_1', 'TOPIC_2']);
    expect(state.requests.map((r) => r.url)).toEqual([
      `${BASE}/api/v2/webhooks/topic-definitions?page=0&size=2`,
      `${BASE}/api/v2/webhooks/topic-definitions?page=1&size=2`,
    ]);
  });

  it('collect() returns everything under max and refuses a larger listing', async () => {
    serveSubscriptions(250);
    const { client } = makeClient();
    expect(await client.subscriptions.collect({}, { max: 250 })).toHaveLength(250);
    const error = await captureError(client.subscriptions.collect({}, { max: 100 }));
    expect(Pax8CollectLimitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ max: 100, totalElements: 250 });
  });

  it('collect() without a max is a typed argument error', async () => {
    const client = createPax8Client({ clientId: 'a', clientSecret: 'b' });
    const error = await captureError(client.subscriptions.collect({}, {} as { max: number }));
    expect(error).toMatchObject({ name: 'Pax8InvalidArgumentError', field: 'max' });
  });

  it('a page without paging metadata is refused rather than taken as the last page (no silent truncation at 200)', async () => {
    const all = Array.from({ length: 200 }, (_, n) => subscription(n));
    server.use(
      http.get(`${BASE}/v1/subscriptions`, ({ request }) => {
        const denied = observe(request);
        if (denied) return denied;
        return HttpResponse.json({ content: all });
      }),
    );
    const { client } = makeClient();
    const seen: string[] = [];
    const error = await captureError(
      (async () => {
        for await (const item of client.subscriptions.iterate()) seen.push(item.id);
      })(),
    );
    expect(error).toMatchObject({ name: 'Pax8ValidationError', schema: 'page envelope', path: 'page', url: `${BASE}/v1/subscriptions?page=0&size=200` });
    expect(seen).toEqual([]);
  });

  it('an empty listing (totalElements 0, totalPages 0) is one request and no records, in iterate, pages and collect', async () => {
    serveSubscriptions(0);
    const { client } = makeClient();
    const seen: unknown[] = [];
    for await (const item of client.subscriptions.iterate()) seen.push(item);
    const pages = [];
    for await (const page of client.subscriptions.pages()) pages.push(page.page);
    expect(seen).toEqual([]);
    expect(pages).toEqual([{ size: 200, totalElements: 0, totalPages: 0, number: 0 }]);
    expect(await client.subscriptions.collect({}, { max: 1 })).toEqual([]);
    expect(state.requests).toHaveLength(3);
  });

  it('a listing of exactly 400 at size 200 takes 2 requests (a full last page is not followed by an empty one)', async () => {
    serveSubscriptions(400);
    const { client } = makeClient();
    expect(await client.subscriptions.collect({}, { max: 400 })).toHaveLength(400);
    expect(state.requests.map((r) => r.url)).toEqual([`${BASE}/v1/subscriptions?page=0&size=200`, `${BASE}/v1/subscriptions?page=1&size=200`]);
  });

  it('pages starting past page 0 still detect a listing that ends short', async () => {
    serveSubscriptions(450, { drop: 20 });
    const { client } = makeClient();
    const seen: string[] = [];
    const error = await captureError(
      (async () => {
        for await (const item of client.subscriptions.iterate({ page: 1 })) seen.push(item.id);
      })(),
    );
    expect(error).toMatchObject({ name: 'Pax8IncompleteListingError', expected: 250, received: 230 });
    expect(seen).toHaveLength(230);
  });

  it('a server that ignores the page parameter (answers page 0 again) is caught before any record repeats', async () => {
    const all = Array.from({ length: 450 }, (_, n) => subscription(n));
    server.use(
      http.get(`${BASE}/v1/subscriptions`, ({ request }) => {
        const denied = observe(request);
        if (denied) return denied;
        return HttpResponse.json(pageOf(all.slice(0, 200), 0, 200, 450));
      }),
    );
    const { client } = makeClient();
    const seen: string[] = [];
    const error = await captureError(
      (async () => {
        for await (const item of client.subscriptions.iterate()) seen.push(item.id);
      })(),
    );
    expect(error).toMatchObject({ name: 'Pax8IncompleteListingError', expected: 450 });
    expect(error.message).toContain('asked for page 1');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(200);
  });
});
