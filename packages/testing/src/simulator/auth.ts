import type { RouteResult } from './http';
import { createRandom, hash32 } from './random';

/** The audiences Pax8's token endpoint knows; the first two open the partner endpoints. */
export const PAX8_AUDIENCES = ['https://api.pax8.com', 'api://p8p.client', 'api://provisioning', 'api://usage'] as const;
const PARTNER_AUDIENCES: readonly string[] = PAX8_AUDIENCES.slice(0, 2);

/** Client credentials the simulator accepts. */
export interface Pax8SimulatorCredentials {
  /** OAuth client id. */
  clientId: string;
  /** OAuth client secret. */
  clientSecret: string;
}

/** The outcome of checking a bearer header. */
export type AuthCheck = { account: number; problem?: undefined } | { account?: number; problem: string };

/** Issued tokens and their checks; every token is bound to the account whose credentials obtained it. */
export interface AuthState {
  /** Tokens issued so far. */
  readonly issued: number;
  /** Handles `POST /v1/token` with a parsed body; `account` is the position of the account served. */
  token(body: Record<string, unknown> | undefined): RouteResult;
  /** The account a known token belongs to (expired ones included), without judging it. */
  identify(authorization: string | null): number | undefined;
  /** Checks a bearer header: the token's account, or the reason for a 401. */
  check(authorization: string | null): AuthCheck;
  /** Makes every issued token invalid (a key rotation at Pax8). */
  revokeAll(): void;
  /** Makes the tokens of one account invalid. */
  revokeAccount(account: number): void;
  /** Issues an access token for an account outside the client-credentials grant, tagged with its grant (a refresh token family). */
  issue(account: number, audience: string, grant: string): { accessToken: string; expiresIn: number };
  /** Makes the access tokens of one grant invalid (its consent was revoked, or its refresh token reused). */
  revokeGrant(grant: string): void;
}

function oauthError(status: number, error: string, description: string): RouteResult {
  return { status, body: { error, error_description: description } };
}

function bearer(authorization: string | null): string | undefined {
  return authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
}

/** Creates the token issuer of a simulator; `accounts()` gives each account's credentials by position. */
export function createAuth(options: { seed: number; accounts: () => readonly Pax8SimulatorCredentials[]; lifetimeSeconds: () => number; now: () => number }): AuthState {
  const tokens = new Map<string, { expiresAt: number; audience: string; account: number; grant?: string }>();
  let issued = 0;
  const issue = (account: number, audience: string, grant?: string): { accessToken: string; expiresIn: number } => {
    issued += 1;
    const accessToken = `sim.${createRandom(hash32(options.seed, 0x70c3, issued)).hex(40)}`;
    const lifetime = options.lifetimeSeconds();
    tokens.set(accessToken, { expiresAt: options.now() + lifetime * 1000, audience, account, ...(grant ? { grant } : {}) });
    return { accessToken, expiresIn: lifetime };
  };
  return {
    get issued() {
      return issued;
    },
    token(body) {
      if (!body) return oauthError(400, 'invalid_request', 'The request body must be JSON with client_id, client_secret, audience and grant_type');
      for (const field of ['client_id', 'client_secret', 'audience', 'grant_type']) {
        if (typeof body[field] !== 'string' || body[field] === '') return oauthError(400, 'invalid_request', `Missing required parameter: ${field}`);
      }
      if (body.grant_type !== 'client_credentials') return oauthError(403, 'unsupported_grant_type', `Grant type '${String(body.grant_type)}' not allowed for the client.`);
      const account = options.accounts().findIndex((c) => c.clientId === body.client_id);
      if (account < 0 || options.accounts()[account]?.clientSecret !== body.client_secret) return oauthError(401, 'access_denied', 'Unauthorized');
      const audience = body.audience as string;
      if (!(PAX8_AUDIENCES as readonly string[]).includes(audience)) return { ...oauthError(403, 'access_denied', `Service not found: ${audience}`), account };
      const { accessToken, expiresIn } = issue(account, audience);
      return { status: 200, body: { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }, account };
    },
    identify(authorization) {
      const token = bearer(authorization);
      return token === undefined ? undefined : tokens.get(token)?.account;
    },
    check(authorization) {
      if (!authorization) return { problem: 'Full authentication is required to access this resource' };
      const match = bearer(authorization);
      const token = match ? tokens.get(match) : undefined;
      if (!token) return { problem: 'Invalid access token' };
      if (options.now() >= token.expiresAt) return { account: token.account, problem: 'Access token expired' };
      if (!PARTNER_AUDIENCES.includes(token.audience)) return { account: token.account, problem: `Access token audience ${token.audience} cannot call partner endpoints` };
      return { account: token.account };
    },
    revokeAll() {
      tokens.clear();
    },
    revokeAccount(account) {
      for (const [token, entry] of tokens) if (entry.account === account) tokens.delete(token);
    },
    issue,
    revokeGrant(grant) {
      for (const [token, entry] of tokens) if (entry.grant === grant) tokens.delete(token);
    },
  };
}
