import type { StoredConnection } from '@pax8-sync/core';
import { clientIdAccountKey, connectionAccountKey } from '@pax8-sync/worker';
import { describe, expect, it } from 'vitest';

const connection = (id: string, auth?: StoredConnection['auth'], baseUrl = 'https://api.pax8.com'): StoredConnection => ({
  id,
  name: id,
  environment: 'Production',
  baseUrl,
  country: 'US',
  currency: 'USD',
  companyDefaults: { selfServiceAllowed: false, billOnBehalfOfEnabled: false, orderApprovalRequired: false },
  sealedCredentials: 'sealed',
  ...(auth ? { auth } : {}),
  createdAt: 0,
  updatedAt: 0,
});

const delegated: StoredConnection['auth'] = {
  kind: 'authorization-code',
  authorizationEndpoint: 'https://login.pax8.com/authorize',
  tokenEndpoint: 'https://login.pax8.com/oauth/token',
  audience: 'https://api.pax8.com',
  scopes: ['Manage:Pax8Data'],
  offlineScope: 'offline_access',
  clientAuthentication: 'client_secret_post',
} as StoredConnection['auth'];

describe('the default account key: which Pax8 partner account a connection counts against', () => {
  it('client credentials: one client id on one endpoint is one partner account, whatever the connection; the key holds no client id in clear', () => {
    const a = clientIdAccountKey({ connection: connection('a'), clientId: 'partner-1' });
    expect(clientIdAccountKey({ connection: connection('b', { kind: 'client-credentials' }), clientId: 'partner-1' })).toBe(a);
    expect(clientIdAccountKey({ connection: connection('c'), clientId: 'partner-2' })).not.toBe(a);
    expect(clientIdAccountKey({ connection: connection('d', undefined, 'http://127.0.0.1:4010'), clientId: 'partner-1' })).not.toBe(a);
    expect(a).not.toContain('partner-1');
  });

  it("delegated: every partner that consented to one application has its own limit, though they share the application's client id", () => {
    const one = clientIdAccountKey({ connection: connection('partner-a', delegated), clientId: 'psa-application' });
    const two = clientIdAccountKey({ connection: connection('partner-b', delegated), clientId: 'psa-application' });
    expect(one).not.toBe(two);
    expect(one).toBe(connectionAccountKey({ connection: connection('partner-a', delegated), clientId: 'psa-application' }));
    expect(clientIdAccountKey({ connection: connection('partner-a', delegated), clientId: 'psa-application' })).toBe(one);
  });
});
