import { createPax8Client, createPax8RateLimiter, type Pax8ClientOptions, type Pax8RateLimiter } from '@pax8-sync/client';
import type { ClientFactory, ClientFactoryInput } from './client-port';

/** Client options the engine lets you tune (everything but credentials, endpoint, token store or provider, fetch and clock). */
export type EngineClientOptions = Omit<Pax8ClientOptions, 'clientId' | 'clientSecret' | 'baseUrl' | 'tokenUrl' | 'tokenStore' | 'tokenProvider' | 'fetch' | 'now'>;

/**
/**
 * The default factory: `createPax8Client` with the connection's credentials and storage token store
 * (client-credentials) or its delegated `tokenProvider` (authorization-code), and the guarded fetch.
 * Pax8's limit is per partner account, so every client this factory makes for one connection shares
 * one rate limiter (built from `clientOptions.rateLimit` on the first client of that connection): two
 * syncs of one connection, at once or back to back, never exceed the limit together. A
 * `clientOptions.rateLimiter` you give is shared by every connection instead. `createSyncEngine`
 * makes one factory for the engine's lifetime; keep one yourself when you call the sync functions
 * without an engine.
 */
export function pax8ClientFactory(clientOptions: EngineClientOptions = {}): ClientFactory {
  const { rateLimit, rateLimiter, ...rest } = clientOptions;
  const limiters = new Map<string, Pax8RateLimiter>();
  const limiterOf = (input: ClientFactoryInput): Pax8RateLimiter => {
    if (rateLimiter) return rateLimiter;
    let limiter = limiters.get(input.connection.id);
    if (!limiter) {
      limiter = createPax8RateLimiter({ ...rateLimit, now: input.now, ...(rest.sleep ? { sleep: rest.sleep } : {}) });
      limiters.set(input.connection.id, limiter);
    }
    return limiter;
  };
  return (input) => {
    const common = { baseUrl: input.connection.baseUrl, fetch: input.fetch, now: input.now, rateLimiter: limiterOf(input) };
    if (input.tokenProvider) {
      // Options of the built-in client-credentials tokens do not apply to a token provider.
      const { audience: _audience, tokenRefreshMarginMs: _margin, ...delegated } = rest;
      return createPax8Client({ logger: input.logger, ...delegated, ...common, tokenProvider: input.tokenProvider });
    }
    return createPax8Client({ logger: input.logger, ...rest, ...common, clientId: input.clientId, clientSecret: input.clientSecret, tokenStore: input.tokenStore });
  };
}
