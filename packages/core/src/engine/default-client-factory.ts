import { createPax8Client, type Pax8ClientOptions } from '@pax8-sync/client';
import type { ClientFactory } from './client-port';

/** Client options the engine lets you tune (everything but credentials, endpoint, token store, fetch and clock). */
export type EngineClientOptions = Omit<Pax8ClientOptions, 'clientId' | 'clientSecret' | 'baseUrl' | 'tokenUrl' | 'tokenStore' | 'fetch' | 'now'>;

/** The default factory: `createPax8Client` with the connection's credentials, storage token store and guarded fetch. */
export function pax8ClientFactory(clientOptions: EngineClientOptions = {}): ClientFactory {
  return (input) =>
    createPax8Client({
      logger: input.logger,
      ...clientOptions,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
      baseUrl: input.connection.baseUrl,
      tokenStore: input.tokenStore,
      fetch: input.fetch,
      now: input.now,
    });
}
