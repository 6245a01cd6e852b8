import { consentPage, errorPage } from '../consent-page';
import type { Route, RouteContext, RouteResult } from '../http';
import { OAUTH_PATHS } from '../oauth-options';
import type { OAuthState, Transaction } from '../oauth-state';

/** The accounts a partner can log in as. */
export interface LoginAccounts {
  /** Every account: id, name and client id, by position. */
  list(): readonly { id: string; name: string; clientId: string }[];
}

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function page(status: number, html: string): RouteResult {
  return { status, text: html, contentType: 'text/html; charset=utf-8' };
}

function redirect(to: string, params: Record<string, string | undefined>): RouteResult {
  const url = new URL(to);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.href } };
}

function redirectAllowed(allowed: string[] | undefined, uri: string): boolean {
  if (allowed) return allowed.includes(uri);
  return URL.canParse(uri) && ['http:', 'https:'].includes(new URL(uri).protocol) && new URL(uri).hash === '';
}

/** The account a key (id, name or client id) names, by position. */
export function accountIndex(accounts: LoginAccounts, key: string | undefined): number | undefined {
  if (!key) return undefined;
  const k = accounts.list().findIndex((a) => a.id === key || a.name === key || a.clientId === key);
  return k < 0 ? undefined : k;
}

/** What is wrong with an authorization request that can be told to the application, or undefined. */
function problem(state: OAuthState, q: URLSearchParams): [string, string] | undefined {
  const s = state.settings;
  if (q.get('response_type') !== 'code') return ['unsupported_response_type', `response_type must be 'code', got '${q.get('response_type') ?? ''}'`];
  const audience = q.get('audience');
  if (!audience) return ['invalid_request', `audience is required (${s.audience})`];
  if (audience !== s.audience) return ['access_denied', `Service not found: ${audience}`];
  const scope = (q.get('scope') ?? '').split(' ').filter(Boolean);
  const unknown = scope.filter((x) => !s.scopes.includes(x));
  if (unknown.length > 0) return ['invalid_scope', `unknown scope ${unknown.join(' ')}; known: ${s.scopes.join(' ')}`];
  if (!scope.includes(s.requiredScope)) return ['invalid_scope', `scope must include ${s.requiredScope}`];
  const method = q.get('code_challenge_method');
  const challenge = q.get('code_challenge');
  if (challenge === null) return s.requirePkce ? ['invalid_request', 'code_challenge is required (PKCE with code_challenge_method=S256)'] : undefined;
  if (method !== 'S256') return ['invalid_request', `code_challenge_method must be S256, got '${method ?? ''}'`];
  if (!PKCE_CHALLENGE.test(challenge)) return ['invalid_request', 'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters)'];
  return undefined;
}

function decide(state: OAuthState, tx: Transaction, account: number, decision: 'approve' | 'deny'): RouteResult {
  if (decision === 'deny') {
    state.transactions.delete(tx.id);
    return redirect(tx.redirectUri, { error: 'access_denied', error_description: 'The partner declined to authorize the application', state: tx.state });
  }
  return redirect(tx.redirectUri, { code: state.approve(tx, account), state: tx.state });
}

function authorize(state: OAuthState, accounts: LoginAccounts, { url }: RouteContext): RouteResult {
  const q = url.searchParams;
  const app = state.application(q.get('client_id') ?? undefined);
  if (!app) return page(400, errorPage('invalid_client', `Unknown client_id '${q.get('client_id') ?? ''}'`));
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!redirectAllowed(app.redirectUris, redirectUri)) return page(400, errorPage('invalid_request', `Callback URL mismatch: '${redirectUri}' is not an allowed redirect_uri of ${app.clientId}`));
  const wrong = problem(state, q);
  if (wrong) return redirect(redirectUri, { error: wrong[0], error_description: wrong[1], state: q.get('state') ?? undefined });
  const tx: Transaction = {
    id: state.fresh('transaction'),
    clientId: app.clientId,
    redirectUri,
    state: q.get('state') ?? undefined,
    scope: (q.get('scope') ?? '').split(' ').filter(Boolean),
    codeChallenge: q.get('code_challenge') ?? undefined,
    loginHint: q.get('login_hint') ?? undefined,
    expiresAt: state.now() + state.settings.codeMs,
  };
  state.transactions.set(tx.id, tx);
  const hinted = accountIndex(accounts, tx.loginHint);
  const auto = state.settings.autoConsent;
  if (auto) return decide(state, tx, accountIndex(accounts, auto.account) ?? hinted ?? 0, auto.decision);
  const list = accounts.list();
  return page(200, consentPage({ action: OAUTH_PATHS.consent, transaction: tx.id, application: app.name ?? app.clientId, scope: tx.scope, accounts: list.map(({ id, name }) => ({ id, name })), selected: list[hinted ?? 0]?.id }));
}

async function consent(state: OAuthState, accounts: LoginAccounts, ctx: RouteContext): Promise<RouteResult> {
  const form = new URLSearchParams(await ctx.request.text());
  const tx = state.transactions.get(form.get('transaction') ?? '');
  if (!tx || state.now() >= tx.expiresAt) return page(400, errorPage('invalid_request', 'This login transaction is unknown or expired; start again from the application'));
  const decision = form.get('decision');
  if (decision !== 'approve' && decision !== 'deny') return page(400, errorPage('invalid_request', "decision must be 'approve' or 'deny'"));
  const chosen = form.get('account');
  const account = chosen ? accountIndex(accounts, chosen) : (accountIndex(accounts, tx.loginHint) ?? 0);
  if (account === undefined) return page(400, errorPage('invalid_request', `No partner account '${chosen}'`));
  return decide(state, tx, account, decision);
}

function discovery(state: OAuthState, { url }: RouteContext): RouteResult {
  const origin = url.origin;
  return {
    status: 200,
    body: {
      issuer: `${origin}/`,
      authorization_endpoint: `${origin}${OAUTH_PATHS.authorize}`,
      token_endpoint: `${origin}${OAUTH_PATHS.token}`,
      revocation_endpoint: `${origin}${OAUTH_PATHS.revoke}`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: state.settings.scopes,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    },
  };
}

/** `GET /authorize`, its consent step `POST /u/consent`, and the discovery document. */
export function authorizeRoutes(state: OAuthState, accounts: LoginAccounts): Route[] {
  return [
    { method: 'GET', path: OAUTH_PATHS.authorize, family: 'login', handle: (ctx) => authorize(state, accounts, ctx) },
    { method: 'POST', path: OAUTH_PATHS.consent, family: 'login', handle: (ctx) => consent(state, accounts, ctx) },
    { method: 'GET', path: OAUTH_PATHS.discovery, family: 'login', handle: (ctx) => discovery(state, ctx) },
  ];
}
