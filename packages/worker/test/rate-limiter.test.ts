import { createPax8RateLimiter } from '@pax8-sync/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresRateLimitStore, rateLimitedFetch } from '../src/index';
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

describe('the Postgres rate-limit store (start slots shared by every process of an account)', { timeout: 120_000 }, () => {
  it('grants one start per interval to the account, whichever pool asks; other accounts are apart', async () => {
    const other = testPool(server, 2);
    const schema = setup.schemas.worker;
    const here = createPostgresRateLimitStore({ pool: setup.pool, schema, account: 'account-a' });
    const there = createPostgresRateLimitStore({ pool: other, schema, account: 'account-a' });
    const interval = { intervalMs: 60_000, limitPerMinute: 1 };
    expect(await here.tryStart(interval)).toEqual({ granted: true });
    const refused = await there.tryStart(interval);
    expect(refused.granted).toBe(false);
    expect(!refused.granted && refused.retryInMs).toBeGreaterThan(50_000);
    expect((await here.tryStart(interval)).granted).toBe(false);
    expect(await createPostgresRateLimitStore({ pool: other, schema, account: 'account-b' }).tryStart(interval)).toEqual({ granted: true });
    await other.end();
  });

  it('a hold (429 Retry-After) stops every start of the account until it ends', async () => {
    const store = createPostgresRateLimitStore({ pool: setup.pool, schema: setup.schemas.worker, account: 'account-c' });
    await store.hold(30_000);
    const answer = await store.tryStart({ intervalMs: 1, limitPerMinute: 60_000 });
    expect(answer.granted).toBe(false);
    expect(!answer.granted && answer.retryInMs).toBeGreaterThan(25_000);
  });

  it('rateLimitedFetch sends through the limiter and turns a 429 Retry-After into a hold of the account', async () => {
    const waits: number[] = [];
    const store = createPostgresRateLimitStore({ pool: setup.pool, schema: setup.schemas.worker, account: 'account-d', onWait: (ms) => waits.push(ms) });
    const limiter = createPax8RateLimiter({ requestsPerMinute: 60_000, safetyMargin: 1, store });
    const answers = [new Response('{}', { status: 429, headers: { 'retry-after': '20' } })];
    const fetch = rateLimitedFetch(async () => answers.shift() ?? new Response('{}'), limiter);
    expect((await fetch('https://api.pax8.com/v1/companies')).status).toBe(429);
    const answer = await store.tryStart({ intervalMs: 1, limitPerMinute: 60_000 });
    expect(!answer.granted && answer.retryInMs).toBeGreaterThan(15_000);
    expect(waits.length).toBeGreaterThan(0);
  });

  it('refuses bad options, naming them', () => {
    expect(() => createPostgresRateLimitStore({ pool: setup.pool, account: '' })).toThrow(/account/);
    expect(() => createPostgresRateLimitStore({ pool: setup.pool, account: 'a', schema: 'x; drop' })).toThrow(/rateLimit\.schema/);
  });
});
