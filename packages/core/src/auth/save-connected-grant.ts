import type { Pax8OAuthTokens } from '@pax8-sync/client';
import type { CredentialCodec } from '../crypto/credential-codec';
import { systemClock, type SyncClock } from '../engine/clock';
import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { StoredAuthorizationGrant } from '../storage/authorizations';
import type { Pax8SyncStorage } from '../storage/storage';
import { authorizationStore } from './authorization-store';
import { sealGrantTokens } from './grant-tokens';

/**
 * Stores a fresh grant (status `connected`) over whatever the connection had, by compare-and-swap
 * so a renewal racing with it cannot overwrite the new consent with the old one. @internal
 */
export async function saveConnectedGrant(deps: { storage: Pax8SyncStorage; codec: CredentialCodec; clock?: SyncClock }, connectionId: string, tokens: Pax8OAuthTokens): Promise<StoredAuthorizationGrant> {
  const store = authorizationStore(deps.storage);
  const now = (deps.clock ?? systemClock).now();
  const sealedTokens = await sealGrantTokens(deps.codec, connectionId, { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const current = await store.getGrant(connectionId);
    const expected = current?.version ?? null;
    const grant: StoredAuthorizationGrant = {
      connectionId,
      status: 'connected',
      sealedTokens,
      accessTokenExpiresAt: tokens.expiresAt ?? null,
      reason: null,
      authorizedAt: now,
      updatedAt: now,
      version: (expected ?? 0) + 1,
    };
    if (await store.putGrant(grant, expected)) return grant;
  }
  throw new Pax8SyncError('grant-conflict', `The grant of connection ${connectionId} kept changing while the new authorization was saved (5 attempts): check that the storage adapter's putGrant compares versions as the contract says.`);
}
