import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Pax8Client,
  type Pax8Resources,
  type Pax8Fetch,
  Pax8MaybeAppliedError,
  Pax8NetworkError,
  Pax8RateLimitError,
  type Pax8TokenProvider,
  Pax8ValidationError,
  type Pax8WriteOutcome,
} from '@pax8-sync/client';
import { HttpResponse, http, passthrough } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordError, recordIssuedToken } from './support/audit';
import { company, subscription } from './support/fixtures';
import { bodyProblems, operationFor } from './support/openapi-check';
import { api, BASE, server, TOKEN_URL, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

const state = usePax8Server();

const COMPANY_BODY = {
  name: 'Acme Dental',
  address: { street: '1 Main St', city: 'Denver', stateOrProvince: 'CO', postalCode: '80202', country: 'US' },
  phone: '555-0100',
  website: 'https://acme.example',
  billOnBehalfOfEnabled: false,
  selfServiceAllowed: false,
  orderApprovalRequired: false,
  contacts: [{ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example', phone: '555-0101', types: [{ type: 'Admin' as const, primary: true }] }],
};
const CONTACT_BODY = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@acme.example', phone: '555-0102', types: [{ type: 'Billing' as const, primary: true }] };
const ORDER_BODY = {
  companyId: 'c-1',
  orderedBy: 'Pax8 Partner' as const,
  lineItems: [
    { productId: 'p-1', lineItemNumber: 1, billingTerm: 'Annual' as const, commitmentTermId: 't-1', quantity: 5, provisioningDetails: [{ key: 'domain', values: ['acme.example'] }] },
  ],
};

/** Records each write's absolute URL and JSON body as they reach the network. */
function captureWrites() {
  const sent: { method: string; url: string; body: unknown }[] = [];
  const record = async (request: Request) => {
    const text = await request.text();
    sent.push({ method: request.method, url: request.url, body: text === '' ? undefined : JSON.parse(text) });
  };
  api('put', `${BASE}/v1/subscriptions/:id`, async (request: Request) => {
    await record(request);
    return HttpResponse.json(subscription(1, { quantity: 12, status: 'PendingAutomated', someNewField: { nested: true } }));
  });
  api('delete', `${BASE}/v1/subscriptions/:id`, async (request: Request) => {
    await record(request);
    return new HttpResponse(null, { status: 204 });
  });
  api('post', `${BASE}/v1/companies`, async (request: Request) => {
    await record(request);
    return HttpResponse.json(company(7, { status: 'Onboarding', contacts: [{ id: 'k-1', ...CONTACT_BODY }] }));
  });
  api('post', `${BASE}/v1/companies/:id/contacts`, async (request: Request) => {
    await record(request);
    return HttpResponse.json({ id: 'k-2', ...CONTACT_BODY, createdDate: '2026-01-02', types: [{ type: 'Procurement', primary: false }] });
  });
  api('post', `${BASE}/v1/orders`, async (request: Request) => {
    await record(request);
    return HttpResponse.json({ id: 'o-1', companyId: 'c-1', orderedBy: 'Pax8Partner', isScheduled: false, lineItems: [{ id: 'li-1', productId: 'p-1', subscriptionId: 's-9', lineItemNumber: 1, billingTerm: 'Annual', quantity: 5 }], extra: 1 });
  });
  api('get', `${BASE}/v1/products/:id/dependencies`, async (request: Request) => {
    await record(request);
    return HttpResponse.json({
      commitmentDependencies: [{ id: 't-1', term: 'Annual', autoRenew: true, allowForQuantityDecrease: false, newRule: 'x' }],
      productDependencies: [{ name: 'requires', products: [{ id: 'p-0', name: 'Base licence', requiresCommitment: true }] }],
    });
  });
  return sent;
}

describe('write-back: every write the SDK sends matches the OpenAPI document', () => {
  it('PUT quantity (absolute), DELETE with cancelDate, POST company (with contacts), POST contact, POST order (isMock), GET dependencies', async () => {
    const sent = captureWrites();
    const { client } = makeClient({ rateLimiter: unlimited() });
    const updated = await client.subscriptions.update('s-1', { quantity: 12 });
    await client.subscriptions.cancel('s-1', { cancelDate: '2026-03-01' });
    await client.subscriptions.cancel('s-2', { cancelDate: '2026-03-01T00:00:00Z' });
    const created = await client.companies.create(COMPANY_BODY);
    const contact = await client.contacts.create(CONTACT_BODY, { companyId: 'c-7' });
    const order = await client.orders.create(ORDER_BODY, { mock: true });
    const dependencies = await client.products.dependencies('p-1');

    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual([
      `PUT ${BASE}/v1/subscriptions/s-1`,
      `DELETE ${BASE}/v1/subscriptions/s-1?cancelDate=2026-03-01`,
      `DELETE ${BASE}/v1/subscriptions/s-2?cancelDate=2026-03-01T00%3A00%3A00Z`,
      `POST ${BASE}/v1/companies`,
      `POST ${BASE}/v1/companies/c-7/contacts`,
      `POST ${BASE}/v1/orders?isMock=true`,
      `GET ${BASE}/v1/products/p-1/dependencies`,
    ]);
    for (const write of sent) {
      const found = operationFor('partner-endpoints.json', write.method, write.url);
      expect(found, `${write.method} ${write.url} is an operation of the document`).toBeDefined();
      const declared = new Set((found?.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      expect(found?.query.filter((name) => !declared.has(name)), `${write.method} ${write.url} query`).toEqual([]);
      if (write.body !== undefined) {
        // The document marks `companyId` required on each line item by mistake (it is the order's).
        expect(bodyProblems('partner-endpoints.json', write.method, write.url, write.body, ['companyId']), `${write.method} ${write.url} body`).toEqual([]);
      }
    }
    expect(sent[0]?.body).toEqual({ quantity: 12 });
    expect(sent[3]?.body).toEqual(COMPANY_BODY);
    expect(sent[5]?.body).toEqual(ORDER_BODY);
    // Answers drift (new statuses, new fields, orderedBy 'Pax8Partner'): they pass, unknown fields kept.
    expect(updated).toMatchObject({ quantity: 12, status: 'PendingAutomated', someNewField: { nested: true } });
    expect(created).toMatchObject({ status: 'Onboarding', contacts: [{ id: 'k-1' }] });
    expect(contact.types?.[0]).toEqual({ type: 'Procurement', primary: false });
    expect(order).toMatchObject({ id: 'o-1', orderedBy: 'Pax8Partner', lineItems: [{ subscriptionId: 's-9' }] });
    expect(dependencies.commitmentDependencies?.[0]).toMatchObject({ id: 't-1', allowForQuantityDecrease: false, newRule: 'x' });
  });

  it('the checker catches a body the document does not allow (so the test above can fail)', () => {
    expect(bodyProblems('partner-endpoints.json', 'PUT', `${BASE}/v1/subscriptions/s-1`, { qty: 3 })).toEqual(['body.qty: not in the document']);
    expect(bodyProblems('partner-endpoints.json', 'POST', `${BASE}/v1/companies`, { name: 'x' })).toEqual(
      expect.arrayContaining(['body.address: required', 'body.billOnBehalfOfEnabled: required']),
    );
    expect(operationFor('partner-endpoints.json', 'POST', `${BASE}/v1/contacts`)).toBeUndefined();
  });

  it('a cancelDate that is neither a date nor a date-time is refused before anything is sent', async () => {
    const { client } = makeClient();
    await expect(client.subscriptions.cancel('s-1', { cancelDate: 'next month' })).rejects.toMatchObject({ name: 'Pax8InvalidArgumentError', field: 'cancelDate' });
    expect(state.requests).toEqual([]);
  });
});

const provider: Pax8TokenProvider = { specificationVersion: 'v1', getAccessToken: async () => 'wb_TOKEN_static_1', tokenRefused: async () => {} };
recordIssuedToken('wb_TOKEN_static_1');

async function outcome<T>(client: Pax8Client, call: (pax8: Pax8Resources) => Promise<T>): Promise<Pax8WriteOutcome<T>> {
  const result = await client.sendOnce(call);
  if (result.kind !== 'applied') recordError(result.error);
  return result;
}

describe('write-back: client.sendOnce sends at most once and says what happened', () => {
  const quantity = (c: Pax8Resources) => c.subscriptions.update('s-1', { quantity: 12 });

  it('applied: the parsed answer', async () => {
    api('put', `${BASE}/v1/subscriptions/s-1`, subscription(1, { quantity: 12 }));
    const { client } = makeClient({ rateLimiter: unlimited() });
    const result = await outcome(client, quantity);
    expect(result).toMatchObject({ kind: 'applied', value: { quantity: 12 } });
  });

  it("refused: a 422 with Pax8's details, typed, sent once", async () => {
    api('put', `${BASE}/v1/subscriptions/s-1`, () =>
      HttpResponse.json(
        { type: 'UNPROCESSABLE_ENTITY', message: 'Quantity decrease not allowed', instance: '/v1/subscriptions/s-1', status: 422, details: [{ type: 'COMMITMENT', message: 'inside commitment until 2026-12-03', instance: 'quantity' }] },
        { status: 422 },
      ),
    );
    const { client } = makeClient({ rateLimiter: unlimited() });
    const result = await outcome(client, quantity);
    expect(result.kind).toBe('refused');
    expect(result.kind === 'refused' && result.error).toMatchObject({ status: 422, type: 'UNPROCESSABLE_ENTITY', isRetryable: false, details: [{ type: 'COMMITMENT', instance: 'quantity' }] });
    expect(state.requests).toHaveLength(1);
  });

  it('refused: a 429 is not retried either; it says when to try again', async () => {
    api('post', `${BASE}/v1/orders`, () => HttpResponse.json({ type: 'TOO_MANY_REQUESTS' }, { status: 429, headers: { 'Retry-After': '20' } }));
    const { client } = makeClient({ rateLimiter: unlimited() });
    const result = await outcome(client, (c) => c.orders.create(ORDER_BODY));
    expect(result.kind === 'refused' && Pax8RateLimitError.isInstance(result.error) && result.error.retryAfterMs).toBe(20_000);
    expect(state.requests).toHaveLength(1);
  });

  it.each([
    ['PUT 503', 'put', `${BASE}/v1/subscriptions/s-1`, quantity],
    ['DELETE 500', 'delete', `${BASE}/v1/subscriptions/s-1`, (c: Pax8Resources) => c.subscriptions.cancel('s-1')],
    ['POST 502', 'post', `${BASE}/v1/orders`, (c: Pax8Resources) => c.orders.create(ORDER_BODY)],
  ] as [string, 'put' | 'delete' | 'post', string, (c: Pax8Resources) => Promise<unknown>][])('maybe-applied: %s is not retried, even for PUT and DELETE', async (what, method, url, call) => {
    const status = Number(what.split(' ')[1]);
    api(method, url, () => HttpResponse.json({ message: 'upstream' }, { status }));
    const { client } = makeClient({ rateLimiter: unlimited() });
    const result = await outcome(client, call);
    expect(result.kind).toBe('maybe-applied');
    expect(result.kind === 'maybe-applied' && result.error).toMatchObject({ mayHaveBeenApplied: true, status, method: method.toUpperCase() });
    expect(state.requests).toHaveLength(1);
  });

  it('maybe-applied: a timeout after sending (injected timer)', async () => {
    api('put', `${BASE}/v1/subscriptions/s-1`, () => new Promise<Response>(() => {}));
    state.validTokens.add('wb_TOKEN_static_1');
    const { client } = makeClient({ rateLimiter: unlimited(), tokenProvider: provider, clientId: undefined, clientSecret: undefined, timeoutMs: 5000 });
    const result = await outcome(client, quantity);
    expect(result).toMatchObject({ kind: 'maybe-applied', error: { name: 'Pax8MaybeAppliedError', cause: { name: 'Pax8TimeoutError' } } });
    expect(state.requests).toHaveLength(1);
  });

  it('maybe-applied: a 2xx whose body cannot be read was applied all the same', async () => {
    api('put', `${BASE}/v1/subscriptions/s-1`, { id: 42, quantity: 'twelve' });
    const { client } = makeClient({ rateLimiter: unlimited() });
    const result = await outcome(client, quantity);
    expect(result).toMatchObject({ kind: 'maybe-applied', error: { status: 200, method: 'PUT', url: `${BASE}/v1/subscriptions/s-1` } });
    expect(result.kind === 'maybe-applied' && Pax8ValidationError.isInstance(result.error.cause)).toBe(true);
  });

  it('not-sent: a refusal by the injected fetch (the Sandbox guard), unchanged; a bad body; a token endpoint outage', async () => {
    const refusal = Object.assign(new Error('Sandbox connection: PUT refused'), { code: 'sandbox-write-refused', isRetryable: false });
    const guard: Pax8Fetch = async (input, init) => ((input instanceof Request ? input.method : init?.method) === 'PUT' ? Promise.reject(refusal) : fetch(input, init));
    const guarded = makeClient({ rateLimiter: unlimited(), fetch: guard }).client;
    expect(await outcome(guarded, quantity)).toEqual({ kind: 'not-sent', error: refusal });

    const { client } = makeClient({ rateLimiter: unlimited() });
    const bad = await outcome(client, (c) => c.subscriptions.update('s-1', { quantity: -1 }));
    expect(bad).toMatchObject({ kind: 'not-sent', error: { name: 'Pax8ValidationError' } });

    server.use(http.post(TOKEN_URL, () => new HttpResponse(null, { status: 503 })));
    const noToken = await outcome(client, quantity);
    expect(noToken).toMatchObject({ kind: 'not-sent', error: { name: 'Pax8ApiError', status: 503 } });
    expect(state.requests).toEqual([]);
  });

  it('a 401 is answered by one token refresh and one resend (Pax8 applied nothing for the 401)', async () => {
    api('put', `${BASE}/v1/subscriptions/s-1`, (request: Request, call: number) => {
      if (call > 1) return HttpResponse.json(subscription(1, { quantity: 12 }));
      // Pax8 revoked the token just now and refuses it.
      state.validTokens.delete(request.headers.get('authorization')!.slice(7));
      return HttpResponse.json({ type: 'UNAUTHORIZED' }, { status: 401 });
    });
    const { client } = makeClient({ rateLimiter: unlimited() });
    const result = await outcome(client, quantity);
    expect(result.kind).toBe('applied');
    expect(state.requests).toHaveLength(2);
    expect(state.tokenRequests).toHaveLength(2);
  });
});

describe('write-back over real sockets (loopback): connection refused vs reset after sending', () => {
  let reset: Server;
  let resetUrl = '';
  let closedUrl = '';
  const received: string[] = [];

  beforeAll(async () => {
    // Reads the whole request, then drops the connection without answering: the write reached "Pax8".
    reset = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(`${request.method} ${request.url} ${body}`);
        response.socket?.destroy();
      });
    });
    await new Promise<void>((resolve) => reset.listen(0, '127.0.0.1', resolve));
    resetUrl = `http://127.0.0.1:${(reset.address() as AddressInfo).port}`;
    // A port nothing listens on: the connection is refused before any byte is written.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => reset.close(() => resolve())));

  const real = (origin: string, attempts: string[] = []) => {
    server.use(http.all(`${origin}/*`, () => passthrough()));
    return makeClient({
      baseUrl: origin,
      tokenProvider: provider,
      clientId: undefined,
      clientSecret: undefined,
      rateLimiter: unlimited(),
      retry: { retries: 2, minDelayMs: 10 },
      hooks: { beforeRequest: ({ method, url }) => void attempts.push(`${method} ${new URL(url).pathname}`) },
    }).client;
  };

  it('connection refused: not-sent (the request never left), with requestSent false', async () => {
    const result = await outcome(real(closedUrl), (c) => c.orders.create(ORDER_BODY));
    expect(result.kind).toBe('not-sent');
    expect(result.kind === 'not-sent' && Pax8NetworkError.isInstance(result.error) && result.error.requestSent).toBe(false);
  });

  it('reset after the request was sent: maybe-applied', async () => {
    const result = await outcome(real(resetUrl), (c) => c.subscriptions.update('s-1', { quantity: 12 }));
    expect(result.kind).toBe('maybe-applied');
    expect(received).toEqual(['PUT /v1/subscriptions/s-1 {"quantity":12}']);
  });

  it('outside sendOnce, a POST refused at connect is retried (it certainly never left) and ends as Pax8NetworkError, not maybe-applied', async () => {
    const attempts: string[] = [];
    const client = real(closedUrl, attempts);
    const error = await client.orders.create(ORDER_BODY).catch((caught: unknown) => caught);
    recordError(error);
    expect(Pax8NetworkError.isInstance(error) && error.requestSent).toBe(false);
    expect(Pax8MaybeAppliedError.isInstance(error)).toBe(false);
    expect(attempts).toEqual(['POST /v1/orders', 'POST /v1/orders', 'POST /v1/orders']);
  });
});
