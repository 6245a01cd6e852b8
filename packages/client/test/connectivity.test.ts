import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { pageOf } from './support/fixtures';
import { api, BASE, server, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

const state = usePax8Server();
const COMPANIES = `${BASE}/v1/companies`;

describe('verifyConnectivity', () => {
  it('ok: a fresh token, then one company read', async () => {
    api('get', COMPANIES, pageOf([], 0, 1, 0));
    const { client } = makeClient();
    const result = await client.verifyConnectivity();
    expect(result).toMatchObject({ ok: true, checks: { token: { ok: true }, api: { ok: true } } });
    expect(result.latencyMs).toEqual(expect.any(Number));
    expect(state.requests.map((r) => r.url)).toEqual([`${COMPANIES}?page=0&size=1`]);
  });

  it('bad credentials: a plain reason, no throw, the API step skipped', async () => {
    const { client } = makeClient({ clientSecret: 'definitely-wrong' });
    const result = await client.verifyConnectivity();
    expect(result).toMatchObject({ ok: false, failure: 'bad_credentials', checks: { token: { ok: false, status: 401 }, api: { ok: false, skipped: true } } });
    expect(result.reason).toMatch(/^bad credentials/);
    expect(result.reason).toContain('access_denied');
  });

  it('forbidden: the token works but partner data is refused', async () => {
    api('get', COMPANIES, () => HttpResponse.json({ type: 'FORBIDDEN', message: 'no' }, { status: 403 }));
    const { client } = makeClient();
    const result = await client.verifyConnectivity();
    expect(result).toMatchObject({ ok: false, failure: 'forbidden', checks: { token: { ok: true }, api: { ok: false, status: 403 } } });
    expect(result.reason).toMatch(/^forbidden/);
  });

  it('unreachable: the network fails', async () => {
    const { client } = makeClient({ baseUrl: 'https://unreachable.pax8.test' });
    server.use(http.all('https://unreachable.pax8.test/*', () => HttpResponse.error()));
    const result = await client.verifyConnectivity();
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' });
    expect(result.reason).toMatch(/^unreachable/);
  });
});
