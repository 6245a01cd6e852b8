import { Pax8Error, Pax8NetworkError, Pax8TimeoutError, Pax8ValidationError } from '@pax8-sync/client';
import { describe, expect, it } from 'vitest';
import type { Pax8FaultOptions } from '../src/index';
import { instantSleep, TRANSPORTS, useClientHarness } from './support/client-harness';

const SUBS = 'GET /v1/subscriptions';

describe.each(TRANSPORTS)('client behaviour under each simulator fault (%s)', (transport) => {
  const connect = useClientHarness();
  const statuses = (requests: { route: string | undefined; status: number }[], route = SUBS) => requests.filter((r) => r.route === route).map((r) => r.status);

  it('429 without Retry-After: backs off and recovers', async () => {
    const { sim, client } = await connect(transport, { subscriptions: 20 });
    sim.faults.inject({ kind: 'rateLimit', route: SUBS, times: 2 });
    expect((await client.subscriptions.list({ size: 50 })).content).toHaveLength(20);
    expect(statuses(sim.requests)).toEqual([429, 429, 200]);
    expect(sim.counters.faults.rateLimit).toBe(2);
  });

  it('429 with Retry-After: waits what Pax8 asks, then recovers', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number, signal?: AbortSignal) => {
      waits.push(ms);
      return instantSleep(ms, signal);
    };
    const { sim, client } = await connect(transport, { subscriptions: 20, faults: { retryAfterSeconds: 7 } }, { sleep });
    sim.faults.inject({ kind: 'rateLimitRetryAfter', route: SUBS });
    expect((await client.subscriptions.list()).content).toHaveLength(10);
    expect(statuses(sim.requests)).toEqual([429, 200]);
    expect(waits).toContain(7000);
  });

  it('5xx on GET: retried until it succeeds', async () => {
    const { sim, client } = await connect(transport, { subscriptions: 20 });
    sim.faults.inject({ kind: 'serverError', route: SUBS, times: 3 });
    expect((await client.subscriptions.list()).content).toHaveLength(10);
    const seen = statuses(sim.requests);
    expect(seen.slice(0, 3).every((s) => s >= 500 && s <= 504)).toBe(true);
    expect(seen.at(-1)).toBe(200);
  });

  it('5xx on POST: not retried (the write may have happened), surfaced as a Pax8Error', async () => {
    const { sim, client } = await connect(transport, { subscriptions: 5 });
    sim.faults.inject({ kind: 'serverError', route: 'POST /v1/companies' });
    const error = await client.companies
      .create({ name: 'X', address: { country: 'US' }, phone: '1', website: 'x.example.com', billOnBehalfOfEnabled: false, selfServiceAllowed: false, orderApprovalRequired: false })
      .catch((e: unknown) => e);
    expect(Pax8Error.isInstance(error)).toBe(true);
    expect(statuses(sim.requests, 'POST /v1/companies')).toHaveLength(1);
  });

  it('a hang past the timeout is a Pax8TimeoutError', async () => {
    let hangStarted!: () => void;
    const hanging = new Promise<void>((resolve) => {
      hangStarted = resolve;
    });
    const TIMEOUT = 30_000;
    // The client's timeout fires once the simulator is really hanging on the request: no wall-clock wait.
    const sleep = (ms: number, signal?: AbortSignal) =>
      ms !== TIMEOUT
        ? instantSleep(ms, signal)
        : new Promise<void>((resolve, reject) => {
            void hanging.then(resolve);
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          });
    const wait = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        hangStarted();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    const { sim, client } = await connect(transport, { subscriptions: 5, wait }, { sleep, timeoutMs: TIMEOUT, retry: { retries: 0 } });
    sim.faults.inject({ kind: 'hang', route: SUBS });
    const error = await client.subscriptions.list().catch((e: unknown) => e);
    expect(Pax8TimeoutError.isInstance(error)).toBe(true);
    await sim.close();
    expect(sim.requests.filter((r) => r.route === SUBS)).toMatchObject([{ status: 0, fault: 'hang' }]);
  });

  it('a connection reset is a Pax8NetworkError, and a GET retry recovers from one', async () => {
    const { sim, client } = await connect(transport, { subscriptions: 5 }, { retry: { retries: 0 } });
    sim.faults.inject({ kind: 'reset', route: SUBS });
    const error = await client.subscriptions.list().catch((e: unknown) => e);
    expect(Pax8NetworkError.isInstance(error)).toBe(true);
    const { sim: sim2, client: retrying } = await connect(transport, { subscriptions: 5 });
    sim2.faults.inject({ kind: 'reset', route: SUBS });
    expect((await retrying.subscriptions.list()).content).toHaveLength(5);
    expect(statuses(sim2.requests)).toEqual([0, 200]);
  });

  it('malformed JSON is a typed error, never a crash or silent empty page', async () => {
    const { sim, client } = await connect(transport, { subscriptions: 5 }, { retry: { retries: 0 } });
    sim.faults.inject({ kind: 'malformedJson', route: SUBS });
    const error = await client.subscriptions.list().catch((e: unknown) => e);
    expect(Pax8Error.isInstance(error)).toBe(true);
    expect((error as Error).name).toMatch(/^Pax8/);
  });

  it('drifted records (unknown fields, new enum values, odd dates) pass in lenient mode and fail strict mode', async () => {
    const drift: Pax8FaultOptions = { routes: { [SUBS]: { drift: 1 } }, driftRecordShare: 1 };
    const { sim, client } = await connect(transport, { subscriptions: 30, faults: drift });
    const page = await client.subscriptions.list({ size: 30 });
    expect(page.content.length + page.rejected.length).toBe(30);
    expect(page.content.length).toBeGreaterThan(0);
    expect(page.content.some((s) => s.status === 'PendingReview' || s.billingTerm === 'Quarterly')).toBe(true);
    expect(page.content.some((s) => 'pax8Metadata' in s)).toBe(true);
    const { client: strict } = await connect(transport, { subscriptions: 30, faults: { ...drift, driftKinds: ['newEnumValue'] } }, { validation: 'strict' });
    const error = await strict.subscriptions.list({ size: 30 }).catch((e: unknown) => e);
    expect(Pax8ValidationError.isInstance(error)).toBe(true);
    expect(sim.counters.faults.drift).toBe(1);
  });

  it('a delay only slows the answer down', async () => {
    const waited: number[] = [];
    const wait = async (ms: number) => {
      waited.push(ms);
    };
    const { sim, client } = await connect(transport, { subscriptions: 5, wait, faults: { delayMs: 1500 } });
    sim.faults.inject({ kind: 'delay', route: SUBS });
    expect((await client.subscriptions.list()).content).toHaveLength(5);
    expect(waited).toEqual([1500]);
    expect(sim.requests.at(-1)).toMatchObject({ route: SUBS, status: 200, fault: 'delay' });
  });

  it('honours an enforced rate limit: paced at the limit it never sees a 429; unpaced it does and recovers', async () => {
    let now = 0;
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
    const world = { subscriptions: 120, now: () => now, faults: { rateLimit: { requestsPerMinute: 5 } } };
    const { sim, client } = await connect(transport, world, { ...clock, rateLimit: { requestsPerMinute: 5, concurrency: 1 } });
    expect(await client.subscriptions.collect({ size: 10 }, { max: 200 })).toHaveLength(120);
    expect(sim.counters.faults.rateLimited).toBeUndefined();
    expect(statuses(sim.requests)).toEqual(Array(12).fill(200));

    now = 0;
    const { sim: sim2, client: eager } = await connect(transport, world, { ...clock, rateLimit: { requestsPerMinute: 600, concurrency: 1 }, retry: { retries: 8, minDelayMs: 10_000, maxDelayMs: 60_000 } });
    expect(await eager.subscriptions.collect({ size: 10 }, { max: 200 })).toHaveLength(120);
    expect(sim2.counters.faults.rateLimited).toBeGreaterThan(0);
    expect(await sim2.handle(new Request(`${sim2.baseUrl}/v1/subscriptions`)).then((r) => r.status)).toBe(401);
  });

  it('replays seeded faults identically: same seed, same request and fault sequence', async () => {
    const faults: Pax8FaultOptions = { seed: 42, rates: { rateLimit: 0.15, serverError: 0.15, drift: 0.2, delay: 0.1 } };
    const run = async () => {
      const { sim, client } = await connect(transport, { seed: 3, subscriptions: 400, faults, wait: async () => {} }, { retry: { retries: 10, minDelayMs: 1, maxDelayMs: 1 } });
      const page = await client.subscriptions.collect({ size: 20 }, { max: 1000 });
      return { ids: page.map((s) => s.id), log: sim.requests.map((r) => [r.method, new URL(r.url).pathname + new URL(r.url).search, r.status, r.fault]) };
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.log.filter((entry) => entry[3] !== undefined).length).toBeGreaterThan(3);
    const other = await (async () => {
      const { sim, client } = await connect(transport, { seed: 3, subscriptions: 400, faults: { ...faults, seed: 43 }, wait: async () => {} }, { retry: { retries: 10, minDelayMs: 1, maxDelayMs: 1 } });
      await client.subscriptions.collect({ size: 20 }, { max: 1000 });
      return sim.requests.map((r) => r.fault);
    })();
    expect(other).not.toEqual(first.log.map((entry) => entry[3]));
  });
});
