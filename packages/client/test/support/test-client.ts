import { createPax8Client, type Pax8Client, type Pax8ClientOptions, type Pax8RateLimiter } from '@pax8-sync/client';
import { CLIENT_ID, CLIENT_SECRET, collectingLogger } from './audit';
import { createFakeClock, type FakeClock } from './fake-clock';

/** A client wired to the fake clock and a collecting logger. */
export interface TestClient {
  client: Pax8Client;
  clock: FakeClock;
  logs: string[];
}

/** Builds a client for tests: fake clock, no per-attempt timeout unless given, small backoff. */
export function makeClient(overrides: Partial<Pax8ClientOptions> = {}, clock: FakeClock = createFakeClock()): TestClient {
  const logger = collectingLogger();
  const client = createPax8Client({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    now: clock.now,
    sleep: clock.sleep,
    timeoutMs: false,
    logger,
    ...overrides,
  });
  return { client, clock, logs: logger.lines };
}

/** A limiter that never waits: for tests about something else (retry delays, tokens), so its spacing does not move the clock. */
export function unlimited(): Pax8RateLimiter {
  return { specificationVersion: 'v1', limitPerMinute: Number.POSITIVE_INFINITY, run: (task) => task(), hold: async () => {} };
}
