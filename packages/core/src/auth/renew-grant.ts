import { Pax8OAuthError, refreshPax8AccessToken } from '@pax8-sync/client';
import type { LockLease } from '../storage/locks';
import type { StoredAuthorizationGrant } from '../storage/authorizations';
import { authorizationStore } from './authorization-store';
import { type GrantTokenProviderInput, type HeldGrant, isFresh, readGrant, reauthenticateError } from './held-grant';
import { sealGrantTokens } from './grant-tokens';
import { oauthStepOptions } from './oauth-step-options';

/** The lock that keeps one refresh at a time per connection, across processes. */
export const REFRESH_LOCK = 'auth:refresh';
/** Longer than the refresh request's timeout, so a holder's request ends before anyone may take over. */
const LEASE_TTL_MS = 60_000;
const REFRESH_TIMEOUT_MS = 30_000;
const POLL_MS = 250;

/**
 * Renews `stale` under the refresh lease. When another process holds it, the current token is
 * used while it has not expired; otherwise the grant is polled until that process has written the
 * new one (or its lease ran out and this one takes over). @internal
 */
export async function renewGrant(input: GrantTokenProviderInput, stale: HeldGrant, refused: ReadonlySet<string>): Promise<HeldGrant> {
  const { storage, connection, clock } = input;
  for (let polls = 0; ; polls += 1) {
    const now = clock.now();
    const lease = await storage.locks.acquire({ connectionId: connection.id, name: REFRESH_LOCK, holder: input.ids(), ttlMs: LEASE_TTL_MS, now });
    if (lease) {
      try {
        return await refreshUnderLease(input, stale, refused, lease);
      } finally {
        await storage.locks.release({ connectionId: connection.id, name: REFRESH_LOCK, token: lease.token }).catch(() => false);
      }
    }
    const expiresAt = stale.grant.accessTokenExpiresAt;
    if ((expiresAt === null || now < expiresAt) && !refused.has(stale.accessToken)) return stale;
    if (polls === 0) input.log.debug({ connectionId: connection.id }, 'pax8-sync: another process is renewing the access token; waiting for it');
    await input.sleep(POLL_MS);
    const current = await readGrant(input);
    if (current.grant.version !== stale.grant.version && isFresh(current, clock.now()) && !refused.has(current.accessToken)) return current;
  }
}

async function refreshUnderLease(input: GrantTokenProviderInput, stale: HeldGrant, refused: ReadonlySet<string>, lease: LockLease): Promise<HeldGrant> {
  const { connection, clock } = input;
  // Someone may have renewed between our read and the lease.
  const current = await readGrant(input);
  if (current.grant.version !== stale.grant.version && isFresh(current, clock.now()) && !refused.has(current.accessToken)) return current;
  if (current.refreshToken === undefined) {
    const reason = 'the access token expired and Pax8 issued no refresh token (the offline scope was not granted)';
    await markReauthorizationRequired(input, current.grant, lease, reason);
    throw reauthenticateError(input, reason);
  }
  const tokens = await refreshPax8AccessToken({
    ...oauthStepOptions(connection.auth, input.credentials),
    refreshToken: current.refreshToken,
    fetch: input.fetch,
    now: () => clock.now(),
    timeoutMs: REFRESH_TIMEOUT_MS,
    logger: input.log,
  }).catch(async (error: unknown) => {
    if (!Pax8OAuthError.isInstance(error) || !error.reauthenticate) throw error;
    const reason = `Pax8 refused the stored refresh token${error.description ? ` ("${error.description}")` : ''}: the partner withdrew consent, or it expired or was revoked`;
    await markReauthorizationRequired(input, current.grant, lease, reason);
    throw reauthenticateError(input, reason);
  });
  input.secrets.add(tokens.accessToken);
  if (tokens.refreshToken !== undefined) input.secrets.add(tokens.refreshToken);
  const now = clock.now();
  const refreshToken = tokens.refreshToken ?? current.refreshToken;
  const grant: StoredAuthorizationGrant = {
    ...current.grant,
    status: 'connected',
    sealedTokens: await sealGrantTokens(input.codec, connection.id, { accessToken: tokens.accessToken, refreshToken }),
    accessTokenExpiresAt: tokens.expiresAt ?? null,
    reason: null,
    updatedAt: now,
    version: current.grant.version + 1,
  };
  if (!(await putFenced(input, grant, current.grant.version, lease))) {
    input.log.warn({ connectionId: connection.id, version: current.grant.version }, 'pax8-sync: the grant changed while it was renewed (a new authorization?); using the stored one');
    return readGrant(input);
  }
  input.log.info({ connectionId: connection.id, version: grant.version, rotated: tokens.refreshTokenRotated, expiresAt: grant.accessTokenExpiresAt }, 'pax8-sync: access token renewed');
  return { grant, accessToken: tokens.accessToken, refreshToken };
}

/** Writes the grant by compare-and-swap, in a transaction fenced by the refresh lease. */
function putFenced(input: GrantTokenProviderInput, grant: StoredAuthorizationGrant, expectedVersion: number, lease: LockLease): Promise<boolean> {
  const { storage, connection } = input;
  return storage.transaction((tx) => authorizationStore(storage, tx).putGrant(grant, expectedVersion), {
    fence: { connectionId: connection.id, name: REFRESH_LOCK, token: lease.token },
  });
}

/** Marks the connection `reauthorization-required` with the reason; the refused tokens are dropped. */
async function markReauthorizationRequired(input: GrantTokenProviderInput, current: StoredAuthorizationGrant, lease: LockLease, reason: string): Promise<void> {
  const marked: StoredAuthorizationGrant = { ...current, status: 'reauthorization-required', sealedTokens: null, accessTokenExpiresAt: null, reason, updatedAt: input.clock.now(), version: current.version + 1 };
  const wrote = await putFenced(input, marked, current.version, lease);
  input.log.warn({ connectionId: input.connection.id, reason, marked: wrote }, 'pax8-sync: the partner must re-authenticate');
}
