import type { AuthState } from '../auth';
import type { Route, RouteContext, RouteResult } from '../http';
import { OAUTH_PATHS } from '../oauth-options';
import { oauthError, type OAuthState } from '../oauth-state';

async function readBody(ctx: RouteContext): Promise<Record<string, unknown> | undefined> {
  const type = ctx.request.headers.get('content-type') ?? '';
  const text = await ctx.request.text();
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function strings(body: Record<string, unknown>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

function formDecode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

/** The client an OAuth request authenticates as (Basic header or body), or an `invalid_client` answer. */
function authenticate(state: OAuthState, ctx: RouteContext, params: Record<string, string | undefined>): string | RouteResult {
  let clientId = params.client_id;
  let secret = params.client_secret;
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.request.headers.get('authorization') ?? '')?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    try {
      [clientId, secret] = colon < 0 ? [formDecode(decoded), undefined] : [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
    } catch {
      return oauthError(401, 'invalid_client', 'Malformed Basic client authentication');
    }
  }
  const app = state.application(clientId);
  if (!app || (app.clientSecret !== undefined && secret !== app.clientSecret)) return oauthError(401, 'invalid_client', 'Client authentication failed');
  return app.clientId;
}

async function oauthToken(auth: AuthState, state: OAuthState, ctx: RouteContext): Promise<RouteResult> {
  const body = await readBody(ctx);
  if (!body) return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded or JSON');
  if (body.grant_type === 'client_credentials' || body.grant_type === undefined) return auth.token(body);
  const params = strings(body);
  if (params.grant_type !== 'authorization_code' && params.grant_type !== 'refresh_token') return oauthError(403, 'unsupported_grant_type', `Grant type '${String(body.grant_type)}' not allowed for the client.`);
  const client = authenticate(state, ctx, params);
  if (typeof client !== 'string') return client;
  return params.grant_type === 'authorization_code' ? state.exchange(client, params) : state.refresh(client, params.refresh_token);
}

async function revoke(state: OAuthState, ctx: RouteContext): Promise<RouteResult> {
  const params = strings((await readBody(ctx)) ?? {});
  const client = authenticate(state, ctx, params);
  if (typeof client !== 'string') return client;
  state.revokeToken(client, params.token);
  return { status: 200, body: {} };
}

/**
 * `POST /v1/token` (client credentials, Pax8's documented endpoint) and the login's `POST /oauth/token`
 * (the `token-manager` address the security scheme names, and the token endpoint of delegated
 * authorization: client credentials, `authorization_code` and `refresh_token`), plus `POST /oauth/revoke`.
 */
export function tokenRoutes(auth: AuthState, state: OAuthState): Route[] {
  return [
    { method: 'POST', path: '/v1/token', family: 'token', handle: async (ctx) => auth.token(await readBody(ctx)) },
    { method: 'POST', path: OAUTH_PATHS.token, family: 'token', handle: (ctx) => oauthToken(auth, state, ctx) },
    { method: 'POST', path: OAUTH_PATHS.revoke, family: 'login', handle: (ctx) => revoke(state, ctx) },
  ];
}
