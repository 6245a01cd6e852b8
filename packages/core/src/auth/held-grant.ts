import { PAX8_REAUTHORIZATION_REQUIRED, Pax8AuthError } from '@pax8-sync/client';
import type { ConnectionCredentials } from '../connections/connection-settings';
import type { CredentialCodec } from '../crypto/credential-codec';
import type { IdGenerator, SyncClock } from '../engine/clock';
import type { CompleteSyncLogger } from '../engine/logger';
import { Pax8SyncReauthorizationRequiredError } from '../errors/reauthorization-required-error';
import type { StoredAuthorizationCodeAuth, StoredAuthorizationGrant } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import type { Pax8SyncStorage } from '../storage/storage';
import { openGrantTokens } from './grant-tokens';
import { usableGrant } from './usable-grant';

/** What a delegated connection's token provider works with. @internal */
export interface GrantTokenProviderInput {
  storage: Pax8SyncStorage;
  codec: CredentialCodec;
  connection: StoredConnection & { auth: StoredAuthorizationCodeAuth };
  credentials: ConnectionCredentials;
  clock: SyncClock;
  ids: IdGenerator;
  sleep: (ms: number) => Promise<void>;
  log: CompleteSyncLogger;
  fetch: typeof fetch;
  /** Every token seen is added, so error texts can be scrubbed. */
  secrets: Set<string>;
}

/** A grant as the provider holds it: the stored row and its opened tokens. @internal */
export interface HeldGrant {
  grant: StoredAuthorizationGrant;
  accessToken: string;
  refreshToken: string | undefined;
}

const MAX_MARGIN_MS = 300_000;

/** The token is good for a while yet: refresh 5 minutes early, or at half its life when it is short. @internal */
export function isFresh(held: HeldGrant, now: number): boolean {
  const expiresAt = held.grant.accessTokenExpiresAt;
  if (expiresAt === null) return true;
  const margin = Math.min(MAX_MARGIN_MS, Math.max(0, (expiresAt - held.grant.updatedAt) / 2));
  return now < expiresAt - margin;
}

/** The client error a token provider throws when only a new consent helps (the client reports it as "re-authenticate"). @internal */
export function reauthenticateError(input: Pick<GrantTokenProviderInput, 'connection'>, reason: string): Pax8AuthError {
  const { message } = new Pax8SyncReauthorizationRequiredError(input.connection.id, reason);
  return new Pax8AuthError(message, { code: PAX8_REAUTHORIZATION_REQUIRED, url: input.connection.auth.tokenEndpoint, reauthenticate: true });
}

/** Reads the stored grant; a grant that cannot be used is a "re-authenticate" error. @internal */
export async function readGrant(input: GrantTokenProviderInput): Promise<HeldGrant> {
  let grant: StoredAuthorizationGrant;
  try {
    grant = await usableGrant(input.storage, input.connection);
  } catch (error) {
    if (Pax8SyncReauthorizationRequiredError.isInstance(error)) throw reauthenticateError(input, error.reason);
    throw error;
  }
  const tokens = await openGrantTokens(input.codec, grant as StoredAuthorizationGrant & { sealedTokens: string });
  input.secrets.add(tokens.accessToken);
  if (tokens.refreshToken !== undefined) input.secrets.add(tokens.refreshToken);
  return { grant, ...tokens };
}
