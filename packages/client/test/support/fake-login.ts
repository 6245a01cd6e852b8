import { createHash, randomBytes } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { recordIssuedToken } from './audit';
import { server } from './pax8-server';

/** The fake authorization server's origin (the client's defaults point here). */
export const LOGIN = 'https://login.pax8.com';
/** The application registered with it. */
export const APP = { clientId: 'psa-app-7', clientSecret: 'app_SECRET_9d8c7b6a5f' };
export const REDIRECT_URI = 'https://psa.example.com/pax8/callback';

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  audience: string;
  expiresAt: number;
  used: boolean;
}

/** What the fake authorization server saw and holds; tests steer it through these fields. */
export interface LoginState {
  /** `approve` (default) or `deny` at the consent step. */
  consent: 'approve' | 'deny';
  /** Rotate refresh tokens on every refresh (default true). */
  rotate: boolean;
  /** The clock the server checks code expiry against (set to the test's fake clock). */
  now: () => number;
  /** Every token request body, as form fields (the secrets in them are recorded for the audit). */
  tokenRequests: Record<string, string>[];
  /** How the client authenticated each token request: `post`, `basic` or `none`. */
  clientAuth: string[];
  /** Authorization query parameters as received by /authorize. */
  authorizeRequests: Record<string, string>[];
  /** Valid refresh tokens; revoke one by deleting it. */
  refreshTokens: Set<string>;
  /** Access tokens issued. */
  accessTokens: string[];
  /** Next token answer is this status with no JSON body (an outage). */
  outage?: number;
}

const secret = (prefix: string) => {
  const value = `${prefix}_${randomBytes(12).toString('base64url')}`;
  recordIssuedToken(value);
  return value;
};
const oauthError = (error: string, description: string, status = 400) => HttpResponse.json({ error, error_description: description }, { status });

/** Installs the fake Pax8 login (authorize + token endpoints) on the msw server; call in each test or beforeEach. */
export function useFakeLogin(now: () => number = Date.now): LoginState {
  const grants = new Map<string, Grant>();
  const state: LoginState = {
    consent: 'approve',
    rotate: true,
    now,
    tokenRequests: [],
    clientAuth: [],
    authorizeRequests: [],
    refreshTokens: new Set(),
    accessTokens: [],
  };
  const issue = (scope: string) => {
    const access = secret('lgn_ACCESS');
    state.accessTokens.push(access);
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: 3600, scope };
    if (scope.split(' ').includes('offline_access')) {
      const refresh = secret('lgn_REFRESH');
      state.refreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    return HttpResponse.json(body);
  };

  server.use(
    http.get(`${LOGIN}/authorize`, ({ request }) => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      state.authorizeRequests.push(query);
      if (query.response_type !== 'code' || query.client_id !== APP.clientId || !query.redirect_uri) {
        return HttpResponse.text('bad authorization request', { status: 400 });
      }
      const back = new URL(query.redirect_uri);
      if (query.state) back.searchParams.set('state', query.state);
      const missing = ['audience', 'code_challenge', 'scope'].find((key) => !query[key]);
      if (missing || query.code_challenge_method !== 'S256') {
        back.searchParams.set('error', 'invalid_request');
        back.searchParams.set('error_description', missing ? `missing ${missing}` : 'PKCE S256 is required');
      } else if (state.consent === 'deny') {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'User did not authorize the request');
      } else {
        const code = secret('lgn_CODE');
        grants.set(code, {
          clientId: query.client_id,
          redirectUri: query.redirect_uri,
          challenge: query.code_challenge as string,
          scope: query.scope as string,
          audience: query.audience as string,
          expiresAt: state.now() + 60_000,
          used: false,
        });
        back.searchParams.set('code', code);
      }
      return new HttpResponse(null, { status: 302, headers: { location: back.href } });
    }),

    http.post(`${LOGIN}/oauth/token`, async ({ request }) => {
      const form = Object.fromEntries(new URLSearchParams(await request.text()));
      state.tokenRequests.push(form);
      if (state.outage !== undefined) {
        const status = state.outage;
        state.outage = undefined;
        return HttpResponse.text('upstream unavailable', { status });
      }
      const basic = request.headers.get('authorization');
      const [id, password] = basic?.startsWith('Basic ')
        ? Buffer.from(basic.slice(6), 'base64').toString().split(':').map(decodeURIComponent)
        : [form.client_id, form.client_secret];
      state.clientAuth.push(basic ? 'basic' : form.client_secret ? 'post' : 'none');
      if (id !== APP.clientId || password !== APP.clientSecret) return oauthError('invalid_client', 'Client authentication failed', 401);
      if (form.grant_type === 'authorization_code') {
        const grant = grants.get(form.code ?? '');
        if (!grant || grant.used || grant.expiresAt <= state.now()) return oauthError('invalid_grant', 'Invalid authorization code');
        grant.used = true;
        if (form.redirect_uri !== grant.redirectUri) return oauthError('invalid_grant', 'redirect_uri does not match');
        const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
        if (challenge !== grant.challenge) return oauthError('invalid_grant', 'Failed to verify code verifier');
        return issue(grant.scope);
      }
      if (form.grant_type === 'refresh_token') {
        const token = form.refresh_token ?? '';
        if (!state.refreshTokens.has(token)) return oauthError('invalid_grant', `Unknown or invalid refresh token.`);
        const answer = issue('Manage:Pax8Data offline_access');
        if (!state.rotate) {
          const body = (await answer.clone().json()) as Record<string, unknown>;
          state.refreshTokens.delete(body.refresh_token as string);
          delete body.refresh_token;
          return HttpResponse.json(body);
        }
        state.refreshTokens.delete(token);
        return answer;
      }
      return oauthError('unsupported_grant_type', 'grant_type not supported');
    }),
  );
  return state;
}

/** Follows the authorization URL as a browser would (one redirect, not followed) and returns where Pax8 sends the person back. */
export async function consent(authorizationUrl: string): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`the authorization endpoint answered ${response.status}, not a redirect`);
  return new URL(location);
}
