import type { ResolvedAuth } from '../client/resolve-auth';
import type { Pax8Now } from '../http/clock';
import type { CompleteLogger } from '../http/logger';
import type { Transport } from '../http/send-once';
import type { Pax8RateLimiter } from '../rate-limit/create-rate-limiter';
import { createTokenRequester } from './request-token';
import { createTokenManager, type TokenManager } from './token-manager';
import { createProviderTokenSource } from './token-provider';
import { createMemoryTokenStore } from './token-store';

/** What {@link createTokenSource} needs. @internal */
export interface TokenSourceOptions {
  auth: ResolvedAuth;
  transport: Transport;
  limiter: Pax8RateLimiter;
  now: Pax8Now;
  logger: CompleteLogger;
  /** Every secret the client knows, for redaction. */
  secrets: () => readonly string[];
}

/** The token source of a client: its provider, or the built-in client-credentials manager. @internal */
export function createTokenSource(options: TokenSourceOptions): TokenManager {
  const { auth } = options;
  if (auth.kind === 'provider') return createProviderTokenSource(auth.provider);
  return createTokenManager({
    requestToken: createTokenRequester({
      transport: options.transport,
      limiter: options.limiter,
      tokenUrl: auth.tokenUrl,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      audience: auth.audience,
      secrets: options.secrets,
    }),
    store: auth.tokenStore ?? createMemoryTokenStore(),
    now: options.now,
    refreshMarginMs: auth.refreshMarginMs,
    logger: options.logger,
  });
}
