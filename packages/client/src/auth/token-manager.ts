import type { Pax8Now } from '../http/clock';
import type { CompleteLogger } from '../http/logger';
import type { Pax8StoredToken, Pax8TokenStore } from './token-store';

/** What {@link createTokenManager} needs. @internal */
export interface TokenManagerOptions {
  /** Requests a new token from Pax8. */
  requestToken: () => Promise<Pax8StoredToken>;
  /** Shared store. */
  store: Pax8TokenStore;
  /** Clock. */
  now: Pax8Now;
  /** Refresh this long before `expiresAt` (at most half the token's life, see `refreshTime`). */
  refreshMarginMs: number;
  /** Logger. */
  logger: CompleteLogger;
}

/** Hands out a valid access token; at most one refresh runs at a time. @internal */
export interface TokenManager {
  /** A token valid for at least the refresh margin. */
  get(): Promise<string>;
  /** Forgets `token` (Pax8 refused it) so the next `get` fetches a new one. */
  invalidate(token: string): void | Promise<void>;
  /** Requests a fresh token now, whatever is cached (used by verifyConnectivity). */
  refresh(): Promise<string>;
  /** Tokens this client has seen, for redaction. */
  knownTokens(): readonly string[];
}

/** Builds the token manager. @internal */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  let cached: Pax8StoredToken | undefined;
  let inflight: Promise<Pax8StoredToken> | undefined;
  const refused = new Set<string>();
  const seen: string[] = [];
  const refreshAt = new Map<string, number>();

  // A token that lives less than the margin (short expires_in) would never count as usable and
  // every call would request a new one: the margin shrinks to half the life left when first seen.
  const refreshTime = (token: Pax8StoredToken): number => {
    let at = refreshAt.get(token.accessToken);
    if (at === undefined) {
      const life = Math.max(0, token.expiresAt - options.now());
      at = token.expiresAt - Math.min(options.refreshMarginMs, life / 2);
      refreshAt.set(token.accessToken, at);
      const oldest = refreshAt.keys().next();
      if (refreshAt.size > 20 && !oldest.done) refreshAt.delete(oldest.value);
    }
    return at;
  };

  const usable = (token: Pax8StoredToken | undefined): token is Pax8StoredToken =>
    token !== undefined && !refused.has(token.accessToken) && options.now() < refreshTime(token);

  const remember = (token: Pax8StoredToken) => {
    refreshTime(token);
    if (!seen.includes(token.accessToken)) seen.push(token.accessToken);
    if (seen.length > 20) seen.shift();
  };

  // A failing shared store (Redis, a database) must not fail every call while a token is at hand:
  // fall back to this client's own token and say so. Only the error's name is logged (its message
  // may quote the token).
  const storeFailed = (operation: string, error: unknown) =>
    options.logger.warn(
      { operation, error: error instanceof Error ? error.name : typeof error },
      `pax8 token store ${operation}() failed; using this client's own token`,
    );
  const readStore = async (): Promise<Pax8StoredToken | undefined> => {
    try {
      return await options.store.get();
    } catch (error) {
      storeFailed('get', error);
      return undefined;
    }
  };
  const saveStore = async (token: Pax8StoredToken): Promise<void> => {
    try {
      await options.store.set(token);
    } catch (error) {
      storeFailed('set', error);
    }
  };

  const load = (force: boolean): Promise<Pax8StoredToken> => {
    // Every waiter shares the one refresh in flight, so N concurrent callers cause one token request.
    inflight ??= (async () => {
      if (!force) {
        const stored = await readStore();
        if (usable(stored)) {
          remember(stored);
          cached = stored;
          return stored;
        }
      }
      const fresh = await options.requestToken();
      remember(fresh);
      cached = fresh;
      options.logger.info({ expiresAt: new Date(fresh.expiresAt).toISOString() }, 'pax8 access token issued');
      await saveStore(fresh);
      return fresh;
    })().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };

  return {
    async get() {
      if (usable(cached)) return cached.accessToken;
      return (await load(false)).accessToken;
    },
    invalidate(token) {
      refused.add(token);
      if (cached?.accessToken === token) cached = undefined;
    },
    async refresh() {
      if (inflight) await inflight.catch(() => undefined);
      return (await load(true)).accessToken;
    },
    knownTokens: () => seen,
  };
}
