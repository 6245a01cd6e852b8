import { createPax8Client, Pax8NetworkError } from '@pax8-sync/client';
import { describe, expect, it } from 'vitest';
import type { Pax8SimCommitmentTerm, Pax8Simulator, Pax8SimSubscription } from '../src/index';
import { type HttpGet, useHttpSimulators } from './support/http-fetch';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });
const details = async (response: Response): Promise<string> => JSON.stringify(((await response.json()) as { details?: unknown }).details ?? []);

const company = {
  name: 'Write Back Dental',
  address: { street: '1 Main St', city: 'Denver', stateOrProvince: 'Colorado', postalCode: '80202', country: 'US' },
  phone: '303-555-0100',
  website: 'writeback.example.com',
  billOnBehalfOfEnabled: false,
  selfServiceAllowed: false,
  orderApprovalRequired: false,
};
const contact = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@writeback.example.com', phone: '303-555-0101' };

async function commitments(get: HttpGet, productId: string): Promise<Pax8SimCommitmentTerm[]> {
  return ((await (await get(`/v1/products/${productId}/dependencies`)).json()) as { commitmentDependencies: Pax8SimCommitmentTerm[] }).commitmentDependencies;
}

/** An Active, started subscription inside an Annual commitment whose term matches `wanted`. */
async function committed(sim: Pax8Simulator, get: HttpGet, wanted: (c: Pax8SimCommitmentTerm) => boolean): Promise<Pax8SimSubscription> {
  for (const s of sim.world.subscriptions.list({ filter: (x) => x.status === 'Active' && x.commitment?.term === 'Annual' && Date.parse(x.startDate ?? '') < NOW })) {
    const terms = await commitments(get, s.productId);
    if (wanted(terms.find((c) => c.id === s.commitment?.id) as Pax8SimCommitmentTerm)) return s;
  }
  throw new Error('the world has no such committed subscription; change the seed');
}

describe('write-back endpoints with Pax8 rules, over HTTP (#15)', () => {
  const start = useHttpSimulators();
  const world = { seed: 12, companies: 8, subscriptions: 400, now: () => NOW };

  it('PUT quantity is absolute; refused for a future-dated subscription; a decrease or term change is refused inside the commitment', async () => {
    const { sim, get } = await start(world);
    const s = await committed(sim, get, () => true);
    const up = await get(`/v1/subscriptions/${s.id}`, { method: 'PUT', ...json({ quantity: s.quantity + 5 }) });
    expect(((await up.json()) as { quantity: number }).quantity).toBe(s.quantity + 5);
    const down = await get(`/v1/subscriptions/${s.id}`, { method: 'PUT', ...json({ quantity: 1 }) });
    expect(down.status).toBe(422);
    expect(await details(down)).toContain(`quantity cannot decrease during the Annual commitment (ends ${s.commitment?.endDate})`);
    const term = await get(`/v1/subscriptions/${s.id}`, { method: 'PUT', ...json({ billingTerm: 'Monthly' }) });
    expect([term.status, await details(term)]).toEqual([422, expect.stringContaining('billingTerm cannot change during the Annual commitment')]);
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 5);

    const future = sim.world.subscriptions.update(s.id, { startDate: '2026-07-01T00:00:00Z' });
    const scheduled = await get(`/v1/subscriptions/${future.id}`, { method: 'PUT', ...json({ quantity: 50 }) });
    expect([scheduled.status, await details(scheduled)]).toEqual([422, expect.stringContaining('not supported for a future-dated subscription')]);
  });

  it('lets the quantity go down once the commitment has ended, and on a monthly commitment', async () => {
    const { sim, get } = await start(world);
    const s = await committed(sim, get, () => true);
    sim.world.subscriptions.update(s.id, { commitment: { ...(s.commitment as NonNullable<typeof s.commitment>), endDate: '2026-06-01T00:00:00.000-0600' }, quantity: 10 });
    expect((await get(`/v1/subscriptions/${s.id}`, { method: 'PUT', ...json({ quantity: 3 }) })).status).toBe(200);
    const monthly = sim.world.subscriptions.list({ filter: (x) => x.status === 'Active' && x.commitment?.term === 'Monthly' && x.quantity > 1 })[0] as Pax8SimSubscription;
    expect((await get(`/v1/subscriptions/${monthly.id}`, { method: 'PUT', ...json({ quantity: monthly.quantity - 1 }) })).status).toBe(200);
  });

  it('DELETE ?cancelDate= cancels then, but not before the end of a commitment that allows no early cancellation', async () => {
    const { sim, get } = await start(world);
    const s = await committed(sim, get, (c) => !c.allowForEarlyCancellation);
    const early = await get(`/v1/subscriptions/${s.id}?cancelDate=2026-07-01`, { method: 'DELETE' });
    expect([early.status, await details(early)]).toEqual([422, expect.stringContaining(`cannot be cancelled before it ends (${s.commitment?.endDate})`)]);
    const endDay = String(s.commitment?.endDate).slice(0, 10);
    expect((await get(`/v1/subscriptions/${s.id}?cancelDate=${endDay}`, { method: 'DELETE' })).status).toBe(204);
    expect(sim.world.subscriptions.get(s.id)).toMatchObject({ status: 'PendingCancel', endDate: endDay });
  });

  it('POST /v1/companies: every required field named; without contacts Inactive, and then "already exists"; a contact activates it', async () => {
    const { sim, get } = await start(world);
    const empty = await get('/v1/companies', { method: 'POST', ...json({}) });
    const named = ((await empty.json()) as { details: { type: string }[] }).details.map((d) => d.type);
    expect(named).toEqual(['name', 'phone', 'website', 'billOnBehalfOfEnabled', 'selfServiceAllowed', 'orderApprovalRequired', 'address']);
    const created = (await (await get('/v1/companies', { method: 'POST', ...json(company) })).json()) as { id: string; status: string };
    expect(created.status).toBe('Inactive');
    const again = await get('/v1/companies', { method: 'POST', ...json({ ...company, name: ' write back DENTAL ' }) });
    expect([again.status, ((await again.json()) as { message: string }).message]).toEqual([422, 'Company already exists']);
    expect(sim.world.companies.list({ filter: (c) => c.name === company.name })).toHaveLength(1);
    expect((await get(`/v1/companies/${created.id}/contacts`, { method: 'POST', ...json(contact) })).status).toBe(200);
    expect(sim.world.companies.get(created.id)?.status).toBe('Active');
    const withContacts = (await (await get('/v1/companies', { method: 'POST', ...json({ ...company, name: 'Born Active LLC', contacts: [contact] }) })).json()) as { status: string };
    expect(withContacts.status).toBe('Active');
  });

  it('POST /v1/orders: 1-based unique line numbers, billing term, commitment from /dependencies, provisioning details, no scheduled orders; isMock stores nothing', async () => {
    const { sim, get } = await start(world);
    const companyId = sim.world.companies.list({ filter: (c) => c.status === 'Active' })[0]?.id as string;
    const product = sim.world.products.list({ filter: (p) => p.requiresCommitment && p.vendorName === 'Microsoft' })[0]!;
    const annual = (await commitments(get, product.id)).find((c) => c.term === 'Annual')!;
    const monthlyCommitment = (await commitments(get, product.id)).find((c) => c.term === 'Monthly')!;
    const provisioning = (await (await get(`/v1/products/${product.id}/provision-details`)).json()) as { content: { key: string; possibleValues?: string[] }[] };
    const exists = provisioning.content.find((d) => d.key === 'msCustExists')?.possibleValues?.[0] as string;
    const line = { productId: product.id, lineItemNumber: 1, quantity: 3, billingTerm: 'Annual', commitmentTermId: annual.id, provisioningDetails: [{ key: 'msCustExists', values: [exists] }, { key: 'msDomain', values: ['writeback'] }] };
    const order = (lines: unknown[], mock = false) => get(`/v1/orders${mock ? '?isMock=true' : ''}`, { method: 'POST', ...json({ companyId, lineItems: lines }) });
    const refused = async (lines: unknown[]): Promise<string> => {
      const r = await order(lines, true);
      expect(r.status).toBe(422);
      return details(r);
    };
    expect(await refused([{ ...line, lineItemNumber: 0 }])).toContain('lineItemNumber is required: a whole number from 1');
    expect(await refused([line, { ...line }])).toContain('lineItemNumber 1 is used by lineItems[0]');
    expect(await refused([{ ...line, billingTerm: undefined }])).toContain('billingTerm must be one of');
    expect(await refused([{ ...line, commitmentTermId: undefined }])).toContain(`requires a commitment (see GET /v1/products/${product.id}/dependencies)`);
    expect(await refused([{ ...line, commitmentTermId: monthlyCommitment.id }])).toContain('a Monthly commitment, shorter than the Annual billing term');
    expect(await refused([{ ...line, provisioningDetails: [{ key: 'msCustExists', values: [exists] }] }])).toContain('missing msDomain');
    expect(await refused([{ ...line, provisionStartDate: '2026-08-01T00:00:00Z' }])).toContain('scheduled orders are not supported');

    const before = { orders: sim.world.orders.size, subscriptions: sim.world.subscriptions.size };
    expect((await order([line], true)).status).toBe(200);
    expect({ orders: sim.world.orders.size, subscriptions: sim.world.subscriptions.size }).toEqual(before);
    const placed = (await (await order([line])).json()) as { id: string; lineItems: { subscriptionId: string }[] };
    expect(sim.world.orders.get(placed.id)).toBeDefined();
    expect(sim.world.subscriptions.get(placed.lineItems[0]?.subscriptionId as string)).toMatchObject({ companyId, quantity: 3, billingTerm: 'Annual', commitment: { id: annual.id, term: 'Annual', endDate: expect.stringMatching(/^2027-06-15T/) } });
  });

  it('faults after apply: the write lands, then the connection resets, a 5xx comes back, or no answer comes', async () => {
    const waits: number[] = [];
    const { sim, url } = await start({ ...world, wait: async (ms) => void waits.push(ms) });
    const client = createPax8Client({ ...sim.credentials, baseUrl: url, retry: { retries: 0 } });
    const s = sim.world.subscriptions.list({ filter: (x) => x.status === 'Active' && !x.commitment })[0] as Pax8SimSubscription;

    sim.faults.inject({ kind: 'resetAfterApply', route: 'PUT /v1/subscriptions/{subscriptionId}' });
    await expect(client.subscriptions.update(s.id, { quantity: 41 })).rejects.toBeInstanceOf(Pax8NetworkError);
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(41);

    sim.faults.inject({ kind: 'serverErrorAfterApply', route: 'POST /v1/companies' });
    await expect(client.companies.create({ ...company, contacts: [contact] })).rejects.toMatchObject({ status: expect.any(Number) });
    expect(sim.world.companies.list({ filter: (c) => c.name === company.name })).toHaveLength(1);

    sim.faults.set({ serverErrorStatus: 503 });
    sim.faults.inject({ kind: 'hangAfterApply', route: 'DELETE /v1/subscriptions/{subscriptionId}' });
    await expect(client.subscriptions.cancel(s.id)).rejects.toBeInstanceOf(Pax8NetworkError);
    expect(sim.world.subscriptions.get(s.id)?.status).toBe('Cancelled');
    expect(waits).toEqual([120_000]);

    const writes = sim.requests.filter((r) => r.method !== 'GET' && r.route !== 'POST /v1/token');
    expect(writes.map((r) => [r.route, r.status, r.fault])).toEqual([
      ['PUT /v1/subscriptions/{subscriptionId}', 0, 'resetAfterApply'],
      ['POST /v1/companies', expect.any(Number), 'serverErrorAfterApply'],
      ['DELETE /v1/subscriptions/{subscriptionId}', 0, 'hangAfterApply'],
    ]);
    expect(writes[1]?.status).toBeGreaterThanOrEqual(500);
  });

  it('logs every write with its body, secrets redacted', async () => {
    const { sim, get } = await start(world);
    const s = sim.world.subscriptions.list({ filter: (x) => x.status === 'Active' && !x.commitment })[0] as Pax8SimSubscription;
    await get(`/v1/subscriptions/${s.id}`, { method: 'PUT', ...json({ quantity: 9 }) });
    await get('/api/v2/webhooks', { method: 'POST', ...json({ displayName: 'PSA', url: 'https://psa.example.com/hook', authorization: 'Bearer very-secret', webhookTopics: [] }) });
    await get(`/v1/subscriptions/${s.id}`);
    const [put, hook, read] = sim.requests.slice(-3);
    expect(put).toMatchObject({ method: 'PUT', status: 200, body: { quantity: 9 } });
    expect(hook?.body).toEqual({ displayName: 'PSA', url: 'https://psa.example.com/hook', authorization: '[redacted]', webhookTopics: [] });
    expect(read).not.toHaveProperty('body');
    expect(JSON.stringify(sim.requests)).not.toContain('very-secret');
  });
});
