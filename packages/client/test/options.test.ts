import { createPax8Client, type Pax8ClientOptions, Pax8InvalidArgumentError } from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, captureError, recordError } from './support/audit';
import { company } from './support/fixtures';
import { server, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

usePax8Server();

function invalid(options: unknown): Pax8InvalidArgumentError {
  try {
    createPax8Client(options as Pax8ClientOptions);
  } catch (error) {
    recordError(error);
    if (Pax8InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected createPax8Client to refuse the options');
}

const good = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

describe('options', () => {
  it.each([
    [{ clientSecret: 'x' }, 'clientId'],
    [{ clientId: 'x' }, 'clientSecret'],
    [{ ...good, baseUrl: 'api.pax8.com' }, 'baseUrl'],
    [{ ...good, tokenUrl: 'not a url' }, 'tokenUrl'],
    [{ ...good, baseUrl: 'https://proxy-user:proxy-pass-77@api.pax8.com' }, 'baseUrl'],
    [{ ...good, tokenUrl: 'https://proxy-user:proxy-pass-77@api.pax8.com/v1/token' }, 'tokenUrl'],
    [{ ...good, timeoutMs: -5 }, 'timeoutMs'],
    [{ ...good, retry: { retries: -1 } }, 'retry.retries'],
    [{ ...good, retry: { minDelayMs: 500, maxDelayMs: 100 } }, 'retry.maxDelayMs'],
    [{ ...good, rateLimit: { requestsPerMinute: 0 } }, 'rateLimit.requestsPerMinute'],
    [{ ...good, rateLimit: { concurrency: 1.5 } }, 'rateLimit.concurrency'],
    [{ ...good, validation: 'loose' }, 'validation'],
    [{ ...good, fetch: 'fetch' }, 'fetch'],
    [{ ...good, logger: { warn: 'no' } }, 'logger.warn'],
    [{ ...good, tokenStore: { get: () => undefined } }, 'tokenStore.set'],
    [{ ...good, now: 5 }, 'now'],
    [{ ...good, rateLimt: { concurrency: 2 } }, 'rateLimt'],
    [{ ...good, retry: { attempts: 3 } }, 'retry.attempts'],
  ])('%j is refused naming %s', (options, field) => {
    const error = invalid(options);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(error.message).not.toContain('proxy-pass-77');
  });

  it('does not mutate the options object', () => {
    const options = Object.freeze({ ...good, retry: Object.freeze({ retries: 1 }), rateLimit: Object.freeze({ concurrency: 2 }) });
    expect(() => createPax8Client(options)).not.toThrow();
    expect(options).toEqual({ ...good, retry: { retries: 1 }, rateLimit: { concurrency: 2 } });
  });

  it('derives the token URL from baseUrl and uses /v1 and /api/v2 under it', async () => {
    const seen: string[] = [];
    server.use(
      http.post('https://sandbox.pax8.test/v1/token', () => {
        seen.push('token');
        return HttpResponse.json({ access_token: 'at_TOKEN_sandbox_1', expires_in: 86_400, token_type: 'Bearer' });
      }),
      http.get('https://sandbox.pax8.test/v1/companies/c-1', ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json(company(1));
      }),
      http.get('https://sandbox.pax8.test/api/v2/webhooks/w-1', ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json({ id: 'w-1', displayName: 'PSA', active: true, webhookTopics: [] });
      }),
    );
    const { client } = makeClient({ baseUrl: 'https://sandbox.pax8.test/' });
    await client.companies.get('c-1');
    await client.webhooks.get('w-1');
    expect(seen).toEqual(['token', 'https://sandbox.pax8.test/v1/companies/c-1', 'https://sandbox.pax8.test/api/v2/webhooks/w-1']);
  });

  it('uses an injected fetch (through ky) for every request', async () => {
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      urls.push(`${request.method} ${request.url}`);
      return globalThis.fetch(request);
    };
    server.use(
      http.get('https://api.pax8.com/v1/companies/c-1', () => HttpResponse.json(company(1))),
    );
    const { client } = makeClient({ fetch });
    await client.companies.get('c-1');
    expect(urls).toEqual(['POST https://api.pax8.com/v1/token', 'GET https://api.pax8.com/v1/companies/c-1']);
  });

  it('calls beforeRequest/afterResponse hooks per attempt, without headers or tokens', async () => {
    server.use(http.get('https://api.pax8.com/v1/companies/c-1', () => HttpResponse.json(company(1))));
    const seen: unknown[] = [];
    const { client } = makeClient({
      hooks: { beforeRequest: (info) => void seen.push(['before', info]), afterResponse: (info) => void seen.push(['after', info]) },
    });
    await client.companies.get('c-1');
    expect(seen).toEqual([
      ['before', { method: 'POST', url: 'https://api.pax8.com/v1/token', attempt: 1 }],
      ['after', { method: 'POST', url: 'https://api.pax8.com/v1/token', attempt: 1, status: 200, durationMs: 0 }],
      ['before', { method: 'GET', url: 'https://api.pax8.com/v1/companies/c-1', attempt: 1 }],
      ['after', { method: 'GET', url: 'https://api.pax8.com/v1/companies/c-1', attempt: 1, status: 200, durationMs: 0 }],
    ]);
  });

  it('bad method arguments are typed errors naming the argument', async () => {
    const { client } = makeClient();
    expect(await captureError(client.companies.get(''))).toMatchObject({ name: 'Pax8InvalidArgumentError', field: 'id' });
    // `..` would be resolved by URL and reach another endpoint (DELETE /v1/subscriptions/.. is DELETE /v1/).
    expect(await captureError(client.subscriptions.cancel('..'))).toMatchObject({ name: 'Pax8InvalidArgumentError', field: 'id' });
    expect(await captureError(client.webhooks.logs.get('.', { webhookId: 'w-1' }))).toMatchObject({ field: 'id' });
    expect(await captureError(client.contacts.list({ companyId: '' }))).toMatchObject({ field: 'companyId' });
    expect(await captureError(client.subscriptions.list({ size: 500 }))).toMatchObject({ field: 'size' });
    expect(await captureError(client.subscriptions.cancel('s-1', { cancelDate: '03/02/2026' }))).toMatchObject({ field: 'cancelDate' });
  });
});
