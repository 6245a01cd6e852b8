import { createPax8RateLimiter, type Pax8RateLimiter, type Pax8RateLimiterOptions, type Pax8RateLimitStore } from '@pax8-sync/client';
import { type ClientFactory, type EngineClientOptions, pax8ClientFactory } from '@pax8-sync/core';
import type { AccountKey } from './account-key';
import { rateLimitedFetch } from './rate-limited-fetch';

/** Options of {@link rateLimitedClientFactory}. */
export interface RateLimitedClientFactoryOptions {
  /** Options of core's default client (ignored with `createClient`). */
  clientOptions?: EngineClientOptions;
  /** A client factory of your own; its clients' `fetch` is then rate limited instead. */
  createClient?: ClientFactory;
  /** Which partner account a connection's requests count against. */
  accountKey: AccountKey;
  /** The shared start slots of one account (e.g. `(account) => createPostgresRateLimitStore({ pool, account })`). */
  store: (account: string) => Pax8RateLimitStore;
  /** Pacing of each client's limiter: `requestsPerMinute` (1000), `safetyMargin` (0.9), `concurrency` (10), `sleep`. */
  limiter?: Omit<Pax8RateLimiterOptions, 'store'>;
}

/**
 * An engine `createClient` whose clients share their partner account's limit with every process:
 * core's default client gets a `rateLimiter` on the account's store; a factory of your own gets
 * its `fetch` sent through one.
 * @example
 * const engine = createSyncEngine({ storage, codec, createClient: rateLimitedClientFactory({ accountKey: clientIdAccountKey, store: (account) => createPostgresRateLimitStore({ pool, account }) }) });
 */
export function rateLimitedClientFactory(options: RateLimitedClientFactoryOptions): ClientFactory {
  const limiterFor = (account: string): Pax8RateLimiter => createPax8RateLimiter({ ...options.limiter, store: options.store(account) });
  return (input) => {
    const limiter = limiterFor(options.accountKey({ connection: input.connection, clientId: input.clientId }));
    if (options.createClient) return options.createClient({ ...input, fetch: rateLimitedFetch(input.fetch, limiter) });
    // The client's own limiter pacing is replaced, not doubled: `rateLimit` and `rateLimiter` are exclusive.
    const { rateLimit: _own, ...clientOptions } = options.clientOptions ?? {};
    return pax8ClientFactory({ ...clientOptions, rateLimiter: limiter })(input);
  };
}
