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
