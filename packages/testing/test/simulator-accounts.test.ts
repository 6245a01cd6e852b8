import { createPax8Client } from '@pax8-sync/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions, Pax8SimulatorError } from '../src/index';
import { httpToken } from './support/http-fetch';

type Page = { content: Record<string, unknown>[]; page: { totalElements: number } };

const open: Pax8Simulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

async function serve(options: Pax8SimulatorOptions): Promise<{ sim: Pax8Simulator; url: string }> {
  const sim = createPax8Simulator(options);
  open.push(sim);
  return { sim, url: await sim.listen() };
}

/** A fetch with the token of one account's credentials, over HTTP. */
async function as(url: string, credentials: { clientId: string; clientSecret: string }): Promise<(path: string) => Promise<Response>> {
  const token = await httpToken(url, credentials);
  return (path) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('many partner accounts on one simulator (#14, #17)', () => {
  it('keeps the single-account default exactly as before: one account, the seeded credentials, no limit of its own', async () => {
    const { sim, url } = await serve({ seed: 3, subscriptions: 20 });
    expect(sim.accounts).toHaveLength(1);
    const [only] = sim.accounts;
    expect(only).toMatchObject({ name: 'partner-0', seed: 3, credentials: sim.credentials, rateLimit: undefined, latencyMs: [0, 0] });
    expect(only?.world).toBe(sim.world);
    expect(sim.credentials).toEqual({ clientId: 'sim-client-3', clientSecret: `sim-secret-3-${(3 * 2654435761) >>> 0}` });
    const get = await as(url, sim.credentials);
    const hooks = (await (await get('/api/v2/webhooks')).json()) as Page;
    expect(hooks.content[0]?.accountId).toBe(only?.id);
    expect(sim.requests.every((r) => r.account === only?.id)).toBe(true);
  });

  it('serves each account its own world to its own credentials; a token of A never reads B', async () => {
    const { sim, url } = await serve({ seed: 10, companies: 6, subscriptions: 40, accounts: [{ name: 'a' }, { name: 'b', companies: 3 }, { name: 'c', seed: 99 }] });
    const [a, b, c] = sim.accounts;
    expect(sim.accounts.map((x) => [x.name, x.seed])).toEqual([['a', 10], ['b', 11], ['c', 99]]);
    expect(new Set(sim.accounts.map((x) => x.credentials.clientId)).size).toBe(3);
    expect(new Set(sim.accounts.map((x) => x.id)).size).toBe(3);
    expect(sim.credentials).toEqual(a?.credentials);
    expect(sim.world).toBe(a?.world);

    const clients = sim.accounts.map((x) => createPax8Client({ ...x.credentials, baseUrl: url }));
    const companyIds = await Promise.all(clients.map(async (client) => (await client.companies.collect({}, { max: 100 })).map((co) => co.id)));
    expect(companyIds).toEqual(sim.accounts.map((x) => x.world.companies.ids()));
    expect(companyIds[1]).toHaveLength(3);
    expect(companyIds[0]?.some((id) => companyIds[1]?.includes(id) || companyIds[2]?.includes(id))).toBe(false);

    const getA = await as(url, a!.credentials);
    const ofB = b!.world.companies.ids()[0] as string;
    const subOfC = c!.world.subscriptions.ids()[0] as string;
    expect((await getA(`/v1/companies/${ofB}`)).status).toBe(404);
    expect((await getA(`/v1/subscriptions/${subOfC}`)).status).toBe(404);
    b!.world.companies.update(ofB, { name: 'Only in B' });
    const seenByA = (await (await getA('/v1/companies?size=200')).json()) as Page;
    expect(seenByA.content.some((co) => co.name === 'Only in B')).toBe(false);
    const getB = await as(url, b!.credentials);
    expect(((await (await getB(`/v1/companies/${ofB}`)).json()) as Record<string, unknown>).name).toBe('Only in B');
    expect(((await (await getB('/api/v2/webhooks')).json()) as Page).content[0]?.accountId).toBe(b?.id);
    // b's client listed its companies (token + one page), then the three requests above.
    expect(b?.requests.map((r) => r.route)).toEqual(['POST /v1/token', 'GET /v1/companies', 'POST /v1/token', 'GET /v1/companies/{companyId}', 'GET /api/v2/webhooks']);
    expect(sim.counters.byAccount[b!.id]).toBe(5);
    expect(sim.requests.filter((r) => r.account === undefined)).toEqual([]);
  });

  it('enforces each account its own limit (1,000 a minute by default) on the simulator clock; one account at its limit does not slow another', async () => {
    let now = Date.parse('2026-06-01T00:00:00Z');
    const { sim, url } = await serve({ seed: 1, subscriptions: 5, now: () => now, accounts: [{}, { rateLimit: { requestsPerMinute: 3, retryAfter: true } }] });
    const [big, small] = sim.accounts;
    expect(big?.rateLimit).toEqual({ requestsPerMinute: 1000 });
    const getBig = await as(url, big!.credentials);
    const getSmall = await as(url, small!.credentials);
    const statuses = async (get: (path: string) => Promise<Response>, n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let sent = 0; sent < n; sent += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - sent) }, async () => (await get('/v1/products')).status))));
      return out;
    };
    // The default limit's 1,001 requests go straight to the core both transports share (same token, same
    // limit, no sockets), to keep this test light on a loaded machine; the rest goes over HTTP.
    const bigToken = await httpToken(url, big!.credentials);
    const core = (path: string) => sim.handle(new Request(`${url}${path}`, { headers: { authorization: `Bearer ${bigToken}` } }));
    const bigStatuses = await statuses(core, 1001);
    expect(bigStatuses.filter((s) => s === 200)).toHaveLength(1000);
    expect(bigStatuses.filter((s) => s === 429)).toHaveLength(1);
    const smallStatuses = [];
    for (let k = 0; k < 4; k++) smallStatuses.push(await getSmall('/v1/products'));
    expect(smallStatuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(smallStatuses[3]?.headers.get('retry-after')).toBe('60');
    now += 60_001;
    expect((await getBig('/v1/products')).status).toBe(200);
    expect((await getSmall('/v1/products')).status).toBe(200);
    small!.setRateLimit(false);
    expect((await statuses(getSmall, 10)).every((s) => s === 200)).toBe(true);
    expect(sim.requests.filter((r) => r.fault === 'rateLimited').map((r) => r.account)).toEqual([big?.id, small?.id]);
  });

  it('adds configurable latency per account through the injected wait, so tests need not sleep', async () => {
    const waits: number[] = [];
    const wait = async (ms: number): Promise<void> => {
      waits.push(ms);
    };
    const { sim, url } = await serve({ seed: 2, subscriptions: 5, wait, latencyMs: 40, accounts: [{}, { latencyMs: [100, 200] }, { latencyMs: 0 }] });
    const [fixed, ranged, none] = sim.accounts;
    expect([fixed?.latencyMs, ranged?.latencyMs, none?.latencyMs]).toEqual([[40, 40], [100, 200], [0, 0]]);
    for (const account of sim.accounts) {
      const get = await as(url, account.credentials);
      await get('/v1/companies');
    }
    // Token and listing of each account: 2 x 40, 2 drawn from [100, 200], none for the third.
    expect(waits).toHaveLength(4);
    expect(waits.slice(0, 2)).toEqual([40, 40]);
    for (const ms of waits.slice(2)) expect(ms >= 100 && ms <= 200).toBe(true);
    ranged!.setLatency(5);
    await (await as(url, ranged!.credentials))('/v1/companies');
    expect(waits.slice(-2)).toEqual([5, 5]);
  });

  it('revokes the tokens of one account only', async () => {
    const { sim, url } = await serve({ seed: 2, subscriptions: 5, accounts: 2 });
    const [a, b] = sim.accounts;
    const getA = await as(url, a!.credentials);
    const getB = await as(url, b!.credentials);
    a!.revokeTokens();
    expect((await getA('/v1/companies')).status).toBe(401);
    expect((await getB('/v1/companies')).status).toBe(200);
    sim.revokeTokens();
    expect((await getB('/v1/companies')).status).toBe(401);
  });

  it('adds accounts while running, finds them by id, name or client id, and refuses clashes naming the field', async () => {
    const { sim, url } = await serve({ seed: 5, subscriptions: 5 });
    const added = sim.addAccount({ name: 'late', subscriptions: 7 });
    expect(sim.accounts).toHaveLength(2);
    expect(added).toMatchObject({ seed: 6, rateLimit: { requestsPerMinute: 1000 } });
    expect(sim.account('late')).toBe(added);
    expect(sim.account(added.id)).toBe(added);
    expect(sim.account(added.credentials.clientId)).toBe(added);
    const get = await as(url, added.credentials);
    expect(((await (await get('/v1/subscriptions')).json()) as Page).page.totalElements).toBe(7);
    expect(() => sim.account('nobody')).toThrow(Pax8SimulatorError);
    expect(() => sim.addAccount({ name: 'late' })).toThrow(/accounts\[2\]\.name: 'late' is already used by accounts\[1\]/);
    expect(() => sim.addAccount({ credentials: sim.credentials })).toThrow(/credentials.clientId/);
    expect(() => createPax8Simulator({ accounts: [{ seed: 4 }, { seed: 4 }] })).toThrow(/accounts\[1\]\.id/);
    expect(() => createPax8Simulator({ accounts: [] })).toThrow(/accounts: must hold at least one account/);
    expect(() => createPax8Simulator({ accounts: [{ rateLimit: { requestsPerMinute: 0 } }] })).toThrow(/accounts\[0\]\.rateLimit\.requestsPerMinute/);
    expect(() => createPax8Simulator({ accounts: [{ latencyMs: [5, 1] }] })).toThrow(/accounts\[0\]\.latencyMs/);
  });

  it('holds 1,000 accounts, each world generated when first used', async () => {
    const { sim, url } = await serve({ seed: 1, companies: 20, subscriptions: 200, accounts: 1000 });
    expect(sim.accounts).toHaveLength(1000);
    expect(new Set(sim.accounts.map((x) => x.id)).size).toBe(1000);
    const last = sim.accounts[999];
    const get = await as(url, last!.credentials);
    expect(((await (await get('/v1/subscriptions')).json()) as Page).page.totalElements).toBe(200);
    expect(last?.credentials.clientId).toBe('sim-client-1000-999');
  });
});
