import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

usePax8Server();

/** Answers `answer` and keeps the JSON body and content type the client sent. */
function capture(method: 'post' | 'put' | 'patch', url: string, answer: Record<string, unknown>) {
  const sent: { body: unknown; contentType: string | null }[] = [];
  api(method, url, async (request: Request) => {
    sent.push({ body: await request.json(), contentType: request.headers.get('content-type') });
    return HttpResponse.json(answer);
  });
  return sent;
}

describe('request bodies', () => {
  it('orders.create sends the order as JSON, unchanged, and returns the typed order', async () => {
    const order = {
      companyId: 'c-1',
      orderedBy: 'Pax8 Partner',
      lineItems: [{ productId: 'p-1', lineItemNumber: 1, billingTerm: 'Annual', commitmentTermId: 't-1', quantity: 5 }],
    };
    const sent = capture('post', `${BASE}/v1/orders`, { id: 'o-9', ...order, createdDate: '2026-01-01' });
    const { client } = makeClient();
    const created = await client.orders.create(order);
    expect(sent).toEqual([{ body: order, contentType: 'application/json' }]);
    expect(created).toMatchObject({ id: 'o-9', companyId: 'c-1' });
  });

  it('subscriptions.update sends only what changes (PUT)', async () => {
    const sent = capture('put', `${BASE}/v1/subscriptions/s-1`, { id: 's-1', quantity: 12 });
    const { client } = makeClient();
    await client.subscriptions.update('s-1', { quantity: 12 });
    expect(sent.map((s) => s.body)).toEqual([{ quantity: 12 }]);
  });

  it('webhooks.topics.replace wraps the topics as { webhookTopics }', async () => {
    const topic = { topic: 'SUBSCRIPTION', filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'IN', value: ['Active'] }] }] };
    const sent = capture('put', `${BASE}/api/v2/webhooks/w-1/topics`, { id: 'w-1', webhookTopics: [{ id: 't-1', ...topic }] });
    const { client } = makeClient();
    const webhook = await client.webhooks.topics.replace('w-1', [topic]);
    expect(sent.map((s) => s.body)).toEqual([{ webhookTopics: [topic] }]);
    expect(webhook.webhookTopics?.[0]?.topic).toBe('SUBSCRIPTION');
  });

  it('companies.update sends a PATCH with the changed fields', async () => {
    const sent = capture('patch', `${BASE}/v1/companies/c-1`, { id: 'c-1', name: 'Renamed' });
    const { client } = makeClient();
    expect((await client.companies.update('c-1', { name: 'Renamed', externalId: 'PSA-7' })).name).toBe('Renamed');
    expect(sent.map((s) => s.body)).toEqual([{ name: 'Renamed', externalId: 'PSA-7' }]);
  });
});
