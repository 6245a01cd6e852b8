import { createMemoryRateLimitStore, createPax8RateLimiter, type Pax8Client, type Pax8RateLimiter } from '@pax8-sync/client';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeClock, type FakeClock } from './support/fake-clock';
import { company } from './support/fixtures';
import { api, BASE, server, TOKEN_URL, usePax8Server } from './support/pax8-server';
import { makeClient } from './support/test-client';

usePax8Server();
afterEach(() => vi.restoreAllMocks());

const WINDOW_MS = 60_000;
const SEED = 20_260_113;
// Each property runs 60 cases of thousands of requests through msw on a fake clock: deterministic, but
// 13-15 s of CPU on an idle 2-core machine and two or three times that under CI's load.
const PROPERTY_TIMEOUT_MS = 180_000;

/** The most sends any half-open window [t, t + 60 s) holds. */
function busiestWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= WINDOW_MS) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** A small deterministic generator, so backoff jitter (Math.random) is seeded with the case. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

type Answer = 'ok' | 'busy' | 'busy-retry-after' | 'down';
type Layout = 'one client' | 'two clients, one limiter' | 'two limiters, one store';

interface Case {
  requestsPerMinute: number;
  safetyMargin: number;
  concurrency: number;
  calls: number;
  lateness: number[];
  answers: Answer[];
  retryAfterSeconds: number[];
  layout: Layout;
  jitterSeed: number;
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  requestsPerMinute: fc.integer({ min: 2, max: 90 }),
  safetyMargin: fc.oneof(fc.constant(1), fc.constant(0.9), fc.double({ min: 0.3, max: 1, noNaN: true })),
  concurrency: fc.integer({ min: 1, max: 6 }),
  calls: fc.integer({ min: 4, max: 36 }),
  // Most wake-ups on time, some a little late, a few very late (a loaded machine).
  lateness: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 20_000 })), { minLength: 1, maxLength: 40 }),
  answers: fc.array(fc.constantFrom<Answer>('ok', 'ok', 'ok', 'busy', 'busy-retry-after', 'down'), { minLength: 1, maxLength: 40 }),
  retryAfterSeconds: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 10 }),
  layout: fc.constantFrom<Layout>('one client', 'two clients, one limiter', 'two limiters, one store'),
  jitterSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

const cycle = <T>(values: T[]) => {
  let n = 0;
  return () => values[n++ % values.length] as T;
};

/** Pax8 at the network boundary: records the (fake) time of every request that reaches it, token requests included. */
function wire(clock: FakeClock, testCase: Case): number[] {
  const sent: number[] = [];
  const answer = cycle(testCase.answers);
  const retryAfter = cycle(testCase.retryAfterSeconds);
  server.use(
    http.post(TOKEN_URL, () => {
      sent.push(clock.now());
      return undefined; // on to the real token handler
    }),
  );
  api('get', `${BASE}/v1/companies/c-1`, () => {
    sent.push(clock.now());
    switch (answer()) {
      case 'busy':
        return HttpResponse.json({ type: 'TOO_MANY_REQUESTS' }, { status: 429 });
      case 'busy-retry-after':
        return HttpResponse.json({ type: 'TOO_MANY_REQUESTS' }, { status: 429, headers: { 'Retry-After': String(retryAfter()) } });
      case 'down':
        return HttpResponse.json({ message: 'down' }, { status: 503 });
      default:
        return HttpResponse.json(company(1));
    }
  });
  return sent;
}

function clientsFor(testCase: Case, clock: FakeClock, makeLimiter?: () => Pax8RateLimiter): { clients: Pax8Client[]; limit: number } {
  const settings = { requestsPerMinute: testCase.requestsPerMinute, safetyMargin: testCase.safetyMargin, concurrency: testCase.concurrency };
  const retry = { retries: 3, minDelayMs: 200, maxDelayMs: 5_000 };
  const limiter = () => makeLimiter?.() ?? createPax8RateLimiter({ ...settings, now: clock.now, sleep: clock.sleep });
  if (testCase.layout === 'one client') {
    const one = limiter();
    return { clients: [makeClient({ rateLimiter: one, retry }, clock).client], limit: one.limitPerMinute };
  }
  if (testCase.layout === 'two clients, one limiter') {
    const shared = limiter();
    return { clients: [0, 1].map(() => makeClient({ rateLimiter: shared, retry }, clock).client), limit: shared.limitPerMinute };
  }
  const store = createMemoryRateLimitStore({ now: clock.now });
  const pair = [0, 1].map(() => makeLimiter?.() ?? createPax8RateLimiter({ ...settings, store, now: clock.now, sleep: clock.sleep }));
  return { clients: pair.map((one) => makeClient({ rateLimiter: one, retry }, clock).client), limit: pair[0]?.limitPerMinute ?? 0 };
}

/** Runs one case; returns the busiest 60 s window and the limit it must stay under. */
async function run(testCase: Case, makeLimiter?: (clock: FakeClock) => Pax8RateLimiter) {
  vi.spyOn(Math, 'random').mockImplementation(seededRandom(testCase.jitterSeed));
  const clock = createFakeClock(Date.UTC(2026, 0, 1), { lateness: cycle(testCase.lateness) });
  const sent = wire(clock, testCase);
  const { clients, limit } = clientsFor(testCase, clock, makeLimiter && (() => makeLimiter(clock)));
  const calls = Array.from({ length: testCase.calls }, (_, n) => (clients[n % clients.length] as Pax8Client).companies.get('c-1'));
  const outcomes = await Promise.allSettled(calls);
  server.resetHandlers();
  return { busiest: busiestWindow(sent), limit, sent: sent.length, succeeded: outcomes.filter((o) => o.status === 'fulfilled').length };
}

describe('rate limiter property: what reaches the network', () => {
  it('no sliding 60 s window of actual send times holds more than the limit, with late timers, retries, 429 holds and token requests (seeded)', async () => {
    let sends = 0;
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (testCase) => {
        const result = await run(testCase);
        sends += result.sent;
        expect(result.limit).toBeLessThanOrEqual(testCase.requestsPerMinute);
        expect(result.busiest).toBeLessThanOrEqual(result.limit);
      }),
      { seed: SEED, numRuns: 60 },
    );
    // Not vacuous: thousands of sends were checked, retries and token requests among them.
    expect(sends).toBeGreaterThan(1_000);
  }, PROPERTY_TIMEOUT_MS);

  it('uses its budget: with timers on time, a busy client fills a 60 s window to exactly the limit', async () => {
    const testCase: Case = {
      requestsPerMinute: 20,
      safetyMargin: 0.9,
      concurrency: 3,
      calls: 40,
      lateness: [0],
      answers: ['ok'],
      retryAfterSeconds: [0],
      layout: 'two clients, one limiter',
      jitterSeed: 1,
    };
    const result = await run(testCase);
    expect(result).toMatchObject({ limit: 18, busiest: 18, succeeded: 40 });
  });

  it('can fail: the former limiter (start times booked ahead, at 100 % of the limit) lets late timers bunch sends past it', async () => {
    // What the client did before: book each start at `previous booking + interval`, then sleep until it.
    const bookedAhead = (clock: FakeClock): Pax8RateLimiter => {
      let next = Number.NEGATIVE_INFINITY;
      return {
        specificationVersion: 'v1',
        limitPerMinute: 10,
        run: async (task) => {
          const start = Math.max(clock.now(), next);
          next = start + 6_000;
          if (start > clock.now()) await clock.sleep(start - clock.now());
          return task();
        },
        hold: async (ms) => {
          next = Math.max(next, clock.now() + ms);
        },
      };
    };
    const details = await fc.check(
      fc.asyncProperty(caseArbitrary, async (testCase) => {
        const result = await run({ ...testCase, requestsPerMinute: 10, safetyMargin: 1, layout: 'one client' }, bookedAhead);
        return result.busiest <= result.limit;
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(details.failed).toBe(true);
  }, PROPERTY_TIMEOUT_MS);
});
