import { describe } from 'vitest';
import { readme, region } from './support/readme-region';

// #region readme-oauth
import { createHash, randomBytes } from 'node:crypto';
import { createPax8Simulator } from '@pax8-sync/testing';
import { expect, it } from 'vitest';

it('connects a partner by delegated authorization, then loses access when consent is revoked', async () => {
  const sim = createPax8Simulator({ seed: 8, accounts: [{ name: 'acme-msp' }, { name: 'beta-msp' }] });
  await sim.listen();
  const login = sim.oauth.endpoints(); // http://127.0.0.1:<port>/authorize, /oauth/token, ...
  const app = sim.oauth.applications[0]!; // the simulated PSA's client id and secret
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(login.authorizationEndpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: 'http://127.0.0.1:3000/pax8/callback',
    scope: 'Manage:Pax8Data offline_access',
    audience: 'https://api.pax8.com',
    state: 'state-123',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  // The person at the consent page: log in as beta-msp and accept.
  const page = await (await fetch(authorize)).text();
  const transaction = /name="transaction" value="([^"]+)"/.exec(page)![1]!;
  const form = new URLSearchParams({ transaction, account: sim.account('beta-msp').id, decision: 'approve' });
  const answer = await fetch(login.consentEndpoint, { method: 'POST', body: form, redirect: 'manual' });
  const callback = new URL(answer.headers.get('location')!);
  expect(callback.searchParams.get('state')).toBe('state-123');

  const exchange = new URLSearchParams({
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code')!,
    redirect_uri: 'http://127.0.0.1:3000/pax8/callback',
    code_verifier: verifier,
    client_id: app.clientId,
    client_secret: app.clientSecret!,
  });
  const tokens = await (await fetch(login.tokenEndpoint, { method: 'POST', body: exchange })).json();
  const companies = await fetch(`${sim.url}/v1/companies`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect((await companies.json()).content[0].id).toBe(sim.account('beta-msp').world.companies.ids()[0]);

  sim.oauth.revokeConsent({ account: 'beta-msp' }); // the partner disconnects the PSA at Pax8
  const refresh = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: app.clientId, client_secret: app.clientSecret! });
  const refused = await fetch(login.tokenEndpoint, { method: 'POST', body: refresh });
  expect([refused.status, (await refused.json()).error]).toEqual([403, 'invalid_grant']);
  await sim.close();
});
// #endregion readme-oauth

describe('README', () => {
  it('shows the delegated authorization example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-oauth'));
  });
});
