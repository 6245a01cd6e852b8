/**
 * Seals secrets (client credentials, access tokens) before they reach storage, and opens them again.
 * Implement it over a KMS if you like; `createAesGcmCodec` is the built-in one.
 */
export interface CredentialCodec {
  /** Id of the key new values are sealed with (also written into each sealed value). */
  readonly keyId: string;
  /**
   * Encrypts `plaintext`. `context` (e.g. the connection id) is bound to the value: opening it
   * with another context fails, so a sealed value cannot be moved to another connection.
   */
  seal(plaintext: string, context: string): Promise<string>;
  /** Decrypts a value sealed by this codec with the current or any previous key; throws `Pax8SyncCodecError` otherwise. */
  open(sealed: string, context: string): Promise<string>;
}
