import { inspect } from 'node:util';
import {
  Pax8ApiError,
  Pax8AuthError,
  Pax8Error,
  Pax8MaybeAppliedError,
  Pax8NetworkError,
  Pax8RateLimitError,
  Pax8TimeoutError,
  Pax8ValidationError,
} from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { auditCounts, auditedSecrets, auditedTexts, CLIENT_SECRET, captureError, leaks } from './support/audit';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

usePax8Server();

describe('errors', () => {
  it('isInstance works through the Symbol.for marker (a duplicate install), and along the hierarchy', () => {
    const error = new Pax8RateLimitError('slow', { method: 'GET', url: 'https://x', retryAfterMs: 5 });
    expect(Pax8Error.isInstance(error)).toBe(true);
    expect(Pax8ApiError.isInstance(error)).toBe(true);
    expect(Pax8RateLimitError.isInstance(error)).toBe(true);
    expect(Pax8AuthError.isInstance(error)).toBe(false);
    // An error object from another copy of the package carries the same global symbols.
    const foreign = Object.create(Error.prototype) as object;
    Object.defineProperty(foreign, Symbol.for('pax8-sync.error'), { value: true });
    Object.defineProperty(foreign, Symbol.for('pax8-sync.error.timeout'), { value: true });
    expect(Pax8Error.isInstance(foreign)).toBe(true);
    expect(Pax8TimeoutError.isInstance(foreign)).toBe(true);
    expect(Pax8NetworkError.isInstance(foreign)).toBe(false);
    expect(Pax8Error.isInstance(new Error('plain'))).toBe(false);
  });

  it('keeps the original error in cause', async () => {
    api('post', `${BASE}/v1/orders`, () => HttpResponse.json({ message: 'boom' }, { status: 502 }));
    const { client } = makeClient();
    const error = await captureError(client.orders.create({ companyId: 'c', lineItems: [{ productId: 'p', lineItemNumber: 1, billingTerm: 'Monthly', quantity: 1 }] }));
    expect(Pax8MaybeAppliedError.isInstance(error)).toBe(true);
    expect(error.cause).toMatchObject({ name: 'Pax8ApiError', status: 502 });
  });

  it('serialises to JSON with its fields and without cause', () => {
    const error = new Pax8ValidationError('bad', { schema: 'subscription', issues: [{ path: 'status', message: 'x' }] });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'Pax8ValidationError',
      message: 'bad',
      schema: 'subscription',
      issues: [{ path: 'status', message: 'x' }],
      path: 'status',
    });
  });

  it('no secret or token in any error or log line, even when Pax8 echoes them back', async () => {
    api('get', `${BASE}/v1/companies/c-1`, (request: Request) => {
      const token = request.headers.get('authorization')?.slice(7) ?? '';
      return HttpResponse.json(
        { type: 'BAD_REQUEST', message: `token ${token} with secret ${CLIENT_SECRET} is odd`, details: [{ message: `again ${token}` }] },
        { status: 400 },
      );
    });
    const { client } = makeClient();
    const error = await captureError(client.companies.get('c-1'));
    expect(error.message).toContain('[redacted]');
    const texts = [error.message, JSON.stringify(error), inspect(error, { depth: 10 })];
    for (const secret of auditedSecrets()) for (const text of texts) expect(text).not.toContain(secret);
    // The file-wide audit (afterAll) covers every log line and error collected here.
    expect(auditCounts().tokens).toBeGreaterThan(0);
    expect(auditedTexts().length).toBeGreaterThan(0);
    expect(leaks()).toEqual([]);
  });

  it('a fetch failure whose message or cause echoes the request (a proxy, a wrapper) is redacted in message, cause and inspect', async () => {
    // A fetch wrapper that puts the whole request into its error, as some proxy and HTTP libraries do.
    const leakyFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      const echo = `${request.method} ${request.url} auth=${request.headers.get('authorization')} body=${await request.clone().text()}`;
      if (request.url.endsWith('/v1/token')) throw new TypeError(`proxy refused ${echo}`, { cause: { code: 'EPROXY', request: echo } });
      return globalThis.fetch(request);
    };
    const tokenError = await captureError(makeClient({ fetch: leakyFetch, retry: { retries: 0 } }).client.companies.get('c-1'));
    expect(Pax8NetworkError.isInstance(tokenError)).toBe(true);
    expect(tokenError.message).toContain('[redacted]');

    api('get', `${BASE}/v1/companies/c-1`, () => HttpResponse.error());
    const apiFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (request.url.endsWith('/v1/token')) return globalThis.fetch(request);
      // An error that carries the Request itself: util.inspect would print its Authorization header.
      const quiet = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', request });
      throw new Error(`upstream reset: ${request.headers.get('authorization')}`, { cause: quiet });
    };
    const apiError = await captureError(makeClient({ fetch: apiFetch, retry: { retries: 0 } }).client.companies.get('c-1'));
    expect(Pax8NetworkError.isInstance(apiError)).toBe(true);
    expect(apiError.cause).toBeInstanceOf(Error);
    for (const error of [tokenError, apiError]) {
      const texts = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
      for (const secret of auditedSecrets()) for (const text of texts) expect(text).not.toContain(secret);
    }
  });

  it('an error body with drifted fields (status as text, details as an object) still yields Pax8 type and message', async () => {
    api('post', `${BASE}/v1/companies/c-1/contacts`, () =>
      HttpResponse.json({ type: 'UNPROCESSABLE_ENTITY', message: 'email is invalid', status: '422', details: { field: 'email' } }, { status: 422 }),
    );
    const { client } = makeClient();
    const error = await captureError(client.contacts.create({ firstName: 'A', lastName: 'B', email: 'a@b', phone: '1' }, { companyId: 'c-1' }));
    expect(error).toMatchObject({ name: 'Pax8ApiError', status: 422, type: 'UNPROCESSABLE_ENTITY', details: [] });
    expect(error.message).toContain('email is invalid');
  });
});
