import { createHash } from 'node:crypto';
import {
  authorizationStateCodecContext,
  createSyncEngine,
  grantCodecContext,
  Pax8SyncAuthorizationError,
  Pax8SyncConfigError,
  Pax8SyncReauthorizationRequiredError,
} from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DelegatedHarness, createDelegatedHarness, REDIRECT_URI } from './support/delegated';
import { ran } from './support/harness';

let h: DelegatedHarness;
afterEach(async () => {
  await h?.close();
});

const companyIdsOf = async (connectionId: string) => (await h.storage.companies.list(connectionId, { limit: 1000 })).items.map((c) => c.id).sort();
const reasonOf = (error: unknown) => (Pax8SyncAuthorizationError.isInstance(error) ? error.reason : error);

describe('delegated authorization: begin and complete over real HTTP', () => {
  it('begin gives the login URL with state and PKCE; approve connects; the partner account is synced', async () => {
    h = await createDelegatedHarness();
    const connection = await h.createDelegated();
    expect(connection.auth).toMatchObject({ kind: 'authorization-code', status: 'not-connected', tokenEndpoint: h.login.tokenEndpoint, audience: 'https://api.pax8.com', scopes: ['Manage:Pax8Data'], offlineScope: 'offline_access' });
    const { url, expiresAt } = await h.engine.beginAuthorization({ connectionId: connection.id, redirectUri: REDIRECT_URI });
    const query = new URL(url).searchParams;
    expect(url.startsWith(`${h.login.authorizationEndpoint}?`)).toBe(true);
    expect(Object.fromEntries(query)).toEqual({
      response_type: 'code',
      client_id: h.sim.oauth.applications[0]!.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'Manage:Pax8Data offline_access',
      state: expect.stringMatching(/^[\w-]{43,}$/),
      audience: 'https://api.pax8.com',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(expiresAt).toBe(h.clock.now() + 600_000);
    // Only the hash of the state and the sealed verifier are stored.
    const [row] = h.storage.rawRows(connection.id).filter((r) => r.table === 'authorization_states');
    const stored = row?.row as { stateHash: string; sealedVerifier: string };
    expect(stored.stateHash).toBe(createHash('sha256').update(query.get('state')!).digest('base64url'));
    const verifier = await h.options.codec.open(stored.sealedVerifier, authorizationStateCodecContext(connection.id, stored.stateHash));
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(query.get('code_challenge'));

    const callback = await h.consent(connection.id, 'acme-msp', 'approve');
    const done = await h.engine.completeAuthorization(callback);
    expect(done.connectionId).toBe(connection.id);
    expect(done.connection.auth).toMatchObject({ kind: 'authorization-code', status: 'connected', authorizedAt: h.clock.now() });
    expect(h.traffic.grants).toEqual(['authorization_code']);
    expect((await h.engine.verifyConnection(connection.id)).ok).toBe(true);
    const initial = await h.engine.runInitialSync({ connectionId: connection.id });
    expect([initial.companies.outcome, initial.products.outcome]).toEqual(['succeeded', 'succeeded']);
    expect(await companyIdsOf(connection.id)).toEqual([...h.sim.account('acme-msp').world.companies.ids()].sort());
    expect(h.sim.requests.filter((r) => r.route === 'GET /v1/companies').every((r) => r.url.startsWith(`${h.baseUrl}/v1/companies?`) && r.account === h.sim.account('acme-msp').id)).toBe(true);
  });

  it('a denied consent, a replayed, expired or unknown state: typed errors with a plain reason, nothing exchanged', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    const denied = await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'deny')).catch((e: unknown) => e);
    expect(reasonOf(denied)).toBe('consent-denied');
    expect((denied as Error).message).toMatch(/declined .* nothing was connected/);
    expect((await h.engine.getConnection(id)).auth).toMatchObject({ status: 'not-connected' });

    const callback = await h.consent(id, 'acme-msp', 'approve');
    await h.engine.completeAuthorization(callback);
    const replayed = await h.engine.completeAuthorization(callback).catch((e: unknown) => e);
    expect(reasonOf(replayed)).toBe('state-replayed');
    expect((replayed as Pax8SyncAuthorizationError).connectionId).toBe(id);

    const late = await h.consent(id, 'acme-msp', 'approve');
    h.clock.advance(600_001);
    expect(reasonOf(await h.engine.completeAuthorization(late).catch((e: unknown) => e))).toBe('state-expired');
    expect(reasonOf(await h.engine.completeAuthorization({ state: 'x'.repeat(43), code: 'forged' }).catch((e: unknown) => e))).toBe('state-unknown');
    expect(reasonOf(await h.engine.completeAuthorization({ state: '', code: 'forged' }).catch((e: unknown) => e))).toBe('state-unknown');
    // Only the one good callback reached the token endpoint.
    expect(h.traffic.grants).toEqual(['authorization_code']);
    expect((await h.engine.getConnection(id)).auth).toMatchObject({ status: 'connected' });
  });

  it('a state completes only the connection it was started for', async () => {
    h = await createDelegatedHarness();
    const a = await h.createDelegated('A');
    const b = await h.createDelegated('B');
    await h.engine.beginAuthorization({ connectionId: b.id, redirectUri: REDIRECT_URI });
    const done = await h.engine.completeAuthorization(await h.consent(a.id, 'acme-msp', 'approve'));
    expect(done.connectionId).toBe(a.id);
    expect((await h.engine.getConnection(b.id)).auth).toMatchObject({ status: 'not-connected' });
    await expect(h.engine.syncCompanies({ connectionId: b.id })).rejects.toSatisfy(Pax8SyncReauthorizationRequiredError.isInstance);
  });

  it('a refused code exchange is a typed error; the code is exchanged with the verifier and the registered redirect URI', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    const callback = await h.consent(id, 'acme-msp', 'approve');
    // The code is single-use at Pax8: use it up outside the engine, then the engine's exchange is refused.
    const app = h.sim.oauth.applications[0]!;
    const used = await fetch(h.login.tokenEndpoint, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: (callback as { code: string }).code, redirect_uri: REDIRECT_URI, client_id: app.clientId, client_secret: app.clientSecret! }) });
    expect([used.status, ((await used.json()) as { error: string }).error]).toEqual([403, 'invalid_grant']); // no verifier: PKCE is enforced
    const refused = await h.engine.completeAuthorization(callback).catch((e: unknown) => e);
    expect(reasonOf(refused)).toBe('code-refused');
    expect((refused as Error).message).toMatch(/Start "Connect to Pax8" again/);
  });

  it('settings: typed errors naming the field; a storage without the capability and client-credentials connections are refused plainly', async () => {
    h = await createDelegatedHarness();
    const base = { name: 'x', environment: 'Production' as const, baseUrl: h.baseUrl, country: 'US', currency: 'USD' };
    const cases: [Record<string, unknown>, string][] = [
      [{ auth: { kind: 'authorization-code' } }, 'settings.auth.clientId'],
      [{ auth: { kind: 'authorization-code', clientId: 'app', tokenEndpoint: 'http://login.example.com/oauth/token' } }, 'settings.auth.tokenEndpoint'],
      [{ auth: { kind: 'authorization-code', clientId: 'app', scopes: ['two words'] } }, 'settings.auth.scopes'],
      [{ auth: { kind: 'authorization-code', clientId: 'app', clientAuthentication: 'client_secret_post' } }, 'settings.auth.clientSecret'],
      [{ clientId: 'partner', auth: { kind: 'authorization-code', clientId: 'app' } }, 'settings.clientId'],
      [{ auth: { kind: 'password' } }, 'settings.auth.kind'],
    ];
    for (const [patch, field] of cases) {
      const error = await h.engine.createConnection({ ...base, ...patch } as never).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(Pax8SyncConfigError);
      expect((error as Pax8SyncConfigError).field).toBe(field);
    }
    const plain = await h.engine.createConnection({ ...base, ...h.sim.credentials });
    expect(plain.auth).toEqual({ kind: 'client-credentials' });
    const notDelegated = await h.engine.beginAuthorization({ connectionId: plain.id, redirectUri: REDIRECT_URI }).catch((e: unknown) => e);
    expect((notDelegated as Pax8SyncConfigError).field).toBe('connectionId');
    const { id } = await h.createDelegated();
    expect(((await h.engine.beginAuthorization({ connectionId: id, redirectUri: 'psa/callback' }).catch((e: unknown) => e)) as Pax8SyncConfigError).field).toBe('redirectUri');

    // An adapter written before delegated authorization (no capability, no store) keeps working for client credentials only.
    const { authorizations: _none, ...stores } = h.storage;
    const older = createSyncEngine({ ...h.options, storage: { ...stores, capabilities: { concurrentTransactions: false, durable: false } } });
    const error = await older.createConnection({ ...base, auth: { kind: 'authorization-code', clientId: 'app' } }).catch((e: unknown) => e);
    expect((error as Pax8SyncConfigError).field).toBe('storage.capabilities.delegatedAuthorization');
    expect((await older.createConnection({ ...base, ...h.sim.credentials })).auth).toEqual({ kind: 'client-credentials' });
  });
});

describe('delegated authorization: renewal', () => {
  it('refreshes before expiry (one refresh_token grant, the rotated token saved with the access token), then uses the new token', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'approve'));
    const first = await h.storage.authorizations.getGrant(id);
    expect(ran(await h.engine.syncCompanies({ connectionId: id })).outcome).toBe('succeeded');
    expect(h.traffic.grants).toEqual(['authorization_code']);
    // 24 h tokens: 4 minutes before expiry is inside the 5-minute margin.
    h.clock.advance(86_400_000 - 240_000);
    expect(ran(await h.engine.syncCompanies({ connectionId: id })).outcome).toBe('succeeded');
    expect(h.traffic.grants).toEqual(['authorization_code', 'refresh_token']);
    const second = await h.storage.authorizations.getGrant(id);
    expect(second).toMatchObject({ status: 'connected', version: (first?.version ?? 0) + 1, accessTokenExpiresAt: h.clock.now() + 86_400_000 });
    const opened = (g: typeof first) => h.options.codec.open(g?.sealedTokens ?? '', grantCodecContext(id)).then((t) => JSON.parse(t) as { accessToken: string; refreshToken: string });
    const [before, after] = [await opened(first), await opened(second)];
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated, and stored in the same sealed value
    expect(h.log.lines.some((l) => l.message === 'pax8-sync: access token renewed')).toBe(true);
  });

  it('one refresh at a time across two engines sharing one storage; neither loses the newer refresh token', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'approve'));
    const other = h.secondEngine();
    // Both processes read the token once, so each holds it in memory.
    await Promise.all([h.engine.verifyConnection(id), other.verifyConnection(id)]);
    h.clock.advance(86_400_000 + 1);
    const [a, b, c] = await Promise.all([h.engine.syncCompanies({ connectionId: id }), other.syncProducts({ connectionId: id }), other.verifyConnection(id)]);
    expect([ran(a).outcome, ran(b).outcome, c.ok]).toEqual(['succeeded', 'succeeded', true]);
    expect(h.traffic.grants).toEqual(['authorization_code', 'refresh_token']);
    // The refresh token in storage is the newest: the next renewal works for both.
    h.clock.advance(86_400_000 + 1);
    expect(ran(await other.syncCompanies({ connectionId: id })).outcome).toBe('succeeded');
    expect(ran(await h.engine.syncProducts({ connectionId: id })).outcome).toBe('succeeded');
    expect(h.traffic.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    expect((await h.engine.getConnection(id)).auth).toMatchObject({ status: 'connected' });
  });
});

describe('delegated authorization: re-authentication', () => {
  it('revoked consent: marked reauthorization-required; syncs fail fast, verify says re-authenticate; completing again resumes the run', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'approve'));
    let revoked = false;
    const failed = ran(
      await h.engine.syncCompanies({
        connectionId: id,
        pageSize: 5,
        onProgress: () => {
          if (!revoked) revoked = h.sim.oauth.revokeConsent({ account: 'acme-msp' }) > 0;
        },
      }),
    );
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toMatch(/re-authenticate/);
    const view = await h.engine.getConnection(id);
    expect(view.auth).toMatchObject({ status: 'reauthorization-required', reason: expect.stringMatching(/refused the stored refresh token .*Consent revoked/) });

    const requests = h.sim.requests.length;
    const refused = await h.engine.syncCompanies({ connectionId: id }).catch((e: unknown) => e);
    expect(Pax8SyncReauthorizationRequiredError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toMatch(new RegExp(`Connection ${id} needs the partner to re-authenticate .*Connect to Pax8`));
    await expect(h.engine.syncProducts({ connectionId: id })).rejects.toSatisfy(Pax8SyncReauthorizationRequiredError.isInstance);
    await expect(h.engine.runInitialSync({ connectionId: id })).rejects.toSatisfy(Pax8SyncReauthorizationRequiredError.isInstance);
    const check = await h.engine.verifyConnection(id);
    expect(check).toMatchObject({ ok: false, reauthorizationRequired: true, reason: expect.stringMatching(/^re-authenticate: /) });
    expect(h.sim.requests.length).toBe(requests); // failed fast: nothing sent to Pax8
    expect((await h.storage.runs.list(id, { entity: 'companies' })).length).toBe(1); // and no run recorded

    await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'approve'));
    expect((await h.engine.getConnection(id)).auth).toMatchObject({ status: 'connected' });
    const resumed = ran(await h.engine.syncCompanies({ connectionId: id, pageSize: 5 }));
    expect(resumed.outcome).toBe('succeeded');
    expect(resumed.resumedFromRunId).toBe(failed.runId);
    expect(await companyIdsOf(id)).toEqual([...h.sim.account('acme-msp').world.companies.ids()].sort());
  });

  it('verify finds a revoked consent itself and says re-authenticate', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'approve'));
    expect((await h.engine.verifyConnection(id)).ok).toBe(true);
    h.sim.oauth.revokeConsent({ account: 'acme-msp' });
    expect(await h.engine.verifyConnection(id)).toMatchObject({ ok: false, reauthorizationRequired: true, reason: expect.stringMatching(/^re-authenticate/) });
    expect((await h.engine.getConnection(id)).auth).toMatchObject({ status: 'reauthorization-required' });
  });

  it('without a refresh token (offline scope off) an expired access token needs a new consent', async () => {
    h = await createDelegatedHarness();
    const app = h.sim.oauth.applications[0]!;
    const { id } = await h.engine.createConnection({
      name: 'No refresh',
      environment: 'Production',
      baseUrl: h.baseUrl,
      country: 'US',
      currency: 'USD',
      auth: { kind: 'authorization-code', clientId: app.clientId, clientSecret: app.clientSecret, authorizationEndpoint: h.login.authorizationEndpoint, tokenEndpoint: h.login.tokenEndpoint, offlineScope: false },
    });
    await h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'approve'));
    h.clock.advance(86_400_000);
    const failed = ran(await h.engine.syncCompanies({ connectionId: id }));
    expect(failed.error).toMatch(/no refresh token/);
    expect((await h.engine.getConnection(id)).auth).toMatchObject({ status: 'reauthorization-required', reason: expect.stringMatching(/no refresh token/) });
    expect(h.traffic.grants).toEqual(['authorization_code']);
  });
});

describe('delegated authorization: many partners, secrets', () => {
  it('two partners on one application: each connection syncs its own account; tokens never cross; one revoked leaves the other', async () => {
    h = await createDelegatedHarness();
    const acme = await h.createDelegated('Acme');
    const beta = await h.createDelegated('Beta');
    await h.engine.completeAuthorization(await h.consent(acme.id, 'acme-msp', 'approve'));
    await h.engine.completeAuthorization(await h.consent(beta.id, 'beta-msp', 'approve'));
    await h.engine.syncCompanies({ connectionId: acme.id });
    await h.engine.syncCompanies({ connectionId: beta.id });
    expect(await companyIdsOf(acme.id)).toEqual([...h.sim.account('acme-msp').world.companies.ids()].sort());
    expect(await companyIdsOf(beta.id)).toEqual([...h.sim.account('beta-msp').world.companies.ids()].sort());
    const grantA = await h.storage.authorizations.getGrant(acme.id);
    const grantB = await h.storage.authorizations.getGrant(beta.id);
    // A sealed pair opens only for its own connection.
    await expect(h.options.codec.open(grantA?.sealedTokens ?? '', grantCodecContext(beta.id))).rejects.toThrow(/does not authenticate/);
    const tokensA = JSON.parse(await h.options.codec.open(grantA?.sealedTokens ?? '', grantCodecContext(acme.id))) as { accessToken: string; refreshToken: string };
    const tokensB = JSON.parse(await h.options.codec.open(grantB?.sealedTokens ?? '', grantCodecContext(beta.id))) as { accessToken: string; refreshToken: string };
    expect(tokensA.accessToken).not.toBe(tokensB.accessToken);
    // Every Pax8 request of a connection's sync was made for its own account.
    const accounts = new Set(h.sim.requests.filter((r) => r.route === 'GET /v1/companies').map((r) => r.account));
    expect(accounts).toEqual(new Set([h.sim.account('acme-msp').id, h.sim.account('beta-msp').id]));

    h.sim.oauth.revokeConsent({ account: 'acme-msp' });
    h.clock.advance(86_400_000);
    expect(ran(await h.engine.syncCompanies({ connectionId: acme.id })).outcome).toBe('failed');
    expect(ran(await h.engine.syncCompanies({ connectionId: beta.id })).outcome).toBe('succeeded');
    expect((await h.engine.getConnection(acme.id)).auth).toMatchObject({ status: 'reauthorization-required' });
    expect((await h.engine.getConnection(beta.id)).auth).toMatchObject({ status: 'connected' });
  });

  it('no code, state, verifier, access or refresh token in storage, logs, errors or results', async () => {
    h = await createDelegatedHarness();
    const { id } = await h.createDelegated();
    const results: unknown[] = [];
    const keep = async <T>(p: Promise<T>) => {
      const value = await p.catch((e: unknown) => e);
      results.push(value instanceof Error ? { ...value, name: value.name, message: value.message } : value);
      return value;
    };
    const verifiers = new Set<string>();
    const begin = h.engine.beginAuthorization.bind(h.engine);
    h.engine.beginAuthorization = async (o) => {
      // The login URL carries the state by protocol (it is only ever a redirect): everything else begin returns is grepped.
      const started = await begin(o);
      results.push({ ...started, url: new URL(started.url).origin });
      for (const row of h.storage.rawRows(id).filter((r) => r.table === 'authorization_states')) {
        const s = row.row as { stateHash: string; sealedVerifier: string };
        verifiers.add(await h.options.codec.open(s.sealedVerifier, authorizationStateCodecContext(id, s.stateHash)));
      }
      return started;
    };
    await keep(h.engine.completeAuthorization(await h.consent(id, 'acme-msp', 'deny')));
    const callback = await h.consent(id, 'acme-msp', 'approve');
    await keep(h.engine.completeAuthorization(callback));
    await keep(h.engine.completeAuthorization(callback));
    await keep(h.engine.syncCompanies({ connectionId: id }));
    h.clock.advance(86_400_000);
    await keep(h.engine.syncCompanies({ connectionId: id }));
    h.sim.oauth.revokeConsent();
    h.clock.advance(86_400_000);
    await keep(h.engine.syncCompanies({ connectionId: id }));
    await keep(h.engine.syncCompanies({ connectionId: id }));
    await keep(h.engine.verifyConnection(id));
    await keep(h.engine.getConnection(id));
    const secrets = [...h.traffic.secrets, ...verifiers].filter((s) => s.length >= 8);
    expect(h.traffic.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    expect(secrets.length).toBeGreaterThanOrEqual(10); // 3 states, 2 codes, 3 verifiers, access and refresh tokens
    const dump = JSON.stringify({ rows: h.storage.rawRows(id), logs: h.log.lines, results });
    for (const secret of secrets) {
      const at = dump.indexOf(secret);
      expect(at, `a secret in storage, logs, errors or results: …${dump.slice(Math.max(0, at - 300), at)}[SECRET]…`).toBe(-1);
    }
    expect(dump).toContain('pax8s1.'); // sealed values are there
  });
});
