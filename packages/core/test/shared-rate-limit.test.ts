import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine, type SyncEngineOptions } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ran, sequentialIds, testClientOptions } from './support/harness';

// Pax8's limit in this test: 10 requests a minute. The engine's limiter keeps its default 10 % margin (9 a minute).
const LIMIT = 10;
// Time runs 50× faster than the wall clock (one simulated minute is 1.2 s), so a handful of requests spans several minutes.
const SPEED = 50;

/** A clock and a timer on simulated time: the limiter sleeps real milliseconds / SPEED. */
function fastTime() {
  const t0 = performance.now();
  const start = Date.UTC(2026, 5, 1);
  return {
    clock: { now: () => start + Math.round((performance.now() - t0) * SPEED) },
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(ms / SPEED))),
  };
}

/** The most requests any 60 s window [t, t + 60 s) of these send times holds. */
function busiestMinute(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[j] as number) < (sorted[i] as number) - 59_999) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const sims: Pax8Simulator[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

/** A simulator over HTTP, one engine on it with the slow limit, and every request's simulated send time by host. */
async function setup(simulators: number) {
  const urls: string[] = [];
  for (let i = 0; i < simulators; i += 1) {
    const sim = createPax8Simulator({ seed: 7 + i, companies: 40, products: 5, subscriptions: 100, wait: async () => undefined });
    sims.push(sim);
    urls.push(await sim.listen());
  }
  const time = fastTime();
  const sent = new Map<string, number[]>();
  const recordingFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    sent.set(url.origin, [...(sent.get(url.origin) ?? []), time.clock.now()]);
    console.log("REQ", url.pathname + url.search, time.clock.now() - Date.UTC(2026, 5, 1));
    return globalThis.fetch(input, init);
  };
  const storage = createMemoryStorage();
  const base: SyncEngineOptions = { storage, codec: createAesGcmCodec({ key: randomBytes(32) }), ids: sequentialIds(), clientOptions: testClientOptions };
  // Setup (companies, mappings) at full speed, then the engine under test with the slow limit on the same storage.
  const fast = createSyncEngine(base);
  const connections: string[] = [];
  for (const [i, baseUrl] of urls.entries()) {
    const sim = sims[i] as Pax8Simulator;
    const c = await fast.createConnection({ name: `pax8 ${i}`, environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
    ran(await fast.syncCompanies({ connectionId: c.id, pageSize: 10 }));
    for (const id of (await storage.companies.listActiveIds(c.id)).slice(0, 20)) await fast.setMapping({ connectionId: c.id, pax8CompanyId: id, psaCompanyId: `psa-${id}` });
    connections.push(c.id);
  }
  const engine = createSyncEngine({
    ...base,
    clock: time.clock,
    fetch: recordingFetch,
    clientOptions: { ...testClientOptions, sleep: time.sleep, rateLimit: { requestsPerMinute: LIMIT, concurrency: 4 } },
    syncDefaults: { pageSize: 10, prefetch: 4, perCompanyMaxCompanies: 0 },
  });
  return { engine, connections, urls, sent };
}

describe('one rate limiter per connection in an engine (Pax8 limits the partner account)', () => {
  it('two syncs of one connection at once (companies and subscriptions) never put more than the limit in any 60 s window', async () => {
    const { engine, connections, urls, sent } = await setup(1);
    const [connectionId] = connections as [string];
    const [companies, subscriptions] = await Promise.all([engine.syncCompanies({ connectionId }), engine.syncSubscriptions({ connectionId })]);
    expect(ran(companies).outcome).toBe('succeeded');
    expect(ran(subscriptions).outcome).toBe('succeeded');
    console.log("TIMES", JSON.stringify((sent.get(new URL(urls[0] as string).origin) ?? []).map((t) => t - Date.UTC(2026, 5, 1))));
    const times = sent.get(new URL(urls[0] as string).origin) ?? [];
    // 4 company pages and 10 subscription pages (100 of 20 mapped companies' share) at least: several minutes at 9 a minute.
    expect(times.length).toBeGreaterThanOrEqual(LIMIT + 4);
    expect(busiestMinute(times)).toBeLessThanOrEqual(LIMIT);
  });

  it('back to back, the second sync of a connection waits for the first one\'s budget', async () => {
    const { engine, connections, urls, sent } = await setup(1);
    const [connectionId] = connections as [string];
    ran(await engine.syncCompanies({ connectionId }));
    const first = (sent.get(new URL(urls[0] as string).origin) ?? []).length;
    ran(await engine.syncCompanies({ connectionId }));
    const times = sent.get(new URL(urls[0] as string).origin) ?? [];
    expect(first).toBeGreaterThanOrEqual(4);
    expect(times.length).toBeGreaterThanOrEqual(first + 4);
    // The limiter spaces starts 60 s / 9 apart; the second run's first request keeps that gap to the first run's last
    // (10 % slack for the moment between the limiter's grant and the send this test records).
    const gap = (times[first] as number) - (times[first - 1] as number);
    expect(gap).toBeGreaterThanOrEqual(0.9 * (60_000 / Math.floor(LIMIT * 0.9)));
  });

  it('two connections do not share a limiter: each holds its own limit, together they go faster', async () => {
    const { engine, connections, urls, sent } = await setup(2);
    const results = await Promise.all(connections.map((connectionId) => engine.syncSubscriptions({ connectionId })));
    for (const r of results) expect(ran(r).outcome).toBe('succeeded');
    const perConnection = urls.map((u) => sent.get(new URL(u).origin) ?? []);
    for (const times of perConnection) expect(busiestMinute(times)).toBeLessThanOrEqual(LIMIT);
    expect(busiestMinute(perConnection.flat())).toBeGreaterThan(LIMIT);
  });
});
