import * as oauth from 'oauth4webapi';
import type { Pax8Simulator } from '../../src/index';

/** What a test drives an authorization request with. */
export interface AuthorizeParams {
  /** Application client id (default: the simulator's first application). */
  clientId?: string;
  /** Redirect URI (default `http://127.0.0.1/callback`). */
  redirectUri?: string;
  /** Scope (default `Manage:Pax8Data offline_access`). */
  scope?: string;
  /** Audience (default `https://api.pax8.com`; `null` leaves it out). */
  audience?: string | null;
  /** State (default a random one). */
  state?: string;
  /** PKCE verifier (default a random one; `null`: no PKCE). */
  verifier?: string | null;
  /** Extra query parameters. */
  extra?: Record<string, string>;
}

/** The authorization URL for params, and the values the test must keep. */
export async function authorizationUrl(sim: Pax8Simulator, p: AuthorizeParams = {}): Promise<{ url: URL; state: string; verifier: string | undefined; redirectUri: string }> {
  const endpoints = sim.oauth.endpoints();
  const url = new URL(endpoints.authorizationEndpoint);
  const state = p.state ?? oauth.generateRandomState();
  const verifier = p.verifier === null ? undefined : (p.verifier ?? oauth.generateRandomCodeVerifier());
  const redirectUri = p.redirectUri ?? 'http://127.0.0.1/callback';
  const query: Record<string, string> = {
    response_type: 'code',
    client_id: p.clientId ?? (sim.oauth.applications[0]?.clientId as string),
    redirect_uri: redirectUri,
    scope: p.scope ?? 'Manage:Pax8Data offline_access',
    state,
    ...(p.audience === null ? {} : { audience: p.audience ?? 'https://api.pax8.com' }),
    ...(verifier ? { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' } : {}),
    ...p.extra,
  };
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return { url, state, verifier, redirectUri };
}

/** Reads the consent form's fields from the page. */
export function consentForm(html: string): { action: string; transaction: string; accounts: string[]; selected: string | undefined } {
  return {
    action: /<form method="post" action="([^"]+)"/.exec(html)?.[1] as string,
    transaction: /name="transaction" value="([^"]+)"/.exec(html)?.[1] as string,
    accounts: [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] as string),
    selected: /<option value="([^"]+)" selected>/.exec(html)?.[1],
  };
}

/** Follows the login as a browser would, over HTTP: GET the page, post the decision, return the redirect. */
export async function consent(url: URL, decision: 'approve' | 'deny', account?: string): Promise<URL> {
  const page = await fetch(url, { redirect: 'manual' });
  if (page.status === 302) return new URL(page.headers.get('location') as string);
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}: ${await page.text()}`);
  const form = consentForm(await page.text());
  const body = new URLSearchParams({ transaction: form.transaction, decision, ...(account ? { account } : {}) });
  const answer = await fetch(new URL(form.action, url), { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  if (answer.status !== 302) throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  return new URL(answer.headers.get('location') as string);
}

/** oauth4webapi's view of the simulator's login at its loopback URL. */
export function authorizationServer(sim: Pax8Simulator): oauth.AuthorizationServer {
  const e = sim.oauth.endpoints();
  return { issuer: e.issuer, authorization_endpoint: e.authorizationEndpoint, token_endpoint: e.tokenEndpoint, revocation_endpoint: e.revocationEndpoint, code_challenge_methods_supported: ['S256'] };
}

/** Posts a form to the token endpoint with client_secret_post, returning status and JSON. */
export async function tokenRequest(sim: Pax8Simulator, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const app = sim.oauth.applications[0];
  const response = await fetch(sim.oauth.endpoints().tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: app?.clientId as string, client_secret: app?.clientSecret as string, ...params }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
