import { Pax8InvalidArgumentError, pax8WebhookDeliverySchema, Pax8ValidationError } from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { captureError, recordIssuedToken } from './support/audit';
import { idOf, pageOf } from './support/fixtures';
import { bodyProblems } from './support/openapi-check';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient, unlimited } from './support/test-client';

const state = usePax8Server();
const HOOKS = `${BASE}/api/v2/webhooks`;
const AUTHORIZATION = 'whsec_CONNECTION_SECRET_5c1d';
recordIssuedToken(AUTHORIZATION);

const topic = { topic: 'SUBSCRIPTION', filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'IN' as const, value: ['Active', 'Cancelled'] }] }] };
const registration = (overrides: Record<string, unknown> = {}) => ({
  id: 'w-1',
  accountId: 'acct-1',
  displayName: 'PSA sync',
  url: 'https://psa.example.com/pax8/webhooks',
  authorization: AUTHORIZATION,
  active: true,
  errorThreshold: 5,
  webhookTopics: [{ id: 't-1', ...topic }],
  lastDeliveryStatus: 'SUCCESS',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});

/** Answers `answer` and keeps what the client sent (method, absolute URL, JSON body). */
function capture(method: 'get' | 'post' | 'put' | 'delete', url: string, answer: () => Response) {
  const sent: { method: string; url: string; body: unknown }[] = [];
  api(method, url, async (request: Request) => {
    const text = await request.text();
    sent.push({ method: request.method, url: request.url, body: text === '' ? undefined : JSON.parse(text) });
    return answer();
  });
  return sent;
}

describe('webhooks v2: registrations, topics, definitions, logs', () => {
  it('registration CRUD with authorization, topics with filters, errorThreshold and active: URLs and bodies as the document has them', async () => {
    const created = capture('post', HOOKS, () => HttpResponse.json(registration()));
    const configured = capture('post', `${HOOKS}/w-1/configuration`, () => HttpResponse.json(registration({ errorThreshold: 10 })));
    const status = capture('post', `${HOOKS}/w-1/status`, () => HttpResponse.json(registration({ active: false })));
    const added = capture('post', `${HOOKS}/w-1/topics`, () => HttpResponse.json(registration()));
    const replaced = capture('put', `${HOOKS}/w-1/topics`, () => HttpResponse.json(registration()));
    const filtered = capture('post', `${HOOKS}/w-1/topics/t-1/configuration`, () => HttpResponse.json(registration()));
    const removed = capture('delete', `${HOOKS}/w-1/topics/t-1`, () => new HttpResponse(null, { status: 204 }));
    const deleted = capture('delete', `${HOOKS}/w-1`, () => new HttpResponse(null, { status: 204 }));
    const { client } = makeClient({ rateLimiter: unlimited() });

    const webhook = await client.webhooks.create({
      displayName: 'PSA sync',
      url: 'https://psa.example.com/pax8/webhooks',
      authorization: AUTHORIZATION,
      active: true,
      errorThreshold: 5,
      webhookTopics: [topic],
    });
    await client.webhooks.update('w-1', { authorization: AUTHORIZATION, errorThreshold: 10 });
    await client.webhooks.updateStatus('w-1', { active: false });
    await client.webhooks.topics.add('w-1', topic);
    await client.webhooks.topics.replace('w-1', [topic]);
    await client.webhooks.topics.updateConfiguration('w-1', 't-1', { filters: topic.filters });
    await client.webhooks.topics.remove('w-1', 't-1');
    await client.webhooks.delete('w-1');

    for (const sent of [created, configured, status, added, replaced, filtered]) {
      expect(sent).toHaveLength(1);
      const [write] = sent;
      expect(bodyProblems('webhooks-api.json', write?.method ?? '', write?.url ?? '', write?.body), `${write?.method} ${write?.url}`).toEqual([]);
    }
    expect(created[0]?.body).toEqual({ displayName: 'PSA sync', url: 'https://psa.example.com/pax8/webhooks', authorization: AUTHORIZATION, active: true, errorThreshold: 5, webhookTopics: [topic] });
    expect(replaced[0]?.body).toEqual({ webhookTopics: [topic] });
    expect([...removed, ...deleted].map((s) => `${s.method} ${s.url}`)).toEqual([`DELETE ${HOOKS}/w-1/topics/t-1`, `DELETE ${HOOKS}/w-1`]);
    expect(webhook).toMatchObject({ id: 'w-1', authorization: AUTHORIZATION, errorThreshold: 5, webhookTopics: [{ id: 't-1', topic: 'SUBSCRIPTION' }] });
  });

  it('an errorThreshold over 20 or a filter without conditions is refused before anything is sent', async () => {
    const { client } = makeClient();
    expect(await captureError(client.webhooks.create({ displayName: 'x', errorThreshold: 50 }))).toSatisfy(Pax8ValidationError.isInstance);
    expect(await captureError(client.webhooks.topics.add('w-1', { topic: 'SUBSCRIPTION', filters: [{ action: 'UPDATED' }] } as never))).toSatisfy(
      Pax8ValidationError.isInstance,
    );
    expect(state.requests).toEqual([]);
  });

  it("the authorization is kept out of errors, even when Pax8 echoes it", async () => {
    api('post', HOOKS, () => HttpResponse.json({ type: 'BAD_REQUEST', message: `authorization ${AUTHORIZATION} is too short` }, { status: 400 }));
    const { client } = makeClient({ rateLimiter: unlimited() });
    const error = await captureError(client.webhooks.create({ displayName: 'PSA', url: 'https://psa.example.com/h', authorization: AUTHORIZATION }));
    expect(error.message).toContain('authorization [redacted] is too short');
  });

  it('topic definitions page through their flat envelope; drifted filter definitions pass', async () => {
    const definitions = Array.from({ length: 5 }, (_, n) => ({
      topic: `TOPIC_${n}`,
      name: `Topic ${n}`,
      description: 'changes',
      availableFilters: [{ action: 'UPDATED', actionDisplayName: 'Updated', description: 'd', conditions: [{ field: 'status', operator: ['IN', 'MATCHES'], dataType: 'string', description: 'd', value: 'Active' }] }],
      samplePayload: { accountId: 'a', webhookId: 'w', url: 'u', sentAt: '2026-01-01T00:00:00Z', webhookTopic: { id: 't', topic: `TOPIC_${n}`, filters: [] } },
    }));
    api('get', `${HOOKS}/topic-definitions`, (request: Request) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('size'));
      return HttpResponse.json({ content: definitions.slice(page * size, (page + 1) * size), number: page, size, totalElements: 5, totalPages: Math.ceil(5 / size) });
    });
    const { client } = makeClient({ rateLimiter: unlimited() });
    const all = await client.webhooks.topicDefinitions.collect({ size: 2 }, { max: 10 });
    expect(all.map((d) => d.topic)).toEqual(['TOPIC_0', 'TOPIC_1', 'TOPIC_2', 'TOPIC_3', 'TOPIC_4']);
    expect(all[0]?.availableFilters?.[0]?.conditions?.[0]?.operator).toEqual(['IN', 'MATCHES']);
    expect(state.requests.map((r) => new URL(r.url).search)).toEqual(['?page=0&size=2', '?page=1&size=2', '?page=2&size=2']);
  });

  it('delivery logs: the failed filter, the query object as the document serialises it, paging, and retry', async () => {
    const log = (n: number) => ({
      id: `log-${n}`,
      webhookId: 'w-1',
      webhookName: 'PSA sync',
      finalStatus: 'FAILED',
      callHistory: [{ id: `call-${n}`, timestamp: '2026-01-02T00:00:00Z', status: 'FAILED', errorMessage: 'timeout after 10 s', httpStatusCode: 504, payload: { subscriptionId: `s-${n}` } }],
      createdAt: '2026-01-02T00:00:00Z',
    });
    api('get', `${HOOKS}/w-1/logs`, (request: Request) => {
      const page = Number(new URL(request.url).searchParams.get('page'));
      return HttpResponse.json(pageOf(page === 0 ? [log(0), log(1)] : [log(2)], page, 2, 3));
    });
    const retried = capture('post', `${HOOKS}/w-1/logs/log-2/retry`, () => new HttpResponse(null, { status: 202 }));
    const { client } = makeClient({ rateLimiter: unlimited() });
    const failed = await client.webhooks.logs.collect(
      { webhookId: 'w-1', status: 'FAILED', topicName: 'SUBSCRIPTION', startDate: '2026-01-01T00:00:00Z', query: { webhookId: 'w-1', finalStatus: 'FAILED' }, size: 2 },
      { max: 10 },
    );
    expect(failed.map((l) => l.id)).toEqual(['log-0', 'log-1', 'log-2']);
    expect(failed[2]?.callHistory?.[0]).toMatchObject({ httpStatusCode: 504, payload: { subscriptionId: 's-2' } });
    const first = new URL(state.requests[0]?.url ?? '');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      topicName: 'SUBSCRIPTION',
      status: 'FAILED',
      startDate: '2026-01-01T00:00:00Z',
      query: 'webhookId,w-1,finalStatus,FAILED',
      page: '0',
      size: '2',
    });
    await client.webhooks.logs.retry('log-2', { webhookId: 'w-1' });
    expect(retried.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${HOOKS}/w-1/logs/log-2/retry`]);
  });

  it('a delivery parses with the exported schema (topic object or name), unknown fields kept', () => {
    const delivery = {
      accountId: 'acct-1',
      webhookId: 'w-1',
      url: 'https://psa.example.com/h',
      sentAt: '2026-01-02T10:00:00.123-0600',
      webhookTopic: { id: 't-1', topic: 'SUBSCRIPTION', filters: [] },
      payloadData: { subscriptionId: 's-1', companyId: 'c-1' },
      newField: 1,
    };
    expect(pax8WebhookDeliverySchema.parse(delivery)).toEqual(delivery);
    expect(pax8WebhookDeliverySchema.parse({ ...delivery, webhookTopic: 'SUBSCRIPTION' }).webhookTopic).toBe('SUBSCRIPTION');
    expect(pax8WebhookDeliverySchema.safeParse({ webhookId: 'w-1' }).success).toBe(false);
  });
});

describe('invoices, draft items and usage: complete, paged, schema-tolerant', () => {
  const item = (n: number, overrides: Record<string, unknown> = {}) => ({
    id: idOf('item', n),
    type: 'subscription',
    subscriptionId: idOf('subscription', n),
    companyId: idOf('company', n % 3),
    productId: idOf('product', n % 2),
    quantity: n + 1,
    startPeriod: '2026-01-01',
    endPeriod: '2026-01-31',
    price: 12.5,
    cost: 10,
    chargeType: 'per',
    rateType: 'flat',
    billedByPax8: true,
    currencyCode: 'USD',
    ...overrides,
  });

  it('invoices.list sends every filter (invoiceDate, date range, status, companyId) and pages all invoices', async () => {
    api('get', `${BASE}/v1/invoices`, (request: Request) => {
      const page = Number(new URL(request.url).searchParams.get('page'));
      const invoices = [0, 1, 2].map((n) => ({ id: `i-${n}`, invoiceDate: '2026-01-05', dueDate: '2026-02-04', status: n === 2 ? 'Disputed' : 'Unpaid', total: 100 + n, currencyCode: 'USD' }));
      return HttpResponse.json(pageOf(invoices.slice(page * 2, page * 2 + 2), page, 2, 3));
    });
    const { client } = makeClient({ rateLimiter: unlimited() });
    const invoices = await client.invoices.collect(
      { invoiceDateRangeStart: '2026-01-01', invoiceDateRangeEnd: '2026-01-31', invoiceDate: '2026-01-05', status: 'Unpaid', companyId: 'c-1', sort: 'invoiceDate', size: 2 },
      { max: 10 },
    );
    expect(invoices.map((i) => i.id)).toEqual(['i-0', 'i-1', 'i-2']);
    expect(invoices[2]?.status).toBe('Disputed');
    expect(Object.fromEntries(new URL(state.requests[0]?.url ?? '').searchParams)).toEqual({
      sort: 'invoiceDate',
      status: 'Unpaid',
      invoiceDate: '2026-01-05',
      invoiceDateRangeStart: '2026-01-01',
      invoiceDateRangeEnd: '2026-01-31',
      companyId: 'c-1',
      page: '0',
      size: '2',
    });
  });

  it('invoice items and draft items carry what reconciliation needs, across pages, drift included', async () => {
    const items = Array.from({ length: 5 }, (_, n) => item(n, n === 4 ? { chargeType: 'tiered', type: 'usage', newField: true } : {}));
    const paged = (list: unknown[]) => (request: Request) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('size'));
      return HttpResponse.json(pageOf(list.slice(page * size, (page + 1) * size), page, size, list.length));
    };
    api('get', `${BASE}/v1/invoices/i-1/items`, paged(items));
    api('get', `${BASE}/v1/invoices/draftItems`, paged(items.slice(0, 3)));
    const drift: string[] = [];
    const { client } = makeClient({ rateLimiter: unlimited(), hooks: { onDrift: (event) => void drift.push(`${event.path}=${String(event.value)}`) } });
    const lines = await client.invoices.items.collect({ invoiceId: 'i-1', size: 2 }, { max: 10 });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual(item(0));
    expect(lines[4]).toMatchObject({ chargeType: 'tiered', type: 'usage', newField: true });
    expect(drift).toEqual(expect.arrayContaining(['content[0].type=usage', 'content[0].chargeType=tiered']));
    const draft = await client.invoices.draftItems.collect({ monthOffset: 0, companyId: idOf('company', 0), size: 2 }, { max: 10 });
    expect(draft).toHaveLength(3);
    expect(state.requests.filter((r) => r.url.includes('draftItems')).map((r) => new URL(r.url).search)).toEqual([
      `?monthOffset=0&companyId=${idOf('company', 0)}&page=0&size=2`,
      `?monthOffset=0&companyId=${idOf('company', 0)}&page=1&size=2`,
    ]);
  });

  it('usage summaries of a subscription and their usage lines (the day required and checked)', async () => {
    api('get', `${BASE}/v1/subscriptions/s-1/usage-summaries`, pageOf([{ id: 'u-1', companyId: 'c-1', productId: 'p-1', resourceGroup: 'rg', currentCharges: 12.3, partnerTotal: 10, currencyCode: 'USD', isTrial: false }], 0, 200, 1));
    api('get', `${BASE}/v1/usage-summaries/u-1/usage-lines`, pageOf([{ usageSummaryId: 'u-1', usageDate: '2026-01-03', productId: 'p-1', quantity: 4.5, unitPrice: 2, currentCharges: 9, unitOfMeasure: 'GB' }], 0, 200, 1));
    const { client } = makeClient({ rateLimiter: unlimited() });
    const summaries = await client.usage.summaries.collect({ subscriptionId: 's-1', sort: 'currentCharges', companyId: 'c-1' }, { max: 10 });
    expect(summaries[0]).toMatchObject({ id: 'u-1', currentCharges: 12.3 });
    const lines = await client.usage.lines.collect({ usageSummaryId: 'u-1', usageDate: '2026-01-03', productId: 'p-1' }, { max: 10 });
    expect(lines[0]).toMatchObject({ quantity: 4.5, unitOfMeasure: 'GB' });
    expect(state.requests.map((r) => r.url)).toEqual([
      `${BASE}/v1/subscriptions/s-1/usage-summaries?sort=currentCharges&companyId=c-1&page=0&size=200`,
      `${BASE}/v1/usage-summaries/u-1/usage-lines?usageDate=2026-01-03&productId=p-1&page=0&size=200`,
    ]);
    for (const usageDate of [undefined, '03/01/2026']) {
      const error = await captureError(client.usage.lines.list({ usageSummaryId: 'u-1', usageDate } as never));
      expect(Pax8InvalidArgumentError.isInstance(error) && error.field).toBe('usageDate');
    }
    expect(state.requests).toHaveLength(2);
  });
});
