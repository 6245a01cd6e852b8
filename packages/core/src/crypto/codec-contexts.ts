/**
 * The codec context a connection's client credentials are sealed under
 * (`pax8-sync:credentials:<connectionId>`). A sealed value opens only under the context it was
 * sealed for; a storage adapter that re-seals credentials (key rotation) must use this.
 * @example
 * const plain = await codec.open(row.sealedCredentials, credentialsCodecContext(row.id));
 */
export function credentialsCodecContext(connectionId: string): string {
  return `pax8-sync:credentials:${connectionId}`;
}

/**
 * The codec context a connection's Pax8 access token is sealed under
 * (`pax8-sync:token:<connectionId>`); see {@link credentialsCodecContext}.
 * @example
 * const sealed = await codec.seal(accessToken, tokenCodecContext(connectionId));
 */
export function tokenCodecContext(connectionId: string): string {
  return `pax8-sync:token:${connectionId}`;
}

/**
 * The codec context a delegated connection's token pair (access and refresh token, one sealed
 * value) is sealed under (`pax8-sync:grant:<connectionId>`); see {@link credentialsCodecContext}.
 * @example
 * const tokens = JSON.parse(await codec.open(grant.sealedTokens, grantCodecContext(grant.connectionId)));
 */
export function grantCodecContext(connectionId: string): string {
  return `pax8-sync:grant:${connectionId}`;
}

/**
 * The codec context the PKCE verifier of a started authorization is sealed under
 * (`pax8-sync:authorization-state:<connectionId>:<stateHash>`): it opens only for that connection
 * and that state. See {@link credentialsCodecContext}.
 * @example
 * const verifier = await codec.open(state.sealedVerifier, authorizationStateCodecContext(state.connectionId, state.stateHash));
 */
export function authorizationStateCodecContext(connectionId: string, stateHash: string): string {
  return `pax8-sync:authorization-state:${connectionId}:${stateHash}`;
}

/**
 * The codec context a connection's webhook secrets are sealed under
 * (`pax8-sync:webhook-secret:<connectionId>`); see {@link credentialsCodecContext}.
 * @example
 * const secret = await codec.open(webhook.secrets[0].sealedSecret, webhookSecretCodecContext(webhook.connectionId));
 */
export function webhookSecretCodecContext(connectionId: string): string {
  return `pax8-sync:webhook-secret:${connectionId}`;
}
