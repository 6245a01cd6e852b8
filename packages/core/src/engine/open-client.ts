import { openCredentials, storageTokenStore } from '../connections/credentials';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncClient } from './client-port';
import { systemClock } from './clock';
import { pax8ClientFactory } from './default-client-factory';
import type { EngineDeps } from './engine-deps';
import { readOnlyFetch } from './read-only-fetch';

/**
 * Builds the Pax8 client of a stored connection: opened credentials, storage token store, Sandbox guard.
 * `persistTokens: false` (dry runs) keeps a newly fetched token in memory only.
 * Every secret it handles (client secret, tokens) is added to `secrets`, so error texts can be scrubbed.
 * @internal
 */
export async function openClient(deps: EngineDeps, connection: StoredConnection, secrets: Set<string> = new Set(), persistTokens = true): Promise<Pax8SyncClient> {
  const factory = deps.createClient ?? pax8ClientFactory(deps.clientOptions);
  const credentials = await openCredentials(deps.codec, connection);
  secrets.add(credentials.clientSecret);
  const clock = deps.clock ?? systemClock;
  const baseFetch = deps.fetch ?? globalThis.fetch;
  const fetch = connection.environment === 'Sandbox' ? readOnlyFetch(baseFetch, `${connection.baseUrl}/v1/token`, `${connection.baseUrl}/v1/orders`) : baseFetch;
  return factory({
    connection,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    tokenStore: storageTokenStore(deps.storage, deps.codec, connection.id, secrets, persistTokens),
    now: () => clock.now(),
    logger: deps.logger ?? {},
    fetch,
  });
}
