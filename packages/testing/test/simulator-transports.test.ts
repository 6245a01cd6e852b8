import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPax8Simulator } from '../src/index';

const sim = createPax8Simulator({ seed: 11, companies: 3, subscriptions: 12 });
const server = setupServer(...sim.handlers);

async function tokenAt(base: string): Promise<string> {
  const response = await fetch(`${base}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('one world, two transports', () => {
  let url = '';
  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'bypass' });
    url = await sim.listen();
  });
  afterEach(() => sim.faults.clear());
  afterAll(async () => {
    server.close();
    await sim.close();
  });

  it('listen() called twice at once starts one server, and close() leaves nothing listening', async () => {
    const own = createPax8Simulator({ seed: 2, subscriptions: 3 });
    const [first, second] = await Promise.all([own.listen(), own.listen()]);
    expect(second).toBe(first);
    expect(own.url).toBe(first);
    await own.close();
    expect(own.url).toBeUndefined();
    await expect(fetch(`${first}/v1/token`, { method: 'POST' })).rejects.toThrow(/fetch failed/);
  });

  it('serves the same listing through msw and over loopback HTTP', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const viaMsw = await fetch('https://api.pax8.com/v1/companies?size=50', { headers: { authorization: `Bearer ${await tokenAt('https://api.pax8.com')}` } });
    const viaHttp = await fetch(`${url}/v1/companies?size=50`, { headers: { authorization: `Bearer ${await tokenAt(url)}` } });
    expect(viaMsw.status).toBe(200);
    expect(viaHttp.headers.get('content-type')).toBe('application/json');
    expect(await viaHttp.json()).toEqual(await viaMsw.json());
    const log = sim.requests.filter((r) => r.route === 'GET /v1/companies');
    expect(log.map((r) => [r.method, r.url, r.status])).toEqual([
      ['GET', 'https://api.pax8.com/v1/companies?size=50', 200],
      ['GET', `${url}/v1/companies?size=50`, 200],
    ]);
  });

  it('serves under a base URL with a path when msw is given one', async () => {
    const prefixed = createPax8Simulator({ seed: 11, companies: 3, subscriptions: 12, baseUrl: 'https://pax8.test/proxy/' });
    server.use(...prefixed.handlers);
    const token = await fetch('https://pax8.test/proxy/v1/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: prefixed.credentials.clientId, client_secret: prefixed.credentials.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const page = await fetch('https://pax8.test/proxy/v1/subscriptions', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(page.status).toBe(200);
    expect(prefixed.requests.at(-1)).toMatchObject({ route: 'GET /v1/subscriptions', url: 'https://pax8.test/proxy/v1/subscriptions' });
    server.resetHandlers();
  });

  it('answers OAuth errors for bad credentials and 401 without a token', async () => {
    const bad = await fetch(`${url}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: sim.credentials.clientId, client_secret: 'wrong', audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
    const anonymous = await fetch(`${url}/v1/subscriptions`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ type: 'Unauthorized', status: 401, instance: '/v1/subscriptions', details: [] });
  });

  it('resets the connection: a destroyed socket over HTTP, a network error through msw', async () => {
    const token = await tokenAt(url);
    sim.faults.inject({ kind: 'reset', times: 2 });
    await expect(fetch(`${url}/v1/products`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(TypeError);
    await expect(fetch('https://api.pax8.com/v1/products', { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow(TypeError);
    expect(sim.requests.slice(-2).map((r) => [r.status, r.fault])).toEqual([
      [0, 'reset'],
      [0, 'reset'],
    ]);
  });
});
