import type { Pax8TokenProvider } from '../auth/token-provider';
import type { Pax8TokenStore } from '../auth/token-store';
import { Pax8InvalidArgumentError } from '../errors/pax8-invalid-argument-error';

/** How a client gets its tokens, with defaults applied. @internal */
export type ResolvedAuth =
  | {
      kind: 'client-credentials';
      clientId: string;
      clientSecret: string;
      tokenUrl: string;
      audience: string;
      tokenStore: Pax8TokenStore | undefined;
      refreshMarginMs: number;
    }
  | { kind: 'provider'; provider: Pax8TokenProvider };

/** Message of a missing client id. @internal */
export const CLIENT_ID_REQUIRED = 'is required: the Pax8 OAuth client id (or give tokenProvider instead)';
/** Message of a missing client secret. @internal */
export const CLIENT_SECRET_REQUIRED = 'is required: the Pax8 OAuth client secret (or give tokenProvider instead)';

/** The options that only the built-in client-credentials manager reads. */
const BUILT_IN_ONLY = ['tokenUrl', 'audience', 'tokenStore', 'tokenRefreshMarginMs'] as const;

interface AuthOptions {
  clientId?: string;
  clientSecret?: string;
  tokenProvider?: Pax8TokenProvider;
  tokenUrl?: string;
  audience?: string;
  tokenStore?: Pax8TokenStore;
  tokenRefreshMarginMs?: number;
}

const refuse = (field: string, message: string) => new Pax8InvalidArgumentError(`Invalid Pax8 client option \`${field}\`: ${message}`, { field });

/** Picks the auth mode: `tokenProvider`, or `clientId` + `clientSecret` (the default manager). @internal */
export function resolveAuth(options: AuthOptions, baseUrl: string): ResolvedAuth {
  if (options.tokenProvider !== undefined) {
    const both = options.clientId !== undefined ? 'clientId' : options.clientSecret !== undefined ? 'clientSecret' : undefined;
    if (both) throw refuse('tokenProvider', `give either tokenProvider or clientId/clientSecret, not both (${both} was given too)`);
    const extra = BUILT_IN_ONLY.find((key) => options[key] !== undefined);
    if (extra) throw refuse(extra, 'applies to the built-in client-credentials tokens only; with tokenProvider the provider gets the tokens');
    return { kind: 'provider', provider: options.tokenProvider };
  }
  if (options.clientId === undefined) throw refuse('clientId', CLIENT_ID_REQUIRED);
  if (options.clientSecret === undefined) throw refuse('clientSecret', CLIENT_SECRET_REQUIRED);
  return {
    kind: 'client-credentials',
    clientId: options.clientId.trim(),
    clientSecret: options.clientSecret,
    tokenUrl: options.tokenUrl ?? `${baseUrl}/v1/token`,
    audience: options.audience ?? 'https://api.pax8.com',
    tokenStore: options.tokenStore,
    refreshMarginMs: options.tokenRefreshMarginMs ?? 300_000,
  };
}
