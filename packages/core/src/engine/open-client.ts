import { delegatedAuth } from '../auth/authorization-store';
import { grantTokenProvider } from '../auth/grant-token-provider';
import { openCredentials, storageTokenStore } from '../connections/credentials';
import type { StoredAuthorizationCodeAuth } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncClient } from './client-port';
import { randomIds, systemClock } from './clock';
import { pax8ClientFactory } from './default-client-factory';
import type { EngineDeps } from './engine-deps';
import { completeLogger } from './logger';
import { readOnlyFetch } from './read-only-fetch';

/** A timer: the default `sleep`. @internal */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The `fetch` of a connection: for Sandbox, reads only (plus the token request and validation-only orders). @internal */
export function connectionFetch(deps: EngineDeps, connection: StoredConnection): typeof fetch {
  const base = deps.fetch ?? globalThis.fetch;
  if (connection.environment !== 'Sandbox') return base;
  const tokenUrl = delegatedAuth(connection)?.tokenEndpoint ?? `${connection.baseUrl}/v1/token`;
  return readOnlyFetch(base, tokenUrl, `${connection.baseUrl}/v1/orders`);
}

/**
 * Builds the Pax8 client of a stored connection: opened credentials, storage token store (or the
 * delegated token provider), Sandbox guard. `persistTokens: false` (dry runs) keeps a newly fetched
 * client-credentials token in memory only. Every secret it handles (client secret, tokens) is added
 * to `secrets`, so error texts can be scrubbed.
 * @internal
 */
export async function openClient(deps: EngineDeps, connection: StoredConnection, secrets: Set<string> = new Set(), persistTokens = true): Promise<Pax8SyncClient> {
  const factory = deps.createClient ?? pax8ClientFactory(deps.clientOptions);
  const credentials = await openCredentials(deps.codec, connection);
  if (credentials.clientSecret !== undefined) secrets.add(credentials.clientSecret);
  const clock = deps.clock ?? systemClock;
  const fetch = connectionFetch(deps, connection);
  const common = {
    connection,
    clientId: credentials.clientId,
    tokenStore: storageTokenStore(deps.storage, deps.codec, connection.id, secrets, persistTokens),
    now: () => clock.now(),
    logger: deps.logger ?? {},
    fetch,
  };
  const delegated = delegatedAuth(connection);
  if (!delegated) return factory({ ...common, authKind: 'client-credentials', clientSecret: credentials.clientSecret ?? '' });
  const tokenProvider = grantTokenProvider({
    storage: deps.storage,
    codec: deps.codec,
    connection: connection as StoredConnection & { auth: StoredAuthorizationCodeAuth },
    credentials,
    clock,
    ids: deps.ids ?? randomIds,
    sleep: deps.sleep ?? realSleep,
    log: completeLogger(deps.logger),
    fetch,
    secrets,
  });
  return factory({ ...common, authKind: 'authorization-code', clientSecret: '', tokenProvider });
}
