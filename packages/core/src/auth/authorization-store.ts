import { Pax8SyncConfigError } from '../errors/config-error';
import type { AuthorizationStore, StoredAuthorizationCodeAuth } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage, Pax8SyncStores } from '../storage/storage';

/** Whether the adapter declares delegated authorization. @internal */
export function supportsDelegatedAuthorization(storage: Pax8SyncStorage): boolean {
  return storage.capabilities.delegatedAuthorization === true && typeof storage.authorizations === 'object' && storage.authorizations !== null;
}

/** The adapter's authorization store, or a typed error saying the adapter lacks the capability. @internal */
export function authorizationStore(storage: Pax8SyncStorage, stores: Pax8SyncStores = storage): AuthorizationStore {
  if (!supportsDelegatedAuthorization(storage) || !stores.authorizations) {
    throw new Pax8SyncConfigError(
      'storage.capabilities.delegatedAuthorization',
      'is not declared by this storage adapter, so it cannot keep delegated ("Connect to Pax8") authorizations: use @pax8-sync/storage-memory or @pax8-sync/storage-postgres, or implement the authorizations store in your adapter and prove it with the conformance suite (see docs/guides/custom-adapter.md).',
    );
  }
  return stores.authorizations;
}

/** The connection's delegated auth settings, or `undefined` for a client-credentials connection. @internal */
export function delegatedAuth(connection: StoredConnection): StoredAuthorizationCodeAuth | undefined {
  return connection.auth?.kind === 'authorization-code' ? connection.auth : undefined;
}
