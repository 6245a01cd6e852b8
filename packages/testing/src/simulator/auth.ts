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

/** Issued tokens and their checks. */
export interface AuthState {
  /** Tokens issued so far. */
  readonly issued: number;
  /** Handles `POST /v1/token` with a parsed body. */
  token(body: Record<string, unknown> | undefined): RouteResult;
  /** Checks a bearer header: undefined when good, else the reason for a 401. */
  check(authorization: string | null): string | undefined;
  /** Makes every issued token invalid (a key rotation at Pax8). */
  revokeAll(): void;
}

function oauthError(status: number, error: string, description: string): RouteResult {
  return { status, body: { error, error_description: description } };
}

/** Creates the token issuer of a simulator. */
export function createAuth(options: { seed: number; credentials: Pax8SimulatorCredentials; lifetimeSeconds: () => number; now: () => number }): AuthState {
  const tokens = new Map<string, { expiresAt: number; audience: string }>();
  let issued = 0;
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
      if (body.client_id !== options.credentials.clientId || body.client_secret !== options.credentials.clientSecret) {
        return oauthError(401, 'access_denied', 'Unauthorized');
      }
      const audience = body.audience as string;
      if (!(PAX8_AUDIENCES as readonly string[]).includes(audience)) return oauthError(403, 'access_denied', `Service not found: ${audience}`);
      issued += 1;
      const accessToken = `sim.${createRandom(hash32(options.seed, 0x70c3, issued)).hex(40)}`;
      const lifetime = options.lifetimeSeconds();
      tokens.set(accessToken, { expiresAt: options.now() + lifetime * 1000, audience });
      return { status: 200, body: { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' } };
    },
    check(authorization) {
      if (!authorization) return 'Full authentication is required to access this resource';
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match ? tokens.get(match[1] as string) : undefined;
      if (!token) return 'Invalid access token';
      if (options.now() >= token.expiresAt) return 'Access token expired';
      if (!PARTNER_AUDIENCES.includes(token.audience)) return `Access token audience ${token.audience} cannot call partner endpoints`;
      return undefined;
    },
    revokeAll() {
      tokens.clear();
    },
  };
}
