import { normalizePax8BaseUrl, Pax8InvalidArgumentError } from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, recordError, recordIssuedToken } from './support/audit';
import { company } from './support/fixtures';
import { server, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

usePax8Server();

/** A Pax8 at `origin` that records every absolute URL it is asked for (token request included). */
function pax8At(origin: string): string[] {
  const seen: string[] = [];
  server.use(
    http.post(`${origin}/v1/token`, async ({ request }) => {
      seen.push(`POST ${request.url}`);
      const body = (await request.json()) as Record<string, unknown>;
      if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) return HttpResponse.json({ error: 'access_denied' }, { status: 401 });
      const token = `at_TOKEN_base_${Math.random().toString(36).slice(2)}`;
      recordIssuedToken(token);
      return HttpResponse.json({ access_token: token, expires_in: 86_400, token_type: 'Bearer' });
    }),
    http.get(`${origin}/v1/companies/c-1`, ({ request }) => {
      seen.push(`GET ${request.url}`);
      return HttpResponse.json(company(1));
    }),
    http.get(`${origin}/api/v2/webhooks/w-1`, ({ request }) => {
      seen.push(`GET ${request.url}`);
      return HttpResponse.json({ id: 'w-1', displayName: 'PSA', active: true, webhookTopics: [] });
    }),
    // What the client used to call for `https://api.pax8.com/v1`: it must not be called any more.
    http.all(`${origin}/v1/v1/*`, ({ request }) => {
      seen.push(`WRONG ${request.url}`);
      return HttpResponse.json({ error: 'not_found' }, { status: 404 });
    }),
  );
  return seen;
}

describe('baseUrl as Pax8 writes it', () => {
  it.each([
    ['https://api.pax8.com/v1', 'https://api.pax8.com'],
    ['https://api.pax8.com/v1/', 'https://api.pax8.com'],
    ['https://api.pax8.com/api/v2', 'https://api.pax8.com'],
    ['https://api.pax8.com///', 'https://api.pax8.com'],
    ['  https://API.Pax8.com/V1  ', 'https://api.pax8.com'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['https://proxy.example.com/pax8/v1', 'https://proxy.example.com/pax8'],
  ])('%j is used as %s: token, partner and webhooks URLs on the wire', async (given, origin) => {
    const seen = pax8At(origin);
    const { client } = makeClient({ baseUrl: given, rateLimiter: unlimited() });
    await client.companies.get('c-1');
    await client.webhooks.get('w-1');
    expect(seen).toEqual([`POST ${origin}/v1/token`, `GET ${origin}/v1/companies/c-1`, `GET ${origin}/api/v2/webhooks/w-1`]);
  });

  it.each([
    ['api.pax8.com', 'absolute http(s) URL'],
    ['ftp://api.pax8.com', 'absolute http(s) URL'],
    ['/v1', 'absolute http(s) URL'],
    ['', 'absolute http(s) URL'],
    ['https://api.pax8.com/v1?country=US', 'query'],
    ['https://api.pax8.com/#v1', 'fragment'],
    ['https://user:proxy-pass-77@api.pax8.com', 'user:password'],
  ])('%j is refused at once, naming baseUrl and the fix', (given, why) => {
    let error: unknown;
    try {
      makeClient({ baseUrl: given });
    } catch (caught) {
      recordError(caught);
      error = caught;
    }
    expect(Pax8InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'baseUrl' });
    const message = (error as Error).message;
    expect(message).toContain('`baseUrl`');
    expect(message).toContain(why);
    expect(message).toContain('e.g. https://api.pax8.com');
    expect(message).not.toContain('proxy-pass-77');
  });

  it('normalizePax8BaseUrl is the same rule for other callers, naming their field', () => {
    expect(normalizePax8BaseUrl('https://api.pax8.com/v1/')).toBe('https://api.pax8.com');
    expect(() => normalizePax8BaseUrl(42, { field: 'settings.endpoint' })).toThrow(
      expect.objectContaining({ name: 'Pax8InvalidArgumentError', field: 'settings.endpoint' }),
    );
  });
});
