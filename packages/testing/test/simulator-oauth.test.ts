import * as oauth from 'oauth4webapi';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '../src/index';
import { authorizationServer, authorizationUrl, consent, consentForm, tokenRequest } from './support/oauth-flow';

const open: Pax8Simulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

async function serve(options: Pax8SimulatorOptions = {}): Promise<{ sim: Pax8Simulator; url: string }> {
  const sim = createPax8Simulator({ seed: 21, companies: 5, subscriptions: 20, ...options });
  open.push(sim);
  return { sim, url: await sim.listen() };
}

const insecure = { [oauth.allowInsecureRequests]: true };

/** Approves at the consent step and exchanges the code, returning the token response. */
async function connect(sim: Pax8Simulator, account?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { url, state, verifier, redirectUri } = await authorizationUrl(sim);
  const callback = await consent(url, 'approve', account);
  expect(callback.searchParams.get('state')).toBe(state);
  return tokenRequest(sim, { grant_type: 'authorization_code', code: callback.searchParams.get('code') as string, redirect_uri: redirectUri, code_verifier: verifier as string });
}

async function partnerGet(url: string, token: unknown, path: string): Promise<Response> {
  return fetch(`${url}${path}`, { headers: { authorization: `Bearer ${String(token)}` } });
}

describe('delegated authorization over HTTP (#14)', () => {
  it('runs the whole flow with oauth4webapi: consent page, approve, code + PKCE, tokens that read the consenting account, rotation', async () => {
    const { sim, url } = await serve({ accounts: [{ name: 'acme' }, { name: 'beta', companies: 2 }] });
    const as = authorizationServer(sim);
    const app = sim.oauth.applications[0]!;
    const client: oauth.Client = { client_id: app.clientId };
    const auth = oauth.ClientSecretBasic(app.clientSecret as string);
    const { url: authorize, state, verifier, redirectUri } = await authorizationUrl(sim);

    const page = await fetch(authorize, { redirect: 'manual' });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const form = consentForm(await page.text());
    expect(form.accounts).toEqual(sim.accounts.map((a) => a.id));
    const callback = await consent(authorize, 'approve', sim.account('beta').id);
    expect(callback.origin + callback.pathname).toBe(redirectUri);

    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri, verifier as string, insecure));
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 86_400, scope: 'Manage:Pax8Data offline_access' });
    const companies = (await (await partnerGet(url, tokens.access_token, '/v1/companies')).json()) as { content: { id: string }[] };
    expect(companies.content.map((c) => c.id)).toEqual(sim.account('beta').world.companies.ids());
    expect(sim.oauth.consents).toEqual([expect.objectContaining({ account: sim.account('beta').id, application: app.clientId, scope: ['Manage:Pax8Data', 'offline_access'] })]);

    const rotated = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token as string, insecure));
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect((await partnerGet(url, rotated.access_token, '/v1/companies')).status).toBe(200);
    const reuse = oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token as string, insecure).then((r) => oauth.processRefreshTokenResponse(as, client, r));
    await expect(reuse).rejects.toMatchObject({ error: 'invalid_grant', status: 403 });
    // Reuse of a rotated token revokes its whole family, as Auth0 does: the newer tokens stop working too.
    expect((await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: rotated.refresh_token as string })).body.error).toBe('invalid_grant');
    expect((await partnerGet(url, rotated.access_token, '/v1/companies')).status).toBe(401);
  });

  it('deny redirects with error=access_denied and the state', async () => {
    const { sim } = await serve();
    const { url, state } = await authorizationUrl(sim, { state: 'keep-me' });
    const callback = await consent(url, 'deny');
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'access_denied', error_description: expect.any(String), state });
    expect(() => oauth.validateAuthResponse(authorizationServer(sim), { client_id: sim.oauth.applications[0]!.clientId }, callback, state)).toThrow(oauth.AuthorizationResponseError);
    expect(sim.oauth.consents).toEqual([]);
  });

  it('checks PKCE S256: no challenge, plain, or a wrong verifier are refused', async () => {
    const { sim } = await serve();
    const none = await consent((await authorizationUrl(sim, { verifier: null })).url, 'approve');
    expect([none.searchParams.get('error'), none.searchParams.get('error_description')]).toEqual(['invalid_request', expect.stringMatching(/code_challenge is required/)]);
    const plain = await authorizationUrl(sim, { verifier: null, extra: { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' } });
    expect((await consent(plain.url, 'approve')).searchParams.get('error_description')).toMatch(/must be S256/);

    const { url, redirectUri } = await authorizationUrl(sim);
    const code = (await consent(url, 'approve')).searchParams.get('code') as string;
    const wrong = await tokenRequest(sim, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: oauth.generateRandomCodeVerifier() });
    expect(wrong).toEqual({ status: 403, body: { error: 'invalid_grant', error_description: 'Failed to verify code verifier' } });
  });

  it('makes audience mandatory and checks it, and refuses unknown scopes, sending the state back', async () => {
    const { sim } = await serve();
    const missing = await consent((await authorizationUrl(sim, { audience: null, state: 's1' })).url, 'approve');
    expect(Object.fromEntries(missing.searchParams)).toMatchObject({ error: 'invalid_request', state: 's1', error_description: expect.stringMatching(/audience is required/) });
    const wrong = await consent((await authorizationUrl(sim, { audience: 'https://elsewhere.example', state: 's2' })).url, 'approve');
    expect(Object.fromEntries(wrong.searchParams)).toMatchObject({ error: 'access_denied', state: 's2', error_description: 'Service not found: https://elsewhere.example' });
    const scope = await consent((await authorizationUrl(sim, { scope: 'Manage:Pax8Data admin' })).url, 'approve');
    expect(scope.searchParams.get('error')).toBe('invalid_scope');
  });

  it('never redirects to an unregistered redirect URI or for an unknown client: it answers a page', async () => {
    const { sim } = await serve({ oauth: { applications: [{ clientId: 'psa', clientSecret: 's3cret', redirectUris: ['https://psa.example.com/pax8/callback'] }] } });
    const wrongUri = await fetch((await authorizationUrl(sim, { redirectUri: 'https://evil.example/cb' })).url, { redirect: 'manual' });
    expect([wrongUri.status, wrongUri.headers.get('location')]).toEqual([400, null]);
    expect(await wrongUri.text()).toMatch(/Callback URL mismatch/);
    const unknown = await fetch((await authorizationUrl(sim, { clientId: 'nobody' })).url, { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    const good = await consent((await authorizationUrl(sim, { redirectUri: 'https://psa.example.com/pax8/callback' })).url, 'approve');
    expect(good.href).toMatch(/^https:\/\/psa\.example\.com\/pax8\/callback\?code=/);
  });

  it('a code works once: a second exchange is refused and takes back the tokens of the first', async () => {
    const { sim, url } = await serve();
    const { url: authorize, verifier, redirectUri } = await authorizationUrl(sim);
    const code = (await consent(authorize, 'approve')).searchParams.get('code') as string;
    const exchange = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier as string };
    const first = await tokenRequest(sim, exchange);
    expect(first.status).toBe(200);
    expect(await tokenRequest(sim, exchange)).toMatchObject({ status: 403, body: { error: 'invalid_grant' } });
    expect((await partnerGet(url, first.body.access_token, '/v1/companies')).status).toBe(401);
    expect((await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string })).body.error).toBe('invalid_grant');
  });

  it('expires codes, access tokens and refresh tokens on the simulator clock', async () => {
    let now = Date.parse('2026-06-01T00:00:00Z');
    const { sim, url } = await serve({ now: () => now, tokenLifetimeSeconds: 3600, oauth: { refreshTokenLifetimeSeconds: 10 * 86_400, refreshTokenIdleSeconds: 2 * 86_400 } });
    const late = await authorizationUrl(sim);
    const lateCode = (await consent(late.url, 'approve')).searchParams.get('code') as string;
    now += 601_000;
    expect((await tokenRequest(sim, { grant_type: 'authorization_code', code: lateCode, redirect_uri: late.redirectUri, code_verifier: late.verifier as string })).body.error_description).toBe('Authorization code expired');

    let tokens = (await connect(sim)).body;
    expect(tokens.expires_in).toBe(3600);
    now += 3_600_000;
    expect((await partnerGet(url, tokens.access_token, '/v1/companies')).status).toBe(401);
    for (let day = 0; day < 4; day++) {
      now += 86_400_000; // each use within the idle window keeps the family alive...
      tokens = (await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string })).body;
      expect(tokens.access_token).toEqual(expect.any(String));
    }
    now += 2 * 86_400_000; // ...an idle gap longer than its inactivity lifetime ends it
    expect((await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string })).body.error_description).toBe('Refresh token expired');
    tokens = (await connect(sim)).body;
    for (let day = 0; day < 10; day++) {
      now += 86_400_000;
      const next = await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string });
      if (day < 9) tokens = next.body;
      else expect(next.body.error_description).toBe('Refresh token expired'); // the absolute lifetime, used daily or not
    }
  });

  it('a scripted revocation of a partner consent refuses its refresh and access tokens; other partners keep theirs', async () => {
    const { sim, url } = await serve({ accounts: 2 });
    const [a, b] = sim.accounts;
    const ofA = (await connect(sim, a!.id)).body;
    const ofB = (await connect(sim, b!.id)).body;
    expect(sim.oauth.revokeConsent({ account: a!.name })).toBe(1);
    expect(await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: ofA.refresh_token as string })).toEqual({ status: 403, body: { error: 'invalid_grant', error_description: expect.stringMatching(/^Consent revoked/) } });
    expect((await partnerGet(url, ofA.access_token, '/v1/companies')).status).toBe(401);
    expect((await partnerGet(url, ofB.access_token, '/v1/companies')).status).toBe(200);
    expect(sim.oauth.consents.map((c) => [c.account, c.revokedAt === undefined])).toEqual([[a!.id, false], [b!.id, true]]);
    const again = (await connect(sim, a!.id)).body;
    expect((await partnerGet(url, again.access_token, '/v1/companies')).status).toBe(200);
  });

  it('revokes a refresh token through POST /oauth/revoke; refuses bad client authentication', async () => {
    const { sim } = await serve();
    const { refresh_token: refresh } = (await connect(sim)).body;
    const app = sim.oauth.applications[0]!;
    const basic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
    const revoked = await fetch(sim.oauth.endpoints().revocationEndpoint, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: refresh as string }) });
    expect(revoked.status).toBe(200);
    expect((await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: refresh as string })).body.error).toBe('invalid_grant');
    const badSecret = await fetch(sim.oauth.endpoints().tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x', client_id: app.clientId, client_secret: 'wrong' }) });
    expect([badSecret.status, ((await badSecret.json()) as Record<string, unknown>).error]).toEqual([401, 'invalid_client']);
  });

  it('decides the consent at once when told to, so GET /authorize redirects; login_hint picks the account', async () => {
    const { sim } = await serve({ accounts: [{ name: 'one' }, { name: 'two' }], oauth: { autoConsent: { decision: 'approve' } } });
    const first = await fetch((await authorizationUrl(sim, { extra: { login_hint: 'two' } })).url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get('location') as string).searchParams.get('code')).toEqual(expect.any(String));
    expect(sim.oauth.consents.at(-1)?.account).toBe(sim.account('two').id);
    sim.oauth.setAutoConsent({ decision: 'deny' });
    expect(new URL((await fetch((await authorizationUrl(sim)).url, { redirect: 'manual' })).headers.get('location') as string).searchParams.get('error')).toBe('access_denied');
    sim.oauth.setAutoConsent(undefined);
    const page = consentForm(await (await fetch((await authorizationUrl(sim, { extra: { login_hint: 'two' } })).url)).text());
    expect(page.selected).toBe(sim.account('two').id);
  });

  it('serves a discovery document for its own origin', async () => {
    const { sim, url } = await serve();
    const doc = (await (await fetch(`${url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(doc).toMatchObject({ issuer: `${url}/`, authorization_endpoint: `${url}/authorize`, token_endpoint: `${url}/oauth/token`, code_challenge_methods_supported: ['S256'] });
    expect(sim.oauth.endpoints('https://login.pax8.com')).toMatchObject({ authorizationEndpoint: 'https://login.pax8.com/authorize', tokenEndpoint: 'https://login.pax8.com/oauth/token' });
  });

  it('answers at https://login.pax8.com through msw too, so a client keeps its default login URLs', async () => {
    const sim = createPax8Simulator({ seed: 3, subscriptions: 5, oauth: { autoConsent: { decision: 'approve' } } });
    const server = setupServer(...sim.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const { url, verifier, redirectUri } = await authorizationUrl(sim);
      expect(url.origin).toBe('https://login.pax8.com');
      const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') as string).searchParams.get('code') as string;
      const { body } = await tokenRequest(sim, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier as string });
      const listing = await fetch('https://api.pax8.com/v1/subscriptions', { headers: { authorization: `Bearer ${String(body.access_token)}` } });
      expect(((await listing.json()) as { page: { totalElements: number } }).page.totalElements).toBe(5);
    } finally {
      server.close();
    }
  });
});
