import { createHash } from 'node:crypto';
import {
  createPax8AuthorizationRequest,
  exchangePax8AuthorizationCode,
  PAX8_OAUTH_DEFAULTS,
  Pax8ApiError,
  type Pax8AuthorizationRequest,
  type Pax8Fetch,
  Pax8InvalidArgumentError,
  Pax8OAuthError,
  Pax8RateLimitError,
  refreshPax8AccessToken,
} from '@pax8-sync/client';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureError, collectingLogger, recordIssuedToken } from './support/audit';
import { createFakeClock } from './support/fake-clock';
import { APP, consent, LOGIN, type LoginState, REDIRECT_URI, useFakeLogin } from './support/fake-login';
import { server, usePax8Server } from './support/pax8-server';

usePax8Server();
const clock = createFakeClock();
let login: LoginState;
const logger = collectingLogger();
beforeEach(() => {
  login = useFakeLogin(clock.now);
});

/** Starts an authorization; its state and verifier are secrets for the audit. */
async function begin(overrides: Partial<Parameters<typeof createPax8AuthorizationRequest>[0]> = {}): Promise<Pax8AuthorizationRequest> {
  const request = await createPax8AuthorizationRequest({ clientId: APP.clientId, redirectUri: REDIRECT_URI, ...overrides });
  recordIssuedToken(request.state);
  recordIssuedToken(request.codeVerifier);
  return request;
}

const app = { clientId: APP.clientId, clientSecret: APP.clientSecret, now: clock.now, sleep: clock.sleep, logger };

/** Begin → consent at the fake login → exchange: the whole redirect flow over the network boundary. */
async function connect() {
  const request = await begin();
  const callback = await consent(request.url);
  return exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI });
}

describe('delegated authorization: the authorization URL', () => {
  it("carries everything Pax8's guide asks for, PKCE S256, and no verifier", async () => {
    const request = await begin();
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://login.pax8.com/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: APP.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'Manage:Pax8Data offline_access',
      state: request.state,
      audience: 'https://api.pax8.com',
      code_challenge: createHash('sha256').update(request.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(request.url).not.toContain(request.codeVerifier);
    expect(request.state.length).toBeGreaterThanOrEqual(43);
    const again = await begin();
    expect(again.state).not.toBe(request.state);
    expect(again.codeVerifier).not.toBe(request.codeVerifier);
  });

  it('endpoint, scopes, offline scope and audience are configurable; the defaults say which are documented', async () => {
    const request = await begin({
      authorizationEndpoint: 'https://auth.example.com/authorize',
      scopes: ['Manage:Pax8Data', 'Read:Billing'],
      offlineScope: false,
      audience: 'https://api.example.com',
    });
    const url = new URL(request.url);
    expect(url.origin).toBe('https://auth.example.com');
    expect(url.searchParams.get('scope')).toBe('Manage:Pax8Data Read:Billing');
    expect(url.searchParams.get('audience')).toBe('https://api.example.com');
    expect(PAX8_OAUTH_DEFAULTS).toEqual({
      authorizationEndpoint: 'https://login.pax8.com/authorize',
      scope: 'Manage:Pax8Data',
      audience: 'https://api.pax8.com',
      tokenEndpoint: 'https://login.pax8.com/oauth/token',
      offlineScope: 'offline_access',
      issuer: 'https://login.pax8.com/',
    });
  });

  it.each([
    [{ redirectUri: 'callback' }, 'redirectUri'],
    [{ clientId: '' }, 'clientId'],
    [{ codeVerifier: 'short' }, 'codeVerifier'],
    [{ state: 'abc' }, 'state'],
    [{ authorizationEndpoint: 'http://login.example.com/authorize' }, 'authorizationEndpoint'],
    [{ scope: 'Manage:Pax8Data' }, 'scope'],
  ])('%j is refused naming %s', async (bad, field) => {
    const error = await captureError(createPax8AuthorizationRequest({ clientId: APP.clientId, redirectUri: REDIRECT_URI, ...bad }));
    expect(Pax8InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field });
  });
});

describe('delegated authorization: the code exchange', () => {
  it('approve → callback → tokens: the exchange sends the code, the verifier and the redirect URI once', async () => {
    const t0 = clock.now();
    const tokens = await connect();
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresAt: t0 + 3_600_000, scope: 'Manage:Pax8Data offline_access', refreshTokenRotated: true });
    expect(login.accessTokens).toEqual([tokens.accessToken]);
    expect(login.refreshTokens.has(tokens.refreshToken ?? '')).toBe(true);
    expect(login.tokenRequests).toHaveLength(1);
    expect(Object.keys(login.tokenRequests[0] ?? {}).sort()).toEqual(['client_id', 'client_secret', 'code', 'code_verifier', 'grant_type', 'redirect_uri']);
    expect(login.tokenRequests[0]).toMatchObject({ grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, client_id: APP.clientId });
    expect(login.clientAuth).toEqual(['post']);
  });

  it('a denied consent (error=access_denied) is consent-denied, and nothing is exchanged', async () => {
    login.consent = 'deny';
    const request = await begin();
    const callback = await consent(request.url);
    const error = await captureError(exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI }));
    expect(Pax8OAuthError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'access_denied', reason: 'consent-denied', reauthenticate: false, description: 'User did not authorize the request' });
    expect(error.message).toMatch(/declined the authorization/);
    expect(login.tokenRequests).toEqual([]);
  });

  it.each([
    ['another state', (callback: URL) => callback.searchParams.set('state', 'state-of-another-attempt-0000')],
    ['no state', (callback: URL) => callback.searchParams.delete('state')],
  ])('a callback with %s is state-mismatch, and nothing is exchanged', async (_what, tamper) => {
    const request = await begin();
    const callback = await consent(request.url);
    tamper(callback);
    const error = await captureError(exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI }));
    expect(error).toMatchObject({ name: 'Pax8OAuthError', code: 'state_mismatch', reason: 'state-mismatch', reauthenticate: false });
    expect(login.tokenRequests).toEqual([]);
  });

  it('a forged "access_denied" with a wrong state is a state mismatch, not a denial', async () => {
    const request = await begin();
    const callback = { error: 'access_denied', state: 'forged-state-forged-state-forged' };
    const error = await captureError(exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI }));
    expect(error).toMatchObject({ reason: 'state-mismatch' });
  });

  it('a wrong PKCE verifier is pkce-failed', async () => {
    const request = await begin();
    const callback = await consent(request.url);
    const other = await begin();
    const error = await captureError(exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: other.codeVerifier, redirectUri: REDIRECT_URI }));
    expect(error).toMatchObject({ name: 'Pax8OAuthError', code: 'invalid_grant', reason: 'pkce-failed', reauthenticate: false });
  });

  it('a replayed code is code-refused (a code is single-use; the step never retries)', async () => {
    const request = await begin();
    const callback = await consent(request.url);
    const exchange = { ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI };
    await exchangePax8AuthorizationCode(exchange);
    const error = await captureError(exchangePax8AuthorizationCode(exchange));
    expect(error).toMatchObject({ code: 'invalid_grant', reason: 'code-refused' });
    expect(login.tokenRequests).toHaveLength(2);
  });

  it('an expired code is code-refused (by the injected clock)', async () => {
    const request = await begin();
    const callback = await consent(request.url);
    clock.advance(61_000);
    const error = await captureError(exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI }));
    expect(error).toMatchObject({ reason: 'code-refused' });
  });

  it("an iss parameter must name the authorization server (RFC 9207); Pax8's by default, the endpoint's origin when moved", async () => {
    const request = await begin();
    const callback = await consent(request.url);
    const exchange = { ...app, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI };
    callback.searchParams.set('iss', 'https://evil.example/');
    const error = await captureError(exchangePax8AuthorizationCode({ ...exchange, callback }));
    expect(error).toMatchObject({ reason: 'invalid-response' });
    callback.searchParams.set('iss', 'https://login.pax8.com/');
    await expect(exchangePax8AuthorizationCode({ ...exchange, callback })).resolves.toMatchObject({ tokenType: 'bearer' });
    const moved = { ...exchange, authorizationEndpoint: 'https://auth.example.com/authorize', callback: { code: 'x', state: request.state, iss: 'https://login.pax8.com/' } };
    expect(await captureError(exchangePax8AuthorizationCode(moved))).toMatchObject({ reason: 'invalid-response' });
    expect(login.tokenRequests).toHaveLength(1);
  });

  it('the callback may be given as the URL, its query string or its parameters', async () => {
    for (const shape of [(u: URL) => u, (u: URL) => u.href, (u: URL) => u.search, (u: URL) => u.searchParams, (u: URL) => Object.fromEntries(u.searchParams)]) {
      const request = await begin();
      const callback = shape(await consent(request.url));
      await expect(exchangePax8AuthorizationCode({ ...app, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI })).resolves.toMatchObject({
        tokenType: 'bearer',
      });
    }
  });

  it('client_secret_basic is supported; a wrong secret is client-refused', async () => {
    const request = await begin();
    const callback = await consent(request.url);
    const exchange = { ...app, clientAuthentication: 'client_secret_basic' as const, callback, expectedState: request.state, codeVerifier: request.codeVerifier, redirectUri: REDIRECT_URI };
    await exchangePax8AuthorizationCode(exchange);
    expect(login.clientAuth).toEqual(['basic']);
    const again = await begin();
    const wrong = { ...exchange, clientSecret: 'app_WRONG_SECRET_1', callback: await consent(again.url), expectedState: again.state, codeVerifier: again.codeVerifier };
    recordIssuedToken(wrong.clientSecret);
    const error = await captureError(exchangePax8AuthorizationCode(wrong));
    expect(error).toMatchObject({ code: 'invalid_client', reason: 'client-refused' });
  });
});

describe('delegated authorization: refresh', () => {
  it('rotates: the new refresh token comes back to the caller, and the old one is dead', async () => {
    const first = await connect();
    clock.advance(3_000_000);
    const refreshed = await refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' });
    expect(refreshed.refreshToken).not.toBe(first.refreshToken);
    expect(refreshed).toMatchObject({ refreshTokenRotated: true, expiresAt: clock.now() + 3_600_000 });
    expect(login.tokenRequests.at(-1)).toMatchObject({ grant_type: 'refresh_token', refresh_token: first.refreshToken });
    const error = await captureError(refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' }));
    expect(error).toMatchObject({ name: 'Pax8OAuthError', code: 'invalid_grant', reason: 'reauthenticate', reauthenticate: true });
    expect(error.message).toMatch(/re-authenticate/);
  });

  it('without rotation the refresh token used is returned, marked not rotated', async () => {
    const first = await connect();
    login.rotate = false;
    const refreshed = await refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' });
    expect(refreshed).toMatchObject({ refreshToken: first.refreshToken, refreshTokenRotated: false });
  });

  it('a revoked refresh token (consent withdrawn) says re-authenticate', async () => {
    const first = await connect();
    login.refreshTokens.clear();
    const error = await captureError(refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' }));
    expect(error).toMatchObject({ reason: 'reauthenticate', reauthenticate: true });
  });

  it('an outage is a retryable Pax8ApiError, a 429 a Pax8RateLimitError: never retried by the step itself', async () => {
    const first = await connect();
    login.outage = 503;
    const down = await captureError(refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' }));
    expect(Pax8ApiError.isInstance(down)).toBe(true);
    expect(down).toMatchObject({ status: 503, isRetryable: true, url: `${LOGIN}/oauth/token` });
    server.use(http.post(`${LOGIN}/oauth/token`, () => HttpResponse.json({ error: 'too_many_requests' }, { status: 429, headers: { 'Retry-After': '30' } }), { once: true }));
    const busy = await captureError(refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' }));
    expect(Pax8RateLimitError.isInstance(busy)).toBe(true);
    expect(busy).toMatchObject({ retryAfterMs: 30_000 });
    expect(login.tokenRequests).toHaveLength(2);
  });

  it('uses the injected fetch; its refusal (isRetryable false) comes back unchanged', async () => {
    const first = await connect();
    const seen: string[] = [];
    const counting: Pax8Fetch = (input, init) => {
      seen.push(`${init?.method} ${String(input)}`);
      return fetch(input, init);
    };
    await refreshPax8AccessToken({ ...app, fetch: counting, refreshToken: first.refreshToken ?? '' });
    expect(seen).toEqual([`POST ${LOGIN}/oauth/token`]);
    const refusal = Object.assign(new Error('Sandbox connection: refused'), { isRetryable: false });
    const refusing: Pax8Fetch = async () => Promise.reject(refusal);
    await expect(refreshPax8AccessToken({ ...app, fetch: refusing, refreshToken: 'lgn_REFRESH_whatever' })).rejects.toBe(refusal);
  });

  it('a token endpoint on loopback http works (a simulator); http elsewhere is refused naming tokenEndpoint', async () => {
    server.use(http.post('http://127.0.0.1:4010/oauth/token', () => HttpResponse.json({ access_token: 'loop_ACCESS_1', token_type: 'bearer', expires_in: 60 })));
    recordIssuedToken('loop_ACCESS_1');
    await expect(refreshPax8AccessToken({ ...app, tokenEndpoint: 'http://127.0.0.1:4010/oauth/token', refreshToken: 'lgn_REFRESH_loop' })).resolves.toMatchObject({
      accessToken: 'loop_ACCESS_1',
      refreshToken: 'lgn_REFRESH_loop',
    });
    const error = await captureError(refreshPax8AccessToken({ ...app, tokenEndpoint: 'http://login.example.com/oauth/token', refreshToken: 'x' }));
    expect(error).toMatchObject({ name: 'Pax8InvalidArgumentError', field: 'tokenEndpoint' });
  });

  it('logs one line per step, and no log line or error holds a code, verifier, state, secret or token', async () => {
    const first = await connect();
    await refreshPax8AccessToken({ ...app, refreshToken: first.refreshToken ?? '' });
    expect(logger.lines.length).toBeGreaterThanOrEqual(2);
    expect(logger.lines.some((line) => line.includes('pax8 authorization code exchanged'))).toBe(true);
    recordIssuedToken(APP.clientSecret);
    // The file's audit (usePax8Server) checks every line and error against every recorded secret.
  });
});
