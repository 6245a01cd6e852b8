import { Pax8SyncReauthorizationRequiredError } from '../errors/reauthorization-required-error';
import type { StoredAuthorizationGrant } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage } from '../storage/storage';
import { authorizationStore } from './authorization-store';

/** Reason given while a delegated connection was never connected. @internal */
export const NOT_CONNECTED_REASON = 'the partner has not completed "Connect to Pax8" for this connection yet';

/**
 * The grant of a delegated connection, if it can be used; otherwise the typed error that says to
 * reconnect (never connected, or marked `reauthorization-required`). Reads storage only. @internal
 */
export async function usableGrant(storage: Pax8SyncStorage, connection: StoredConnection): Promise<StoredAuthorizationGrant> {
  const grant = await authorizationStore(storage).getGrant(connection.id);
  if (!grant) throw new Pax8SyncReauthorizationRequiredError(connection.id, NOT_CONNECTED_REASON);
  if (grant.status !== 'connected' || grant.sealedTokens === null) {
    throw new Pax8SyncReauthorizationRequiredError(connection.id, grant.reason ?? 'Pax8 refused the stored authorization');
  }
  return grant;
}
