import { createPax8AuthorizationRequest } from '@pax8-sync/client';
import { loadConnection } from '../connections/connection-functions';
import { openCredentials } from '../connections/credentials';
import { authorizationStateCodecContext } from '../crypto/codec-contexts';
import { systemClock } from '../engine/clock';
import type { EngineDeps } from '../engine/engine-deps';
import { completeLogger } from '../engine/logger';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { StoredAuthorizationCodeAuth } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import { authorizationStore, delegatedAuth } from './authorization-store';
import { stateHash } from './state-hash';

/** Options of {@link beginAuthorization}. */
export interface BeginAuthorizationOptions extends Pick<EngineDeps, 'storage' | 'codec' | 'clock' | 'logger'> {
  /** The `authorization-code` connection to connect (or reconnect). */
  connectionId: string;
  /** Your callback URL, registered with your Pax8 application, e.g. `https://psa.example.com/pax8/callback`. */
  redirectUri: string;
  /** How long the person has to finish at Pax8, ms; default 10 minutes. */
  ttlMs?: number;
}

/** Where to send the person. */
export interface BeginAuthorizationResult {
  /** Pax8's login URL (`response_type=code`, client id, redirect URI, scope, state, audience, PKCE S256). Redirect to it. */
  url: string;
  /** When the state stops being accepted, epoch ms. */
  expiresAt: number;
}

const DEFAULT_TTL_MS = 600_000;
/** Used and expired states are kept a day, so a replayed callback is told apart from a forged one. */
const KEEP_EXPIRED_MS = 86_400_000;

/** The connection's delegated settings, or a typed error for a client-credentials connection. @internal */
export function requireDelegated(connection: StoredConnection, field = 'connectionId'): StoredAuthorizationCodeAuth {
  const auth = delegatedAuth(connection);
  if (!auth) {
    throw new Pax8SyncConfigError(field, `names connection ${connection.id}, a client-credentials connection (the partner's own API credentials): only an "authorization-code" connection is connected through Pax8's login. Create one with settings.auth = { kind: 'authorization-code', clientId, clientSecret }.`);
  }
  return auth;
}

function checkRedirectUri(value: unknown): string {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol) || new URL(value).hash !== '') {
    throw new Pax8SyncConfigError('redirectUri', 'must be the absolute http(s) URL of your callback handler, without a #fragment, exactly as registered with your Pax8 application, e.g. https://psa.example.com/pax8/callback.');
  }
  return value;
}

/**
 * Starts "Connect to Pax8" (or "Re-authenticate") for an `authorization-code` connection: returns
 * Pax8's login URL with a fresh random state and a PKCE S256 challenge. The state is stored only
 * as its hash and the verifier only sealed, both bound to the connection, single-use, and expiring
 * after `ttlMs`. Redirect the person to `url`; `completeAuthorization` takes the callback.
 * @throws `Pax8SyncConfigError` for a client-credentials connection, a bad `redirectUri` or `ttlMs`, or a storage without delegated authorization.
 * @example
 * const { url } = await engine.beginAuthorization({ connectionId, redirectUri: 'https://psa.example.com/pax8/callback' });
 * response.writeHead(302, { location: url }).end();
 */
export async function beginAuthorization(options: BeginAuthorizationOptions): Promise<BeginAuthorizationResult> {
  validateEngineDeps(options);
  const redirectUri = checkRedirectUri(options.redirectUri);
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs < 60_000 || ttlMs > 3_600_000) throw new Pax8SyncConfigError('ttlMs', `must be a whole number of ms from 60000 (1 minute) to 3600000 (1 hour), or left out for 10 minutes (got ${JSON.stringify(options.ttlMs)}).`);
  const store = authorizationStore(options.storage);
  const connection = await loadConnection(options.storage, options.connectionId);
  const auth = requireDelegated(connection);
  const { clientId } = await openCredentials(options.codec, connection);
  const request = await createPax8AuthorizationRequest({ clientId, redirectUri, scopes: auth.scopes, offlineScope: auth.offlineScope, audience: auth.audience, authorizationEndpoint: auth.authorizationEndpoint });
  const now = (options.clock ?? systemClock).now();
  const hash = stateHash(request.state);
  await store.deleteStates({ expiredBefore: now - KEEP_EXPIRED_MS });
  const expiresAt = now + ttlMs;
  const sealedVerifier = await options.codec.seal(request.codeVerifier, authorizationStateCodecContext(connection.id, hash));
  await store.saveState({ stateHash: hash, connectionId: connection.id, sealedVerifier, redirectUri, createdAt: now, expiresAt });
  completeLogger(options.logger).info({ connectionId: connection.id, expiresAt }, 'pax8-sync: authorization started');
  return { url: request.url, expiresAt };
}
