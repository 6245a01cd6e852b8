/** OAuth client authentication of an application at the token endpoint. */
export type ClientAuthenticationMethod = 'client_secret_post' | 'client_secret_basic' | 'none';

/** Where and how an `authorization-code` connection authorizes (no secret in it). */
export interface StoredAuthorizationCodeAuth {
  /** Delegated authorization: the partner consents at Pax8's login. */
  kind: 'authorization-code';
  /** The login page, e.g. `https://login.pax8.com/authorize`. */
  authorizationEndpoint: string;
  /** The code exchange and refresh endpoint. */
  tokenEndpoint: string;
  /** The mandatory `audience` parameter, e.g. `https://api.pax8.com`. */
  audience: string;
  /** Scopes asked for, e.g. `['Manage:Pax8Data']`. */
  scopes: string[];
  /** The scope that asks for a refresh token, or `false` for none. */
  offlineScope: string | false;
  /** The issuer checked against a callback's `iss`, when set. */
  issuer?: string;
  /** How the application authenticates at the token endpoint. */
  clientAuthentication: ClientAuthenticationMethod;
}

/**
 * How a connection authenticates, as storage holds it. Absent on a stored connection means
 * `client-credentials` (every connection stored before delegated authorization existed).
 */
export type StoredConnectionAuth = { kind: 'client-credentials' } | StoredAuthorizationCodeAuth;

/**
 * A started authorization ("Connect to Pax8"), waiting for its callback. The state itself is never
 * stored: only its SHA-256, so a dump of storage cannot complete anyone's authorization.
 */
export interface StoredAuthorizationState {
  /** base64url SHA-256 of the state sent to Pax8 (the lookup key). */
  stateHash: string;
  /** The connection it authorizes: a state completes only this connection. */
  connectionId: string;
  /** The PKCE code verifier, sealed by the engine's codec (`authorizationStateCodecContext`). Opaque to storage. */
  sealedVerifier: string;
  /** The redirect URI sent (the code exchange must send the same). */
  redirectUri: string;
  /** When it was started, epoch ms. */
  createdAt: number;
  /** When it stops being usable, epoch ms. */
  expiresAt: number;
}

/** What {@link AuthorizationStore.consumeState} found. */
export type ConsumeAuthorizationStateResult =
  /** First use: the state is now marked used (also when it has expired: the engine checks `expiresAt`). */
  | { outcome: 'consumed'; state: StoredAuthorizationState }
  /** The state was used before (a replayed callback). */
  | { outcome: 'already-consumed'; connectionId: string; consumedAt: number }
  /** No such state (never started here, or deleted). */
  | { outcome: 'unknown' };

/** Whether a delegated connection's grant can be used. */
export type AuthorizationGrantStatus = 'connected' | 'reauthorization-required';

/**
 * A partner's grant to one connection: the sealed token pair and the connection's authorization
 * status, in one row, so the access token and a rotated refresh token are replaced together.
 */
export interface StoredAuthorizationGrant {
  /** The connection. */
  connectionId: string;
  /** `connected`, or `reauthorization-required` after a refused refresh. */
  status: AuthorizationGrantStatus;
  /**
   * `{ accessToken, refreshToken? }` as one value sealed by the engine's codec (`grantCodecContext`);
   * `null` once reauthorization is required. Opaque to storage.
   */
  sealedTokens: string | null;
  /** When the access token expires, epoch ms; `null` when Pax8 did not say, or without tokens. */
  accessTokenExpiresAt: number | null;
  /** Why reauthorization is required, in plain words (never a secret); `null` when connected. */
  reason: string | null;
  /** When the partner completed the authorization, epoch ms. */
  authorizedAt: number;
  /** When this row was written (tokens obtained or status changed), epoch ms. */
  updatedAt: number;
  /** Write counter: 1 for the first write, then one more per write (see {@link AuthorizationStore.putGrant}). */
  version: number;
}

/**
 * Delegated authorization: started authorizations and partner grants. Present when the adapter
 * declares `capabilities.delegatedAuthorization`.
 */
export interface AuthorizationStore {
  /** Stores a started authorization (its `stateHash` is new: states are 256-bit random). */
  saveState(state: StoredAuthorizationState): Promise<void>;
  /**
   * Marks the state used and returns it, atomically: of concurrent callers with one state exactly
   * one gets `consumed`; every later call gets `already-consumed` until the state is deleted.
   */
  consumeState(stateHash: string, now: number): Promise<ConsumeAuthorizationStateResult>;
  /** Deletes every state (used or not) whose `expiresAt` is before `expiredBefore`; returns how many. */
  deleteStates(input: { expiredBefore: number }): Promise<number>;
  /** The connection's grant, or `undefined`. */
  getGrant(connectionId: string): Promise<StoredAuthorizationGrant | undefined>;
  /**
   * Compare-and-swap: stores `grant` only if the stored grant's version is `expectedVersion`
   * (`null`: no grant is stored) and `grant.version` is `(expectedVersion ?? 0) + 1`; returns whether
   * it wrote. Atomic: of concurrent writers with the same `expectedVersion` at most one writes, so a
   * newer refresh token is never replaced by an older one.
   */
  putGrant(grant: StoredAuthorizationGrant, expectedVersion: number | null): Promise<boolean>;
  /** Deletes the connection's grant; a no-op if there is none. */
  deleteGrant(connectionId: string): Promise<void>;
}
