import {
  createPax8Client,
  PAX8_REAUTHORIZATION_REQUIRED,
  Pax8AuthError,
  type Pax8ClientOptions,
  Pax8InvalidArgumentError,
  Pax8NetworkError,
  type Pax8TokenProvider,
} from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { captureError, recordError, recordIssuedToken } from './support/audit';
import { company } from './support/fixtures';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

const state = usePax8Server();
const COMPANY = `${BASE}/v1/companies/c-1`;
const ORDER = { companyId: 'c-1', lineItems: [{ productId: 'p-1', lineItemNumber: 1, billingTerm: 'Monthly' as const, quantity: 3 }] };

/** A provider that hands out delegated tokens the fake Pax8 accepts, and records what the client told it. */
function delegated(overrides: Partial<Pax8TokenProvider> = {}) {
  let issued = 0;
  let current: string | undefined;
  const calls: string[] = [];
  const fresh = () => {
    issued += 1;
    current = `dlg_ACCESS_${issued}_${Math.random().toString(36).slice(2)}`;
    recordIssuedToken(current);
    state.validTokens.add(current);
    return current;
  };
  const provider: Pax8TokenProvider = {
    specificationVersion: 'v1',
    getAccessToken: async () => {
      calls.push('get');
      return current ?? fresh();
    },
    tokenRefused: async (token) => {
      calls.push(`refused ${token === current ? 'current' : 'other'}`);
      if (token === current) current = undefined;
    },
    ...overrides,
  };
  return { provider, calls, issued: () => issued };
}

/** A client with only the provider (the test client's id and secret taken away). */
function providerClient(provider: Pax8TokenProvider, extra: Partial<Pax8ClientOptions> = {}) {
  return makeClient({ clientId: undefined, clientSecret: undefined, tokenProvider: provider, rateLimiter: unlimited(), ...extra });
}

describe('token provider', () => {
  it("puts the provider's token on the wire before each request, and never calls the token endpoint", async () => {
    api('get', COMPANY, (request: Request) => HttpResponse.json(company(1, { seenAuth: request.headers.get('authorization')?.slice(0, 13) })));
    const { provider, calls } = delegated();
    const { client } = providerClient(provider);
    const first = await client.companies.get('c-1');
    await client.companies.get('c-1');
    expect(first.seenAuth).toBe('Bearer dlg_AC');
    expect(calls).toEqual(['get', 'get']);
    expect(state.tokenRequests).toEqual([]);
    expect(state.requests.map((r) => r.url)).toEqual([COMPANY, COMPANY]);
  });

  it('a 401 tells the provider which token was refused, takes a fresh one and retries once', async () => {
    api('get', COMPANY, (request: Request, call: number) => {
      // Pax8 stops accepting the delegated token between two calls (e.g. it expired early).
      if (call === 1) state.validTokens.delete(request.headers.get('authorization')!.slice(7));
      return HttpResponse.json(company(1));
    });
    const { provider, calls, issued } = delegated();
    const { client } = providerClient(provider);
    await client.companies.get('c-1');
    await client.companies.get('c-1');
    expect(calls).toEqual(['get', 'get', 'refused current', 'get']);
    expect(issued()).toBe(2);
    expect(state.requests).toHaveLength(3);
  });

  it('a second 401 is a Pax8AuthError invalid_token; the provider hears of both refused tokens', async () => {
    api('get', COMPANY, () => HttpResponse.json({ type: 'UNAUTHORIZED' }, { status: 401 }));
    const { provider, calls } = delegated();
    const { client } = providerClient(provider);
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8AuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_token', status: 401, reauthenticate: false });
    expect(calls).toEqual(['get', 'refused current', 'get', 'refused current']);
  });

  it('a Pax8NetworkError from the provider is retried, even for a POST: the order itself is sent once', async () => {
    api('post', `${BASE}/v1/orders`, { id: 'o-1', companyId: 'c-1' });
    let outages = 2;
    const base = delegated();
    const { provider } = delegated({
      getAccessToken: async () => {
        if (outages-- > 0) throw new Pax8NetworkError('token store unreachable', { method: 'POST', url: 'https://login.pax8.com/oauth/token' });
        return base.provider.getAccessToken();
      },
    });
    const { client } = providerClient(provider, { retry: { retries: 3, minDelayMs: 10 } });
    await expect(client.orders.create(ORDER)).resolves.toMatchObject({ id: 'o-1' });
    expect(state.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it("any other provider error is rethrown unchanged and not retried: the engine's own types pass through", async () => {
    const own = Object.assign(new Error('connection is being removed'), { code: 'connection-removed' });
    let asked = 0;
    const { provider } = delegated({
      getAccessToken: async () => {
        asked += 1;
        throw own;
      },
    });
    const { client, clock } = providerClient(provider, { retry: { retries: 5, minDelayMs: 1000 } });
    const error = await captureError(client.companies.get('c-1'));
    expect(error).toBe(own);
    expect(asked).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect(state.requests).toEqual([]);
  });

  it('"re-authenticate": a Pax8AuthError with reauthenticate passes through, and verifyConnectivity says so', async () => {
    const { provider } = delegated({
      getAccessToken: async () => {
        throw new Pax8AuthError('The partner must connect to Pax8 again', {
          code: PAX8_REAUTHORIZATION_REQUIRED,
          url: 'https://login.pax8.com/oauth/token',
          reauthenticate: true,
        });
      },
    });
    const { client } = providerClient(provider);
    const error = await captureError(client.companies.get('c-1'));
    expect(error).toMatchObject({ name: 'Pax8AuthError', code: 'reauthorization-required', reauthenticate: true });
    const verdict = await client.verifyConnectivity();
    expect(verdict).toMatchObject({ ok: false, failure: 'reauthenticate', checks: { api: { skipped: true } } });
    expect(verdict.reason).toMatch(/^re-authenticate: /);
    expect(state.requests).toEqual([]);
  });

  it('verifyConnectivity with a working provider reads one company with its token', async () => {
    api('get', `${BASE}/v1/companies`, { content: [company(1)], page: { size: 1, totalElements: 1, totalPages: 1, number: 0 } });
    const { provider, calls } = delegated();
    const { client } = providerClient(provider);
    await expect(client.verifyConnectivity()).resolves.toMatchObject({ ok: true });
    expect(calls).toEqual(['get', 'get']);
    expect(state.tokenRequests).toEqual([]);
  });

  it("redacts the provider's tokens from errors, even when Pax8 echoes one", async () => {
    api('get', COMPANY, (request: Request) =>
      HttpResponse.json({ type: 'BAD_REQUEST', message: `bad header ${request.headers.get('authorization')}` }, { status: 400 }),
    );
    const { provider } = delegated();
    const { client } = providerClient(provider);
    const error = await captureError(client.companies.get('c-1'));
    expect(error.message).toContain('bad header Bearer [redacted]');
  });

  it('a provider that resolves to no token is refused naming tokenProvider', async () => {
    const { provider } = delegated({ getAccessToken: async () => '' });
    const { client } = providerClient(provider);
    const error = await captureError(client.companies.get('c-1'));
    expect(Pax8InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'tokenProvider' });
  });

  it.each([
    [{ clientId: 'id', clientSecret: 'secret' }, 'tokenProvider'],
    [{ clientId: 'id' }, 'tokenProvider'],
    [{ tokenStore: { get: async () => undefined, set: async () => {} } }, 'tokenStore'],
    [{ tokenUrl: 'https://api.pax8.com/v1/token' }, 'tokenUrl'],
    [{ audience: 'https://api.pax8.com' }, 'audience'],
    [{ tokenRefreshMarginMs: 5 }, 'tokenRefreshMarginMs'],
  ])('tokenProvider with %j is refused naming %s', (extra, field) => {
    const { provider } = delegated();
    let error: unknown;
    try {
      createPax8Client({ tokenProvider: provider, ...extra });
    } catch (caught) {
      recordError(caught);
      error = caught;
    }
    expect(Pax8InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field });
  });

  it('neither tokenProvider nor client credentials is refused naming clientId', () => {
    expect(() => createPax8Client({})).toThrow(expect.objectContaining({ field: 'clientId', message: expect.stringContaining('tokenProvider') }));
    expect(() => createPax8Client({ tokenProvider: { specificationVersion: 'v1' } as unknown as Pax8TokenProvider })).toThrow(
      expect.objectContaining({ field: 'tokenProvider.getAccessToken' }),
    );
  });
});
