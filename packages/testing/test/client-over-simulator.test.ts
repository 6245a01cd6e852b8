import { Pax8ApiError } from '@pax8-sync/client';
import { describe, expect, it } from 'vitest';
import { TRANSPORTS, useClientHarness } from './support/client-harness';

describe.each(TRANSPORTS)('@pax8-sync/client against the simulator (%s)', (transport) => {
  const connect = useClientHarness();

  it('pages through every company, product and subscription with absolute URLs', async () => {
    const { sim, client, baseUrl } = await connect(transport, { seed: 4, companies: 25, products: 30, subscriptions: 450 });
    const subscriptions = await client.subscriptions.collect({}, { max: 1000 });
    expect(subscriptions.map((s) => s.id)).toEqual(sim.world.subscriptions.ids());
    expect((await client.companies.collect({}, { max: 100 })).length).toBe(25);
    expect((await client.products.collect({}, { max: 100 })).length).toBe(30);
    const urls = sim.requests.filter((r) => r.route === 'GET /v1/subscriptions').map((r) => new URL(r.url));
    expect(urls.map((u) => `${u.origin}${u.pathname}`)).toEqual([`${baseUrl}/v1/subscriptions`, `${baseUrl}/v1/subscriptions`, `${baseUrl}/v1/subscriptions`]);
    expect(urls.map((u) => [u.searchParams.get('page'), u.searchParams.get('size')])).toEqual([
      ['0', '200'],
      ['1', '200'],
      ['2', '200'],
    ]);
    expect(sim.counters.tokensIssued).toBe(1);
  });

  it('filters subscriptions by company and status as Pax8 does', async () => {
    const { sim, client } = await connect(transport, { seed: 6, companies: 5, subscriptions: 300 });
    const companyId = sim.world.companies.ids()[1] as string;
    const page = await client.subscriptions.list({ companyId, status: 'Active', size: 200 });
    const expected = sim.world.subscriptions.list({ filter: (s) => s.companyId === companyId && s.status === 'Active' });
    expect(page.content.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(page.page.totalElements).toBe(expected.length);
  });

  it('writes: quantity update, cancellation (future → PendingCancel, now → Cancelled), company activation, mock orders', async () => {
    const now = Date.parse('2026-06-15T12:00:00Z');
    const { sim, client } = await connect(transport, { seed: 8, companies: 4, subscriptions: 40, now: () => now }, { now: () => now });
    const [a, b] = sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && !s.commitment });
    if (!a || !b) throw new Error('seed 8 has too few uncommitted Active subscriptions');
    expect((await client.subscriptions.update(a.id, { quantity: a.quantity + 3 })).quantity).toBe(a.quantity + 3);
    expect(sim.world.subscriptions.get(a.id)?.quantity).toBe(a.quantity + 3);
    await client.subscriptions.cancel(a.id, { cancelDate: '2026-07-01' });
    expect(sim.world.subscriptions.get(a.id)).toMatchObject({ status: 'PendingCancel', endDate: '2026-07-01' });
    await client.subscriptions.cancel(b.id);
    expect(sim.world.subscriptions.get(b.id)?.status).toBe('Cancelled');
    expect((await client.subscriptions.history(a.id)).map((s) => s.status)).toEqual(['PendingCancel', 'Active', 'Active']);

    const created = await client.companies.create({
      name: 'New Client LLC',
      address: { street: '1 Main St', city: 'Denver', stateOrProvince: 'Colorado', postalCode: '80202', country: 'US' },
      phone: '303-555-0100',
      website: 'newclient.example.com',
      billOnBehalfOfEnabled: false,
      selfServiceAllowed: false,
      orderApprovalRequired: false,
    });
    expect(created.status).toBe('Inactive');
    await client.contacts.create({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@newclient.example.com', phone: '303-555-0101' }, { companyId: created.id as string });
    expect((await client.companies.get(created.id as string)).status).toBe('Active');

    const product = sim.world.products.list({ filter: (p) => !p.requiresCommitment && p.vendorName !== 'Microsoft' })[0];
    if (!product) throw new Error('no uncommitted product');
    const before = sim.world.subscriptions.size;
    const ordersBefore = sim.world.orders.ids();
    const provisioningDetails = [{ key: 'userEmailAddress', values: ['ada@newclient.example.com'] }];
    const order = { companyId: created.id as string, lineItems: [{ productId: product.id, lineItemNumber: 1, quantity: 5, billingTerm: 'Monthly' as const, provisioningDetails }] };
    const mock = await client.orders.create(order, { mock: true });
    expect(mock.lineItems?.[0]?.subscriptionId).toBeUndefined();
    expect(sim.world.subscriptions.size).toBe(before);
    expect(sim.world.orders.ids()).toEqual(ordersBefore);
    expect(sim.world.orders.get(mock.id as string)).toBeUndefined();
    const placed = await client.orders.create(order);
    expect(sim.world.subscriptions.size).toBe(before + 1);
    expect(sim.world.orders.ids()).toEqual([...ordersBefore, placed.id]);
    expect(sim.world.subscriptions.get(placed.lineItems?.[0]?.subscriptionId as string)).toMatchObject({ companyId: created.id, quantity: 5, status: 'Active' });
  });

  it('answers invalid writes with Pax8 error envelopes the client types', async () => {
    const { sim, client } = await connect(transport, { seed: 8, subscriptions: 10 });
    const id = sim.world.subscriptions.ids()[0] as string;
    sim.world.subscriptions.update(id, { status: 'Cancelled' });
    const error = await client.subscriptions.update(id, { quantity: 2 }).catch((e: unknown) => e);
    expect(Pax8ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422 });
    const missing = await client.subscriptions.get('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });

  it('refreshes the token after it is revoked or expires (one 401, then a new token)', async () => {
    let simNow = Date.parse('2026-06-15T12:00:00Z');
    let clientNow = simNow;
    const { sim, client } = await connect(transport, { subscriptions: 5, tokenLifetimeSeconds: 3600, now: () => simNow }, { now: () => clientNow, tokenRefreshMarginMs: 0 });
    await client.subscriptions.list();
    sim.revokeTokens();
    await client.subscriptions.list();
    expect([sim.counters.tokensIssued, sim.counters.byStatus['401']]).toEqual([2, 1]);
    // Pax8's clock runs ahead of the client's: the token expired there, so the call gets 401 and a refresh.
    simNow += 3_601_000;
    clientNow += 3_000_000;
    await client.subscriptions.list();
    expect([sim.counters.tokensIssued, sim.counters.byStatus['401']]).toEqual([3, 2]);
    // Both clocks past expiry: the client refreshes before calling, no 401.
    simNow += 3_700_000;
    clientNow += 3_700_000;
    await client.subscriptions.list();
    expect([sim.counters.tokensIssued, sim.counters.byStatus['401']]).toEqual([4, 2]);
  });
});
