import { credentialsCodecContext as credentialsContext, tokenCodecContext as tokenContext } from '../crypto/codec-contexts';
import type { CredentialCodec } from '../crypto/credential-codec';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage } from '../storage/storage';
import type { SyncClientToken } from '../engine/client-port';
import type { ConnectionCredentials } from './connection-settings';


/** Seals client id and secret. @internal */
export function sealCredentials(codec: CredentialCodec, connectionId: string, credentials: ConnectionCredentials): Promise<string> {
  return codec.seal(JSON.stringify(credentials), credentialsContext(connectionId));
}

/** Opens a connection's credentials. @internal */
export async function openCredentials(codec: CredentialCodec, connection: StoredConnection): Promise<ConnectionCredentials> {
  return JSON.parse(await codec.open(connection.sealedCredentials, credentialsContext(connection.id))) as ConnectionCredentials;
}

/**
 * A token store for the Pax8 client, backed by storage; tokens are sealed at rest. With `persist: false`
 * (dry runs) it reads the stored token but keeps a new one in memory only, so nothing is written. @internal
 */
export function storageTokenStore(storage: Pax8SyncStorage, codec: CredentialCodec, connectionId: string, secrets: Set<string>, persist = true) {
  let held: SyncClientToken | undefined;
  return {
    async get(): Promise<SyncClientToken | undefined> {
      if (held) return held;
      const stored = await storage.tokens.get(connectionId);
      if (!stored) return undefined;
      const accessToken = await codec.open(stored.sealedAccessToken, tokenContext(connectionId));
      secrets.add(accessToken);
      return { accessToken, expiresAt: stored.expiresAt };
    },
    async set(token: SyncClientToken): Promise<void> {
      secrets.add(token.accessToken);
      if (!persist) {
        held = token;
        return;
      }
      await storage.tokens.set(connectionId, { sealedAccessToken: await codec.seal(token.accessToken, tokenContext(connectionId)), expiresAt: token.expiresAt });
    },
  };
}
