import { type Pax8DriftEvent, type Pax8SubscriptionStatus, Pax8ValidationError, pax8SubscriptionSchema } from '@pax8-sync/client';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { captureError } from './support/audit';
import { pageOf, subscription } from './support/fixtures';
import { api, BASE, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

const state = usePax8Server();
const SUBSCRIPTIONS = `${BASE}/v1/subscriptions`;

/** A page as real Pax8 sends it: drift in every record, a new status in record 1 and 3. */
const drifted = [
  subscription(0, { brandNewField: { nested: true } }),
  subscription(1, { status: 'Suspended' }),
  subscription(2, { startDate: '2020-12-03', endDate: '2023-08-11T11:33:12.314-0600', commitmentTerm: { term: 'Monthly' } }),
  subscription(3, { status: 'Suspended' }),
];

describe('validation', () => {
  it('lenient (default): drifted payloads pass, unknown fields are kept, new enum values are reported once', async () => {
    api('get', SUBSCRIPTIONS, pageOf(drifted, 0, 200, 4));
    const events: Pax8DriftEvent[] = [];
    const { client, logs } = makeClient({ hooks: { onDrift: (event) => events.push(event) } });
    const page = await client.subscriptions.list();
    expect(page.rejected).toEqual([]);
    expect(page.content.map((s) => s.status)).toEqual(['Active', 'Suspended', 'Active', 'Suspended']);
    expect(page.content[0]?.brandNewField).toEqual({ nested: true });
    expect(page.content[0]?.commitment).toEqual({ id: expect.any(String), term: 'Annual', endDate: '2025-12-03T00:00:00Z' });
    expect(page.content[2]?.startDate).toBe('2020-12-03');
    expect(events).toEqual([
      { schema: 'subscription', path: 'content[1].status', value: 'Suspended', expected: expect.stringContaining('Active'), url: `${SUBSCRIPTIONS}` },
    ]);
    expect(logs.filter((line) => line.includes('"level":"warn"') && line.includes('Suspended'))).toHaveLength(1);
  });

  it('strict: the same payload throws Pax8ValidationError with the path', async () => {
    api('get', SUBSCRIPTIONS, pageOf(drifted, 0, 200, 4));
    const { client } = makeClient({ validation: 'strict' });
    const error = await captureError(client.subscriptions.list());
    expect(Pax8ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ schema: 'subscription', path: 'content[1].status', url: SUBSCRIPTIONS });
    expect(error.message).toContain('content[1].status');
  });

  it('strict: a single object with an unknown status fails at `status`; documented drift passes', async () => {
    api('get', `${SUBSCRIPTIONS}/s-1`, subscription(1, { status: 'Frozen' }));
    api('get', `${BASE}/v1/orders/o-1`, { id: 'o-1', orderedBy: 'Pax8Partner', createdDate: '2023-08-11T11:33:12.314-0600', lineItems: [] });
    const { client } = makeClient({ validation: 'strict' });
    const error = await captureError(client.subscriptions.get('s-1'));
    expect(error).toMatchObject({ name: 'Pax8ValidationError', path: 'status' });
    expect((await client.orders.get('o-1')).orderedBy).toBe('Pax8Partner');
  });

  it('lenient: a record that fails its schema goes to `rejected`, the rest of the page goes on', async () => {
    const broken = { ...subscription(1), quantity: 'seven' };
    const { id: _dropped, ...withoutId } = subscription(2);
    api('get', SUBSCRIPTIONS, pageOf([subscription(0), broken, withoutId, subscription(3)], 0, 200, 4));
    const { client } = makeClient();
    const pages = [];
    for await (const page of client.subscriptions.pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.content.map((s) => s.id)).toEqual([subscription(0).id, subscription(3).id]);
    expect(pages[0]?.rejected).toEqual([
      { index: 1, record: broken, reason: expect.stringContaining('quantity'), issues: [{ path: 'quantity', message: expect.any(String) }] },
      { index: 2, record: withoutId, reason: expect.stringContaining('id'), issues: [{ path: 'id', message: expect.any(String) }] },
    ]);
  });

  it('strict: a record that fails its schema fails the page', async () => {
    api('get', SUBSCRIPTIONS, pageOf([subscription(0), { ...subscription(1), quantity: 'seven' }], 0, 200, 2));
    const { client } = makeClient({ validation: 'strict' });
    const error = await captureError(client.subscriptions.list());
    expect(error).toMatchObject({ name: 'Pax8ValidationError', path: 'content[1].quantity' });
  });

  it('a response that is not a page envelope is a Pax8ValidationError in both modes', async () => {
    api('get', SUBSCRIPTIONS, () => HttpResponse.json({ items: [] }));
    const { client } = makeClient();
    const error = await captureError(client.subscriptions.list());
    expect(error).toMatchObject({ name: 'Pax8ValidationError', schema: 'page envelope', path: 'content' });
  });

  it('request bodies are validated before anything is sent, naming the field', async () => {
    const { client } = makeClient();
    const error = await captureError(client.subscriptions.update('s-1', {}));
    expect(error).toMatchObject({ name: 'Pax8ValidationError', schema: 'subscription update body' });
    const order = await captureError(client.orders.create({ companyId: 'c-1', lineItems: [{ productId: 'p', lineItemNumber: 1, billingTerm: 'Monthly', quantity: -1 }] }));
    expect(order).toMatchObject({ name: 'Pax8ValidationError', path: 'lineItems[0].quantity' });
    expect(state.requests).toHaveLength(0);
    expect(state.tokenRequests).toHaveLength(0);
  });

  it('exported schemas and inferred types accept statuses Pax8 adds later', () => {
    const status: Pax8SubscriptionStatus = 'SomethingNew';
    const parsed = pax8SubscriptionSchema.parse(subscription(5, { status }));
    expect(parsed.status).toBe('SomethingNew');
  });

  it('nulls where the spec promises strings or arrays (webhook topics and filters) pass in lenient mode', async () => {
    const webhook = {
      id: 'w-1',
      displayName: 'PSA',
      active: true,
      webhookTopics: [
        { id: 't-1', topic: 'SUBSCRIPTION', filters: [{ action: null, conditions: null }] },
        { id: 't-2', topic: 'COMPANY', filters: [{ action: 'UPDATED', conditions: [{ field: 'status', operator: 'IN', value: null }] }] },
      ],
      createdAt: '2023-08-11T11:33:12.314-0600',
      updatedAt: '2024-02-01',
    };
    api('get', `${BASE}/api/v2/webhooks/w-1`, webhook);
    const { client } = makeClient();
    const got = await client.webhooks.get('w-1');
    expect(got.webhookTopics?.[0]?.filters?.[0]).toEqual({ action: null, conditions: null });
    expect(got.webhookTopics?.[1]?.filters?.[0]?.conditions?.[0]?.value).toBeNull();
  });
});
