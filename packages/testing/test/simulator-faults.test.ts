import { describe, expect, it } from 'vitest';
import { createPax8Simulator, type Pax8FaultKind, type Pax8FaultOptions, Pax8SimulatorError } from '../src/index';
import { authorizedFetch, body } from './support/sim-fetch';

const noWait = async (): Promise<void> => {};

async function statuses(options: Pax8FaultOptions, count: number): Promise<(number | Pax8FaultKind | 'rateLimited' | undefined)[][]> {
  const sim = createPax8Simulator({ seed: 5, subscriptions: 20, faults: options, wait: noWait });
  const get = await authorizedFetch(sim);
  for (let i = 0; i < count; i++) await get(`/v1/subscriptions?page=${i % 2}`);
  return sim.requests.slice(1).map((r) => [r.status, r.fault]);
}

describe('simulator faults', () => {
  const rates: Pax8FaultOptions = { seed: 9, rates: { rateLimit: 0.2, serverError: 0.2, malformedJson: 0.1, drift: 0.1, delay: 0.1 } };

  it('draws from the seed: same seed, same fault sequence; another seed, another', async () => {
    const a = await statuses(rates, 60);
    expect(await statuses(rates, 60)).toEqual(a);
    expect(await statuses({ ...rates, seed: 10 }, 60)).not.toEqual(a);
    const kinds = new Set(a.map(([, fault]) => fault));
    expect([...kinds].sort()).toEqual(['delay', 'drift', 'malformedJson', 'rateLimit', 'serverError', undefined].sort());
  });

  it('changes at run time: set() restarts the draws, update() merges, clear() removes', async () => {
    const sim = createPax8Simulator({ seed: 5, subscriptions: 20, wait: noWait });
    const get = await authorizedFetch(sim);
    const run = async () => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await get('/v1/subscriptions')).status);
      return out;
    };
    expect(new Set(await run())).toEqual(new Set([200]));
    sim.faults.set({ rates: { serverError: 0.5 }, serverErrorStatus: 503 });
    const first = await run();
    sim.faults.set({ rates: { serverError: 0.5 }, serverErrorStatus: 503 });
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503]));
    sim.faults.update({ serverErrorStatus: 502 });
    expect(sim.faults.settings).toEqual({ rates: { serverError: 0.5 }, serverErrorStatus: 502 });
    sim.faults.clear();
    expect(new Set(await run())).toEqual(new Set([200]));
  });

  it('leaves the token endpoint alone unless its route is named', async () => {
    const token = (sim: ReturnType<typeof createPax8Simulator>) =>
      sim.handle(
        new Request('https://api.pax8.com/v1/token', {
          method: 'POST',
          body: JSON.stringify({ client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
        }),
      );
    expect((await token(createPax8Simulator({ faults: { rates: { serverError: 1 } } }))).status).toBe(200);
    expect((await token(createPax8Simulator({ faults: { routes: { 'POST /v1/token': { serverError: 1 } }, serverErrorStatus: 500 } }))).status).toBe(500);
  });

  it('answers 429 in Pax8 envelope, with Retry-After only when asked', async () => {
    const sim = createPax8Simulator({ subscriptions: 5, faults: { retryAfterSeconds: 3 } });
    const get = await authorizedFetch(sim);
    sim.faults.inject({ kind: 'rateLimit' });
    const plain = await get('/v1/subscriptions');
    expect([plain.status, plain.headers.get('retry-after')]).toEqual([429, null]);
    expect(await body(plain)).toMatchObject({ type: 'Too Many Requests', status: 429, instance: '/v1/subscriptions', details: [] });
    sim.faults.inject({ kind: 'rateLimitRetryAfter' });
    const told = await get('/v1/subscriptions');
    expect([told.status, told.headers.get('retry-after')]).toEqual([429, '3']);
  });

  it('enforces requests per minute over a sliding window on the injected clock', async () => {
    let now = 0;
    const sim = createPax8Simulator({ subscriptions: 5, now: () => now, faults: { rateLimit: { requestsPerMinute: 3, retryAfter: true } } });
    const get = await authorizedFetch(sim);
    const seen: (number | string | null)[][] = [];
    for (const at of [0, 10_000, 20_000, 30_000, 60_000, 70_001]) {
      now = at;
      const r = await get('/v1/products');
      seen.push([at, r.status, r.headers.get('retry-after')]);
    }
    expect(seen).toEqual([
      [0, 200, null],
      [10_000, 200, null],
      [20_000, 200, null],
      [30_000, 429, '30'],
      [60_000, 200, null],
      [70_001, 200, null],
    ]);
    expect(sim.counters.faults).toEqual({ rateLimited: 1 });
  });

  it('counts requests that met a 5xx or a delay against the enforced limit (the gateway saw them), so hammering retries are limited', async () => {
    const sim = createPax8Simulator({ subscriptions: 5, now: () => 0, wait: noWait, faults: { rateLimit: { requestsPerMinute: 3 }, routes: { 'GET /v1/products': { serverError: 1 }, 'GET /v1/companies': { delay: 1 } } } });
    const get = await authorizedFetch(sim);
    const seen = [];
    for (const path of ['/v1/products', '/v1/products', '/v1/companies', '/v1/products', '/v1/subscriptions']) seen.push((await get(path)).status);
    expect(seen.map((status) => (status >= 500 ? '5xx' : status))).toEqual(['5xx', '5xx', 200, 429, 429]);
    expect(sim.counters.faults).toMatchObject({ serverError: 2, delay: 1, rateLimited: 2 });
  });

  it('cuts JSON short for malformedJson and drifts records for drift', async () => {
    const sim = createPax8Simulator({ subscriptions: 10, faults: { driftKinds: ['oddDate'], driftRecordShare: 1 } });
    const get = await authorizedFetch(sim);
    sim.faults.inject({ kind: 'malformedJson', route: 'GET /v1/companies' });
    const cut = await get('/v1/companies');
    expect([cut.status, cut.headers.get('content-type')]).toEqual([200, 'application/json']);
    const text = await cut.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    sim.faults.inject({ kind: 'drift', route: 'GET /v1/subscriptions' });
    const drifted = (await body(await get('/v1/subscriptions'))).content ?? [];
    expect(drifted.every((s) => Object.values(s).some((v) => typeof v === 'string' && (/^\d{2}\/\d{2}\/\d{4}$/.test(v) || /^\d{4}-\d{2}-\d{2} \d{2}:/.test(v))))).toBe(true);
  });

  it('rejects bad fault settings, naming the field', () => {
    expect(() => createPax8Simulator({ faults: { rates: { rateLimit: 0.7, serverError: 0.7 } } })).toThrow(/faults.rates: rates add up to 1.4/);
    expect(() => createPax8Simulator({ faults: { routes: { 'GET /v1/companies': { explode: 0.1 } as never } } })).toThrow(Pax8SimulatorError);
    expect(() => createPax8Simulator().faults.inject({ kind: 'explode' as Pax8FaultKind })).toThrow(/faults.inject.kind/);
    expect(() => createPax8Simulator({ faults: { rateLimit: { requestsPerMinute: 0 } } })).toThrow(/requestsPerMinute/);
  });

  it('answers unknown routes, wrong methods and webhook errors in the right envelope', async () => {
    const sim = createPax8Simulator();
    const get = await authorizedFetch(sim);
    expect(await body(await get('/v1/nope'))).toMatchObject({ type: 'Not Found', status: 404, instance: '/v1/nope' });
    const wrong = await get('/v1/companies', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(await body(await get('/api/v2/webhooks/00000000-0000-4000-8000-000000000000'))).toMatchObject({ type: 'NOT_FOUND', status: 404 });
    expect(sim.requests.at(-1)).toMatchObject({ route: 'GET /api/v2/webhooks/{id}', status: 404 });
  });
});
