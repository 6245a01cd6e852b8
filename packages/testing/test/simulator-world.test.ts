import { describe, expect, it } from 'vitest';
import { createPax8Simulator, PAX8_BILLING_TERMS, PAX8_SUBSCRIPTION_STATUSES, Pax8SimulatorError } from '../src/index';
import { authorizedFetch, body } from './support/sim-fetch';

describe('simulated world', () => {
  it('is the same for the same seed and differs for another seed', async () => {
    const read = async (seed: number) => {
      const sim = createPax8Simulator({ seed, companies: 5, subscriptions: 30 });
      const get = await authorizedFetch(sim);
      return JSON.stringify(await body(await get('/v1/subscriptions?size=200')));
    };
    expect(await read(3)).toBe(await read(3));
    expect(await read(3)).not.toBe(await read(4));
  });

  it('serves all ten statuses, every billing term and the Pax8 date formats', async () => {
    const sim = createPax8Simulator({ seed: 1, companies: 5, subscriptions: 40 });
    const get = await authorizedFetch(sim);
    const { content = [] } = await body(await get('/v1/subscriptions?size=200'));
    expect(new Set(content.map((s) => s.status))).toEqual(new Set(PAX8_SUBSCRIPTION_STATUSES));
    expect(new Set(content.map((s) => s.billingTerm))).toEqual(new Set(PAX8_BILLING_TERMS));
    const dates = content.flatMap((s) => [s.createdDate, s.startDate, s.updatedDate]).filter((d): d is string => typeof d === 'string');
    expect(dates.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dates.some((d) => /T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/.test(d))).toBe(true);
    expect(dates.some((d) => d.endsWith('Z'))).toBe(true);
    const committed = content.find((s) => s.commitment !== undefined)?.commitment as Record<string, unknown>;
    expect(Object.keys(committed).sort()).toEqual(['endDate', 'id', 'term']);
  });

  it('pages from 0 with the page block and caps size at 200', async () => {
    const sim = createPax8Simulator({ subscriptions: 450 });
    const get = await authorizedFetch(sim);
    const first = await body(await get('/v1/subscriptions?size=500'));
    expect(first.page).toEqual({ size: 200, totalElements: 450, totalPages: 3, number: 0 });
    const last = await body(await get('/v1/subscriptions?size=200&page=2'));
    expect(last.content).toHaveLength(50);
    expect(last.page?.number).toBe(2);
    const beyond = await body(await get('/v1/subscriptions?size=200&page=3'));
    expect(beyond.content).toEqual([]);
    const ids = new Set<unknown>();
    for (let page = 0; page < 3; page++) for (const s of (await body(await get(`/v1/subscriptions?size=200&page=${page}`))).content ?? []) ids.add(s.id);
    expect(ids.size).toBe(450);
  });

  it('filters and sorts subscriptions as the spec lists', async () => {
    const sim = createPax8Simulator({ seed: 2, companies: 4, subscriptions: 300 });
    const get = await authorizedFetch(sim);
    const companyId = sim.world.companies.ids()[0] as string;
    const byCompany = (await body(await get(`/v1/subscriptions?size=200&companyId=${companyId}`))).content ?? [];
    expect(byCompany.length).toBeGreaterThan(0);
    expect(byCompany.every((s) => s.companyId === companyId)).toBe(true);
    expect(byCompany.length).toBe(sim.world.subscriptions.list({ filter: (s) => s.companyId === companyId }).length);
    const active = (await body(await get('/v1/subscriptions?size=200&status=Active&billingTerm=Monthly'))).content ?? [];
    expect(active.every((s) => s.status === 'Active' && s.billingTerm === 'Monthly')).toBe(true);
    const sorted = ((await body(await get('/v1/subscriptions?size=200&sort=quantity,desc'))).content ?? []).map((s) => s.quantity as number);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    const bad = await get('/v1/subscriptions?status=Bogus');
    expect(bad.status).toBe(422);
    expect(await body(bad)).toMatchObject({ type: 'Unprocessable Entity', status: 422, instance: '/v1/subscriptions', details: [{ type: 'status' }] });
  });

  it('sorts the webhooks API as its document writes it (field:asc/desc), and lists logs newest first on createdAt:desc', async () => {
    const sim = createPax8Simulator({ seed: 3, subscriptions: 5, webhooks: 6 });
    const get = await authorizedFetch(sim);
    const names = async (sort: string): Promise<unknown[]> => {
      const response = await get(`/api/v2/webhooks?sort=${sort}`);
      expect(response.status, sort).toBe(200);
      return ((await body(response)).content ?? []).map((h) => h.displayName);
    };
    const ascending = await names('displayName:asc');
    expect(ascending.length).toBe(6);
    expect(ascending).toEqual([...ascending].sort((a, b) => String(a).localeCompare(String(b))));
    expect(await names('displayName:desc')).toEqual([...ascending].reverse());
    const hook = sim.world.webhooks.list()[0]?.id as string;
    const logs = ((await body(await get(`/api/v2/webhooks/${hook}/logs?sort=createdAt:desc`))).content ?? []).map((l) => l.createdAt as string);
    expect(logs.length).toBeGreaterThan(1);
    expect(logs).toEqual([...logs].sort((a, b) => Date.parse(b) - Date.parse(a)));
    expect((await get('/api/v2/webhooks?sort=displayName:sideways')).status).toBe(400);
  });

  it('filters and sorts companies (country by code or name, flags, status)', async () => {
    const sim = createPax8Simulator({ seed: 2, companies: 60, subscriptions: 0 });
    const get = await authorizedFetch(sim);
    const byName = (await body(await get('/v1/companies?size=200&country=United%20States&status=Active&sort=name,desc'))).content ?? [];
    const byCode = (await body(await get('/v1/companies?size=200&country=US&status=Active&sort=name,desc'))).content ?? [];
    expect(byName.length).toBeGreaterThan(0);
    expect(byName).toEqual(byCode);
    expect(byName.every((c) => (c.address as { country: string }).country === 'US' && c.status === 'Active')).toBe(true);
    const names = byName.map((c) => c.name as string);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    const selfService = (await body(await get('/v1/companies?size=200&selfServiceAllowed=true'))).content ?? [];
    expect(selfService.length).toBe(sim.world.companies.list({ filter: (c) => c.selfServiceAllowed }).length);
  });

  it('generates 100,000 subscriptions lazily and serves any page', async () => {
    const sim = createPax8Simulator({ seed: 9, companies: 2000, subscriptions: 100_000 });
    const get = await authorizedFetch(sim);
    const page = await body(await get('/v1/subscriptions?size=200&page=499'));
    expect(page.page).toEqual({ size: 200, totalElements: 100_000, totalPages: 500, number: 499 });
    expect(page.content).toHaveLength(200);
    const last = page.content?.[199] as { id: string };
    const id = last.id;
    expect(await body(await get(`/v1/subscriptions/${id}`))).toEqual(page.content?.[199]);
  });

  it('scripts changes between syncs: add, change, remove', async () => {
    const sim = createPax8Simulator({ seed: 5, companies: 3, subscriptions: 10, now: () => Date.parse('2026-07-01T12:00:00Z') });
    const get = await authorizedFetch(sim);
    const [first, second] = sim.world.subscriptions.ids();
    const changed = sim.world.subscriptions.update(first as string, { quantity: 77, status: 'Suspended', price: 1.5 });
    expect(changed).toMatchObject({ quantity: 77, status: 'Suspended', price: 1.5, updatedDate: '2026-07-01T06:00:00.000-0600' });
    expect(await body(await get(`/v1/subscriptions/${first}`))).toMatchObject({ quantity: 77, status: 'Suspended' });
    sim.world.subscriptions.remove(second as string);
    expect((await get(`/v1/subscriptions/${second}`)).status).toBe(404);
    const added = sim.world.subscriptions.add({ quantity: 3 });
    const listing = (await body(await get('/v1/subscriptions?size=200'))).content ?? [];
    expect(listing.map((s) => s.id)).toContain(added.id);
    expect(listing.map((s) => s.id)).not.toContain(second);
    expect(listing).toHaveLength(10);
    const company = sim.world.companies.update(sim.world.companies.ids()[0] as string, { name: 'Renamed Co' });
    expect(await body(await get(`/v1/companies/${company.id}`))).toMatchObject({ name: 'Renamed Co' });
    expect(() => sim.world.subscriptions.update('nope', {})).toThrow(Pax8SimulatorError);
  });

  it('a refused scripted add leaves the world as it was (the next add takes the same id)', async () => {
    const sim = createPax8Simulator({ seed: 1, companies: 3, subscriptions: 20 });
    const get = await authorizedFetch(sim);
    const before = await body(await get('/v1/subscriptions?size=200'));
    const ids = sim.world.subscriptions.ids();
    expect(() => sim.world.subscriptions.add({ companyId: 'nope' })).toThrow(Pax8SimulatorError);
    expect(() => sim.world.subscriptions.add({ productId: 'nope' })).toThrow(/productId 'nope'/);
    expect(sim.world.subscriptions.size).toBe(20);
    expect(sim.world.subscriptions.ids()).toEqual(ids);
    const after = await get('/v1/subscriptions?size=200');
    expect(after.status).toBe(200);
    expect(await body(after)).toEqual(before);
    const added = sim.world.subscriptions.add({ quantity: 4 });
    const fresh = createPax8Simulator({ seed: 1, companies: 3, subscriptions: 20 });
    expect(added.id).toBe(fresh.world.subscriptions.add({ quantity: 4 }).id);
  });

  it('names the option at fault', () => {
    expect(() => createPax8Simulator({ subscriptions: -1 })).toThrow(/subscriptions: must be a whole number/);
    expect(() => createPax8Simulator({ baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => createPax8Simulator({ faults: { rates: { serverError: 2 } } })).toThrow(/faults.rates.serverError/);
  });
});
