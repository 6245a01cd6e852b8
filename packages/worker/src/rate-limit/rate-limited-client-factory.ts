import type { ClientFactory } from '@pax8-sync/core';
import type { AccountKey } from './account-key';
import { rateLimitedFetch } from './rate-limited-fetch';
import type { SharedRateLimiter } from './shared-rate-limiter';

/** Options of {@link rateLimitedClientFactory}. */
export interface RateLimitedClientFactoryOptions {
  /** The factory to wrap, e.g. core's `pax8ClientFactory(clientOptions)`. */
  base: ClientFactory;
  /** The shared limiter. */
  limiter: SharedRateLimiter;
  /** Which account a connection's requests count against. */
  accountKey: AccountKey;
  /** Aborts the client's requests (shutdown). */
  signal?: AbortSignal;
  /** Told how long each request waited, with the account. */
  onWait?: (ms: number, account: string) => void;
}

/**
 * An engine `createClient` whose clients send every request through the shared limit of their
 * partner account (the engine's Sandbox guard stays inside it).
 * @example
 * const engine = createSyncEngine({ storage, codec, createClient: rateLimitedClientFactory({ base: pax8ClientFactory(), limiter, accountKey: clientIdAccountKey }) });
 */
export function rateLimitedClientFactory(options: RateLimitedClientFactoryOptions): ClientFactory {
  return (input) => {
    const account = options.accountKey({ connection: input.connection, clientId: input.clientId });
    const fetch = rateLimitedFetch(input.fetch, {
      limiter: options.limiter,
      account,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onWait ? { onWait: (ms: number) => options.onWait?.(ms, account) } : {}),
    });
    return options.base({ ...input, fetch });
  };
}
