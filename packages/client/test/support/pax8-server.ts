import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { auditCounts, CLIENT_ID, CLIENT_SECRET, leaks, recordIssuedToken } from './audit';

/** Where the fake Pax8 lives (the client's defaults). */
export const BASE = 'https://api.pax8.com';
export const TOKEN_URL = `${BASE}/v1/token`;

/** What the fake Pax8 observed. */
export interface ServerState {
  /** Bodies of every token request. */
  tokenRequests: Record<string, unknown>[];
  /** Tokens still accepted by API handlers. */
  validTokens: Set<string>;
  /** Every API request (not token requests): method and absolute URL. */
  requests: { method: string; url: string }[];
  /** expires_in the token endpoint hands out. */
  expiresIn: number;
}

const state: ServerState = { tokenRequests: [], validTokens: new Set(), requests: [], expiresIn: 86_400 };
let issued = 0;

const tokenHandler = http.post(TOKEN_URL, async ({ request }) => {
  const body = (await request.json()) as Record<string, unknown>;
  state.tokenRequests.push(body);
  if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET || body.grant_type !== 'client_credentials') {
    return HttpResponse.json({ error: 'access_denied', error_description: 'Unauthorized' }, { status: 401 });
  }
  issued += 1;
  const token = `at_TOKEN_${issued}_${Math.random().toString(36).slice(2)}`;
  recordIssuedToken(token);
  state.validTokens.add(token);
  return HttpResponse.json({ access_token: token, expires_in: state.expiresIn, token_type: 'Bearer' });
});

/** True when the request carries a token the fake token endpoint issued and did not revoke. */
export function authorised(request: Request): boolean {
  const header = request.headers.get('authorization') ?? '';
  return header.startsWith('Bearer ') && state.validTokens.has(header.slice('Bearer '.length));
}

/** The Pax8-shaped 401 body. */
export function unauthorised(): Response {
  return HttpResponse.json({ type: 'UNAUTHORIZED', message: 'Invalid token', status: 401 }, { status: 401 });
}

/** Records the request, then checks auth; returns a 401 response when unauthorised. */
export function observe(request: Request): Response | undefined {
  state.requests.push({ method: request.method, url: request.url });
  return authorised(request) ? undefined : unauthorised();
}

/** The msw server with the token endpoint; each test file adds its handlers with `server.use`. */
export const server = setupServer(tokenHandler);

/**
 * Starts msw for the file, resets state after each test, and at the end asserts that no log line
 * or error the file produced contains the client secret or an issued token.
 */
export function usePax8Server(): ServerState {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    state.tokenRequests = [];
    state.requests = [];
    state.validTokens.clear();
    state.expiresIn = 86_400;
  });
  afterAll(() => {
    server.close();
    expect(leaks(), `secret leaked (collected ${JSON.stringify(auditCounts())})`).toEqual([]);
  });
  return state;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Adds an authenticated API handler: records the request, answers 401 for a bad token, otherwise
 * calls `respond` (a JSON body, or a function returning a Response).
 */
export function api(method: Method, url: string, respond: unknown | ((request: Request, call: number) => Response | Promise<Response>)) {
  let call = 0;
  server.use(
    http[method](url, async ({ request }) => {
      const denied = observe(request);
      if (denied) return denied;
      call += 1;
      return typeof respond === 'function'
        ? (respond as (request: Request, call: number) => Response | Promise<Response>)(request, call)
        : HttpResponse.json(respond as Record<string, unknown>);
    }),
  );
}
