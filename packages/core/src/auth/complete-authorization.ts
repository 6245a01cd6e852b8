import { exchangePax8AuthorizationCode, type Pax8OAuthTokens } from '@pax8-sync/client';
import { loadConnection, viewOf } from '../connections/connection-functions';
import type { ConnectionView } from '../connections/connection-settings';
import { openCredentials } from '../connections/credentials';
import { authorizationStateCodecContext } from '../crypto/codec-contexts';
import { systemClock } from '../engine/clock';
import { connectionFetch } from '../engine/open-client';
import type { EngineDeps } from '../engine/engine-deps';
import { completeLogger } from '../engine/logger';
import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncAuthorizationError } from '../errors/authorization-error';
import type { StoredAuthorizationState } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';
import { authorizationStore, delegatedAuth } from './authorization-store';
import { exchangeFailure } from './exchange-failure';
import { oauthStepOptions } from './oauth-step-options';
import { saveConnectedGrant } from './save-connected-grant';
import { stateHash } from './state-hash';

/** The callback's parameters: `{ state, code }` when the partner approved, `{ state, error }` when not. */
export type AuthorizationCallback =
  | {
      /** The `state` query parameter. */
      state: string;
      /** The `code` query parameter. */
      code: string;
      /** The `iss` query parameter, when Pax8 sends one. */
      iss?: string;
    }
  | {
      /** The `state` query parameter. */
      state: string;
      /** The `error` query parameter, e.g. `access_denied`. */
      error: string;
      /** The `error_description` query parameter, when sent. */
      errorDescription?: string;
    };

/** Options of {@link completeAuthorization}. */
export interface CompleteAuthorizationOptions extends EngineDeps {
  /** What Pax8 sent back to the redirect URI. */
  callback: AuthorizationCallback;
}

/** A completed authorization. */
export interface CompleteAuthorizationResult {
  /** The connection the state was started for. */
  connectionId: string;
  /** The connection, now `connected`. */
  connection: ConnectionView;
}

const fail = (reason: ConstructorParameters<typeof Pax8SyncAuthorizationError>[0], message: string, connectionId?: string): never => {
  throw new Pax8SyncAuthorizationError(reason, message, connectionId);
};

/** Uses the state up (single-use) and checks it: known, first use, not expired. */
async function consume(options: CompleteAuthorizationOptions, now: number): Promise<StoredAuthorizationState> {
  const state = options.callback?.state;
  if (typeof state !== 'string' || state === '') return fail('state-unknown', 'The callback carries no state, so it cannot be matched to a "Connect to Pax8" started here: nothing was connected. Start again.');
  const found = await authorizationStore(options.storage).consumeState(stateHash(state), now);
  if (found.outcome === 'unknown') return fail('state-unknown', 'This callback does not belong to a "Connect to Pax8" started here (unknown or forged state): nothing was connected. Start again from the PSA.');
  if (found.outcome === 'already-consumed') return fail('state-replayed', 'This callback was already used (a reload or the back button): it works only once. If the connection does not show as connected, start "Connect to Pax8" again.', found.connectionId);
  if (now >= found.state.expiresAt) return fail('state-expired', 'The sign-in at Pax8 took too long and this callback expired: nothing was connected. Start "Connect to Pax8" again.', found.state.connectionId);
  return found.state;
}

/** The connection the state names, which must still be a delegated connection. */
async function connectionOf(options: CompleteAuthorizationOptions, state: StoredAuthorizationState): Promise<StoredConnection> {
  const connection = await options.storage.connections.get(state.connectionId);
  if (!connection || !delegatedAuth(connection)) return fail('state-unknown', 'The connection this sign-in was started for no longer exists (or is no longer delegated): nothing was connected.', state.connectionId);
  return connection;
}

/**
 * Completes "Connect to Pax8" from the callback: uses up the state (single-use; unknown, replayed
 * or expired states are refused before anything else), then exchanges the code with the PKCE
 * verifier and stores the access and refresh tokens sealed, in one row. This also clears
 * `reauthorization-required`: the next sync resumes where the connection stood.
 * @throws `Pax8SyncAuthorizationError` with a plain `reason` (`state-unknown`, `state-replayed`,
 * `state-expired`, `consent-denied`, `code-refused`, …); the connection's stored grant is unchanged.
 * @example
 * const query = new URL(request.url, publicUrl).searchParams;
 * const error = query.get('error');
 * await engine.completeAuthorization(error ? { state: query.get('state') ?? '', error } : { state: query.get('state') ?? '', code: query.get('code') ?? '' });
 */
export async function completeAuthorization(options: CompleteAuthorizationOptions): Promise<CompleteAuthorizationResult> {
  validateEngineDeps(options);
  authorizationStore(options.storage);
  const clock = options.clock ?? systemClock;
  const log = completeLogger(options.logger);
  const state = await consume(options, clock.now());
  const connection = await connectionOf(options, state);
  const callback = options.callback;
  if ('error' in callback) {
    log.info({ connectionId: connection.id, error: callback.error }, 'pax8-sync: authorization not given');
    if (callback.error === 'access_denied') return fail('consent-denied', 'The partner declined at the Pax8 login page (access denied): nothing was connected. They can choose "Connect to Pax8" again.', connection.id);
    return fail('authorization-error', `Pax8 sent an error back instead of a code (${String(callback.error).slice(0, 64)}): nothing was connected. Start "Connect to Pax8" again.`, connection.id);
  }
  const tokens = await exchange(options, connection, state);
  await saveConnectedGrant(options, connection.id, tokens);
  log.info({ connectionId: connection.id, refreshToken: tokens.refreshToken !== undefined, expiresAt: tokens.expiresAt ?? null }, 'pax8-sync: partner connected');
  return { connectionId: connection.id, connection: await viewOf(options.storage, await loadConnection(options.storage, connection.id)) };
}

/** The code exchange at Pax8's token endpoint, with the stored verifier and redirect URI. */
async function exchange(options: CompleteAuthorizationOptions, connection: StoredConnection, state: StoredAuthorizationState): Promise<Pax8OAuthTokens> {
  const callback = options.callback as Extract<AuthorizationCallback, { code: string }>;
  const auth = delegatedAuth(connection);
  if (!auth) return fail('state-unknown', 'The connection is no longer delegated: nothing was connected.', connection.id);
  const credentials = await openCredentials(options.codec, connection);
  const codeVerifier = await options.codec.open(state.sealedVerifier, authorizationStateCodecContext(connection.id, state.stateHash));
  const clock = options.clock ?? systemClock;
  try {
    return await exchangePax8AuthorizationCode({
      ...oauthStepOptions(auth, credentials),
      callback: { state: callback.state, code: typeof callback.code === 'string' ? callback.code : '', ...(callback.iss === undefined ? {} : { iss: callback.iss }) },
      expectedState: callback.state,
      codeVerifier,
      redirectUri: state.redirectUri,
      fetch: connectionFetch(options, connection),
      now: () => clock.now(),
      logger: options.logger ?? {},
    });
  } catch (error) {
    throw exchangeFailure(error, connection.id);
  }
}
