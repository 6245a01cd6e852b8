import { createMemoryTokenStore, Pax8AuthError } from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, captureError, recordIssuedToken } from './support/audit';
import { company } from './support/fixtures';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

const state = usePax8Server();
const COMPANY = `${BASE}/v1/companies/c-1`;

describe('tokens', () => {
  it('requests a token with a JSON client-credentials body and the default audience', async () => {
    api('get', COMPANY, company(1));
    const { client } = makeClient();
    await client.companies.get('c-1');
    expect(state.tokenRequests).toEqual([
      { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: 'https://api.pax8.com', grant_type: 'client_credentials' },
    ]);
  });

  it('50 calls share one token request', async () => {
    api('get', COMPANY, company(1));
    const { client } = makeClient();
    for (let n = 0; n < 50; n++) await client.companies.get('c-1');
    expect(state.requests).toHaveLength(50);
    expect(state.tokenRequests).toHaveLength(1);
  });

  it('20 concurrent first calls share one token request', async () => {
    api('get', COMPANY, company(1));
    const { client } = makeClient();
    await Promise.all(Array.from({ length: 20 }, () => client.companies.get('c-1')));
    expect(state.requests).toHaveLength(20);
    expect(state.tokenRequests).toHaveLength(1);
  });

  it('refreshes before expiry: the token is reused until expires_in minus the margin (injected clock)', async () => {
    api('get', COMPANY, company(1));
    // No spacing after the token request, so the clock stands still until advanced by hand.
    const { client, clock } = makeClient({ tokenRefreshMarginMs: 300_000, rateLimiter: unlimited() });
    await client.companies.get('c-1');
    clock.advance(86_400_000 - 300_000 - 1);
    await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(1);
    clock.advance(2);
    await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(2);
  });

  it('a 401 on an API call drops the token, refreshes once and retries once', async () => {
    api('get', COMPANY, (request: Request, call: number) => {
      if (call === 1) {
        // Pax8 revoked the token between two calls.
        state.validTokens.delete(request.headers.get('authorization')!.slice(7));
      }
      return HttpResponse.json(company(1));
    });
    const { client } = makeClient();
    await client.companies.get('c-1');
    await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(2);
    expect(state.requests).toHaveLength(3);
  });

  it('a second 401 after the refresh is a Pax8AuthError (invalid_token), with one refresh only', async () => {
    api('get', COMPANY, (request: Request) => {
      state.validTokens.delete(request.headers.get('authorization')!.slice(7));
      return HttpResponse.json({ type: 'UNAUTHORIZED', message: 'no' }, { status: 401 });
    });
    const { client } = makeClient();
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8AuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_token', status: 401 });
    expect(state.tokenRequests).toHaveLength(2);
    expect(state.requests).toHaveLength(2);
  });

  it('a refused token request is a Pax8AuthError carrying the OAuth error code, not retried', async () => {
    const { client } = makeClient({ clientSecret: 'wrong-secret-value' });
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8AuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'access_denied', status: 401, url: `${BASE}/v1/token` });
    expect(error.message).not.toContain('wrong-secret-value');
    expect(state.tokenRequests).toHaveLength(1);
    expect(state.requests).toHaveLength(0);
  });

  it('a token store shares one token between clients (processes) and is read before requesting', async () => {
    api('get', COMPANY, company(1));
    const store = createMemoryTokenStore();
    const fast = { rateLimiter: unlimited() };
    const first = makeClient({ tokenStore: store, ...fast });
    const second = makeClient({ tokenStore: store, ...fast }, first.clock);
    await first.client.companies.get('c-1');
    await second.client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(1);
    const stored = await store.get();
    expect(stored?.expiresAt).toBe(first.clock.now() + 86_400_000);
    expect(state.validTokens.has(stored?.accessToken ?? '')).toBe(true);
  });

  it('a token shorter-lived than the refresh margin is reused for half its life, not re-requested on every call', async () => {
    api('get', COMPANY, company(1));
    state.expiresIn = 120;
    const store = createMemoryTokenStore();
    const { client, clock } = makeClient({ tokenRefreshMarginMs: 300_000, tokenStore: store });
    for (let n = 0; n < 5; n++) await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(1);
    const expiresAt = (await store.get())?.expiresAt ?? 0;
    // Half of the 120 s life is left as the margin: reused until 60 s before expiry.
    clock.advance(expiresAt - 60_000 - clock.now() - 1);
    await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(1);
    clock.advance(2);
    await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(2);
  });

  it('20 concurrent 401s on a revoked token cause one refresh, and each call is retried once', async () => {
    api('get', COMPANY, company(1));
    const store = createMemoryTokenStore();
    const { client, clock } = makeClient({ tokenStore: store });
    // A token the store still holds but Pax8 no longer accepts.
    await store.set({ accessToken: 'at_TOKEN_revoked_1', expiresAt: clock.now() + 3_600_000 });
    recordIssuedToken('at_TOKEN_revoked_1');
    await Promise.all(Array.from({ length: 20 }, () => client.companies.get('c-1')));
    expect(state.tokenRequests).toHaveLength(1);
    expect(state.requests).toHaveLength(40);
  });

  it('two clients sharing a store: after one refreshed on a 401, the other picks the new token up without a token request', async () => {
    api('get', COMPANY, company(1));
    const store = createMemoryTokenStore();
    const fast = { rateLimiter: unlimited() };
    const first = makeClient({ tokenStore: store, ...fast });
    const second = makeClient({ tokenStore: store, ...fast }, first.clock);
    await first.client.companies.get('c-1');
    await second.client.companies.get('c-1');
    state.validTokens.clear();
    await first.client.companies.get('c-1');
    await second.client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(2);
    // 2 first calls, then a 401 + retry for the first client, and a 401 + retry for the second.
    expect(state.requests).toHaveLength(6);
  });

  it('a token store that fails (get and set reject) degrades to this client\'s own token instead of failing every call', async () => {
    api('get', COMPANY, company(1));
    const failingStore = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async (token: { accessToken: string }) => {
        throw new Error(`redis down while saving ${token.accessToken}`);
      },
    };
    const { client, logs } = makeClient({ tokenStore: failingStore });
    await client.companies.get('c-1');
    await client.companies.get('c-1');
    expect(state.tokenRequests).toHaveLength(1);
    expect(state.requests).toHaveLength(2);
    expect(logs.filter((line) => line.includes('"level":"warn"') && line.includes('token store'))).not.toHaveLength(0);
  });
});
