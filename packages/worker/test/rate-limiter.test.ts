import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresRateLimiter, rateLimitedFetch } from '../src/index';
import { startTestServer, type TestServer, testPool } from './support/database';
import { setUp, type TestSetup } from './support/harness';

let server: TestServer;
let setup: TestSetup;

beforeAll(async () => {
  server = await startTestServer();
  setup = await setUp(server);
  await setup.worker().migrate();
});
afterAll(async () => {
  await setup.close();
  await server.close();
});

const reservations = async (account: string) =>
  (
    await setup.pool.query<{ at: Date }>(`SELECT reserved_at AS at FROM "${setup.schemas.worker}".rate_reservations WHERE account = $1 ORDER BY reserved_at`, [account])
  ).rows.map((r) => r.at.getTime());

describe('the Postgres rate limiter', () => {
  it('hands out slots so that no window holds more than the limit, across independent pools', async () => {
    const other = testPool(server, 5);
    const options = { schema: setup.schemas.worker, requestsPerWindow: 4, windowMs: 300, marginMs: 0 };
    const limiters = [createPostgresRateLimiter({ pool: setup.pool, ...options }), createPostgresRateLimiter({ pool: other, ...options })];
    const waits = await Promise.all(Array.from({ length: 14 }, (_, i) => limiters[i % 2]!.acquire('account-a')));
    await other.end();
    const times = await reservations('account-a');
    expect(times).toHaveLength(14);
    // Any 5 consecutive slots span at least the window: at most 4 in any 300 ms.
    for (let i = 0; i + 4 < times.length; i += 1) expect(times[i + 4]! - times[i]!).toBeGreaterThanOrEqual(300);
    // The first four went at once; later ones waited for their slot.
    expect(waits.filter((w) => w === 0).length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...waits)).toBeGreaterThan(0);
    // Another account has its own limit.
    expect(await limiters[0]!.acquire('account-b')).toBe(0);
  });

  it('a 429 with Retry-After holds the whole account; an aborted wait rejects', async () => {
    const limiter = createPostgresRateLimiter({ pool: setup.pool, schema: setup.schemas.worker, requestsPerWindow: 100, windowMs: 1_000, marginMs: 0 });
    const answers = [new Response('{}', { status: 429, headers: { 'retry-after': '1' } }), new Response('{}', { status: 200 })];
    const fetch = rateLimitedFetch(async () => answers.shift()!, { limiter, account: 'account-c' });
    expect((await fetch('https://api.pax8.com/v1/companies')).status).toBe(429);
    expect((await setup.pool.query(`SELECT account FROM "${setup.schemas.worker}".rate_holds`)).rows).toEqual([{ account: 'account-c' }]);
    const waits: number[] = [];
    const held = rateLimitedFetch(async () => new Response('{}'), { limiter, account: 'account-c', onWait: (ms) => waits.push(ms) });
    await held('https://api.pax8.com/v1/companies');
    expect(waits[0]).toBeGreaterThan(500);

    const stop = new AbortController();
    const pending = limiter.acquire('account-c', stop.signal);
    stop.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('refuses bad options, naming them', () => {
    expect(() => createPostgresRateLimiter({ pool: setup.pool, requestsPerWindow: 0 })).toThrow(/rateLimit\.requestsPerWindow/);
    expect(() => createPostgresRateLimiter({ pool: setup.pool, schema: 'x; drop' })).toThrow(/rateLimit\.schema/);
  });
});
