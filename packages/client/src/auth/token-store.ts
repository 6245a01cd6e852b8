/** An access token as kept in a {@link Pax8TokenStore}. */
export interface Pax8StoredToken {
  /** The bearer token. Treat as a secret. */
  accessToken: string;
  /** When it expires, in epoch ms. */
  expiresAt: number;
}

/**
 * Where tokens are kept so several processes (or restarts) share one token instead of each
 * requesting its own. `get` returning undefined means "none yet". If `get` or `set` rejects, the
 * client logs a warning and goes on with its own token rather than failing the call.
 */
export interface Pax8TokenStore {
  /** Reads the current token, if any. */
  get(): Promise<Pax8StoredToken | undefined>;
  /** Saves a freshly issued token. */
  set(token: Pax8StoredToken): Promise<void>;
}

/** A token store in this process's memory (the default). */
export function createMemoryTokenStore(): Pax8TokenStore {
  let current: Pax8StoredToken | undefined;
  return {
    get: async () => current,
    set: async (token) => {
      current = { ...token };
    },
  };
}
