/** A Pax8 access token as storage holds it: sealed, with its expiry in clear so it can be checked cheaply. */
export interface StoredToken {
  /** The access token, sealed by the engine's codec. Opaque to storage. */
  sealedAccessToken: string;
  /** When the token expires, epoch ms. */
  expiresAt: number;
}

/** Tokens: one current token per connection, so a restarted worker does not fetch a new one. */
export interface TokenStore {
  /** Returns the last token `set` for the connection, or `undefined`. */
  get(connectionId: string): Promise<StoredToken | undefined>;
  /** Replaces the connection's token. */
  set(connectionId: string, token: StoredToken): Promise<void>;
  /** Deletes the connection's token; a no-op if there is none. */
  delete(connectionId: string): Promise<void>;
}
