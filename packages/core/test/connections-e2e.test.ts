import { createAesGcmCodec, createSyncEngine, type ClientFactoryInput, pax8ClientFactory, Pax8SyncConfigError, Pax8SyncError } from '@pax8-sync/core';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, mapFirstCompanies, ran, testClientOptions } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const catchError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('connections', () => {
  it('validates settings with a typed error naming the field, never echoing the secret', async () => {
    h = await createHarness();
    const good = { name: 'x', environment: 'Production' as const, baseUrl: h.baseUrl, clientId: 'id', clientSecret: 'super-secret-value-1', country: 'US', currency: 'USD' };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: ' ' }, 'settings.name'],
      [{ environment: 'Staging' }, 'settings.environment'],
      [{ baseUrl: 'not a url' }, 'settings.baseUrl'],
      [{ baseUrl: 'ftp://api.pax8.com' }, 'settings.baseUrl'],
      [{ clientId: '' }, 'settings.clientId'],
      [{ clientSecret: '' }, 'settings.clientSecret'],
      [{ country: 'USA' }, 'settings.country'],
      [{ currency: 'dollars' }, 'settings.currency'],
      [{ companyDefaults: { selfServiceAllowed: 'yes' } }, 'settings.companyDefaults.selfServiceAllowed'],
    ];
    for (const [patch, field] of cases) {
      const error = await h.engine.createConnection({ ...good, ...patch } as typeof good).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(Pax8SyncConfigError);
      expect((error as Pax8SyncConfigError).field).toBe(field);
      expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain('super-secret-value-1');
    }
    expect(await h.storage.connections.list()).toEqual([]);
  });

  it('stores credentials sealed, applies defaults, updates, verifies, and a wrong secret fails verification without leaking it', async () => {
    h = await createHarness();
    const connection = await h.connect({ companyDefaults: { billOnBehalfOfEnabled: true, orderApprovalRequired: true } });
    expect(connection).toMatchObject({ environment: 'Production', baseUrl: h.baseUrl, country: 'US', currency: 'USD', companyDefaults: { selfServiceAllowed: false, billOnBehalfOfEnabled: true, orderApprovalRequired: true } });
    expect(connection).not.toHaveProperty('sealedCredentials');
    const raw = JSON.stringify(h.storage.rawRows(connection.id));
    expect(raw).not.toContain(h.sim.credentials.clientSecret);
    expect(raw).not.toContain(h.sim.credentials.clientId);

    const renamed = await h.engine.updateConnection(connection.id, { name: 'Renamed', clientSecret: undefined });
    expect(renamed.name).toBe('Renamed');
    expect((await h.engine.verifyConnection(connection.id)).ok).toBe(true);

    await h.engine.updateConnection(connection.id, { clientSecret: 'wrong-secret-abcdef' });
    expect(await h.storage.tokens.get(connection.id)).toBeUndefined();
    const bad = await h.engine.verifyConnection(connection.id);
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad)).not.toContain('wrong-secret-abcdef');
    expect(JSON.stringify(h.log.lines)).not.toContain('wrong-secret-abcdef');
  });

  it('tokens come from the token store in storage: a restarted engine (even after key rotation) fetches no new token', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    expect(h.sim.counters.tokensIssued).toBe(1);
    const stored = await h.storage.tokens.get(id);
    expect(stored?.sealedAccessToken).toMatch(/^pax8s1\./);

    const newKey = randomBytes(32);
    const restarted = createSyncEngine({ ...h.options, codec: createAesGcmCodec({ key: newKey, previousKeys: [h.key] }) });
    h.clock.advance(3_600_000);
    ran(await restarted.syncCompanies({ connectionId: id }));
    expect(h.sim.counters.tokensIssued).toBe(1);
    expect((await restarted.verifyConnection(id)).ok).toBe(true);
  });

  it('removeConnection purges every synced row and sends nothing to Pax8', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies(h, id, 3);
    await h.engine.syncSubscriptions({ connectionId: id });
    const other = await h.connect({ name: 'other' });
    await h.engine.syncCompanies({ connectionId: other.id });
    const requests = h.sim.counters.requests;
    await h.engine.removeConnection(id);
    expect(h.storage.rawRows(id)).toEqual([]);
    expect(h.sim.counters.requests).toBe(requests);
    await expect(h.engine.getConnection(id)).rejects.toMatchObject({ code: 'not-found' });
    expect(await h.storage.companies.count(other.id)).toBe(h.sim.world.companies.size);
  });

  it('company defaults are all forced false in Sandbox, on create, on update and when switching to Sandbox', async () => {
    h = await createHarness();
    const allTrue = { selfServiceAllowed: true, billOnBehalfOfEnabled: true, orderApprovalRequired: true };
    const allFalse = { selfServiceAllowed: false, billOnBehalfOfEnabled: false, orderApprovalRequired: false };
    const sandbox = await h.connect({ environment: 'Sandbox', companyDefaults: allTrue });
    expect(sandbox.companyDefaults).toEqual(allFalse);
    expect((await h.engine.updateConnection(sandbox.id, { companyDefaults: allTrue })).companyDefaults).toEqual(allFalse);
    const production = await h.connect({ companyDefaults: allTrue });
    expect(production.companyDefaults).toEqual(allTrue);
    expect((await h.engine.updateConnection(production.id, { environment: 'Sandbox' })).companyDefaults).toEqual(allFalse);
    expect((await h.engine.getConnection(production.id)).companyDefaults).toEqual(allFalse);
  });

  it('a Sandbox connection reads from Pax8 but can never change anything there', async () => {
    h = await createHarness();
    let captured: ClientFactoryInput | undefined;
    const engine = createSyncEngine({
      ...h.options,
      createClient: (input) => {
        captured = input;
        return pax8ClientFactory(testClientOptions)(input);
      },
    });
    const sandbox = await engine.createConnection({ name: 'sb', environment: 'Sandbox', baseUrl: h.baseUrl, ...h.sim.credentials, country: 'GB', currency: 'GBP', companyDefaults: { orderApprovalRequired: true } });
    expect(sandbox.companyDefaults.orderApprovalRequired).toBe(false);
    expect(ran(await engine.syncCompanies({ connectionId: sandbox.id })).outcome).toBe('succeeded');
    const refused = await captured!.fetch(`${h.baseUrl}/v1/companies`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(Pax8SyncError.isInstance(refused) && refused.code).toBe('sandbox-write-refused');
    const asRequest = await captured!.fetch(new Request(`${h.baseUrl}/v1/subscriptions/x`, { method: 'PUT', body: '{}' })).catch((e: unknown) => e);
    expect(Pax8SyncError.isInstance(asRequest)).toBe(true);
    expect(h.sim.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`).every((r) => r.startsWith('GET ') || r === 'POST /v1/token')).toBe(true);
    expect(h.sim.requests.length).toBeGreaterThan(1);
  });
});

describe('secrets', () => {
  it('appear in no event, log line, run record, stored row or error', async () => {
    h = await createHarness({ subscriptions: 80 });
    let token: string | undefined;
    const engine = createSyncEngine({
      ...h.options,
      createClient: (input) => {
        const client = pax8ClientFactory(testClientOptions)(input);
        const original = input.tokenStore.set.bind(input.tokenStore);
        input.tokenStore.set = async (t) => {
          token = t.accessToken;
          await original(t);
        };
        return client;
      },
    });
    const { id } = await engine.createConnection({ name: 's', environment: 'Production', baseUrl: h.baseUrl, ...h.sim.credentials, country: 'US', currency: 'USD' });
    await engine.verifyConnection(id);
    await engine.syncCompanies({ connectionId: id });
    await mapFirstCompanies({ ...h, engine }, id, 6);
    h.sim.faults.inject({ kind: 'serverError', route: 'GET /v1/subscriptions', times: 10 });
    const failed = ran(await engine.syncSubscriptions({ connectionId: id }));
    expect(failed.outcome).toBe('failed');
    h.sim.faults.clear();
    ran(await engine.syncSubscriptions({ connectionId: id }));
    h.sim.revokeTokens();
    await engine.syncCompanies({ connectionId: id });

    expect(token).toBeTruthy();
    const secrets = [h.sim.credentials.clientSecret, token!, h.key];
    const haystacks = {
      events: JSON.stringify((await engine.listChanges(id, { limit: 10_000 })).events),
      logs: JSON.stringify(h.log.lines),
      runs: JSON.stringify(await h.storage.runs.list(id)),
      rows: JSON.stringify(h.storage.rawRows(id)),
      error: JSON.stringify(catchError(() => createAesGcmCodec({ key: h.key.slice(0, 20) }))) + String(catchError(() => createAesGcmCodec({ key: h.key.slice(0, 20) }))),
    };
    expect(haystacks.logs.length).toBeGreaterThan(1_000);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
    }
  });
});

describe('mapping workflow', () => {
  it('suggests with Quick Match, confirms ("Save All"), rejects, maps by hand, and lists by filter', async () => {
    h = await createHarness();
    const { id } = await h.connect();
    await h.engine.syncCompanies({ connectionId: id });
    const companies = (await h.storage.companies.list(id)).items;
    const psa = companies.slice(0, 3).map((c, i) => ({ id: `psa-${i}`, name: `${c.name.toUpperCase()} LLC` }));
    const { suggestions } = await h.engine.suggestMappings({ connectionId: id, psaCompanies: psa });
    expect(suggestions.map((s) => [s.pax8Id, s.psaId]).sort()).toEqual(companies.slice(0, 3).map((c, i) => [c.id, `psa-${i}`]).sort());
    expect((await h.storage.mappings.list(id, { state: 'pending' })).length).toBe(3);

    await h.engine.rejectMapping({ connectionId: id, pax8CompanyId: companies[0]!.id });
    const confirmed = await h.engine.confirmMappings({ connectionId: id });
    expect(confirmed.map((m) => m.pax8CompanyId).sort()).toEqual([companies[1]!.id, companies[2]!.id].sort());

    const again = await h.engine.suggestMappings({ connectionId: id, psaCompanies: psa });
    expect(again.suggestions.some((s) => s.pax8Id === companies[0]!.id && s.psaId === 'psa-0')).toBe(false);

    const manual = await h.engine.setMapping({ connectionId: id, pax8CompanyId: companies[3]!.id, psaCompanyId: 'psa-manual' });
    expect(manual).toMatchObject({ state: 'confirmed', source: 'manual', score: null });
    await expect(h.engine.setMapping({ connectionId: id, pax8CompanyId: 'nope', psaCompanyId: 'x' })).rejects.toMatchObject({ code: 'not-found' });

    const mapped = await h.engine.listMappings({ connectionId: id, filter: 'mapped' });
    expect(mapped.map((m) => m.pax8CompanyId).sort()).toEqual([companies[1]!.id, companies[2]!.id, companies[3]!.id].sort());
    const unmapped = await h.engine.listMappings({ connectionId: id, filter: 'unmapped' });
    expect(unmapped.length).toBe(companies.length - 3);
    expect(unmapped.find((m) => m.pax8CompanyId === companies[0]!.id)?.state).toBe('rejected');
    expect((await h.engine.listMappings({ connectionId: id })).length).toBe(companies.length);
    await expect(h.engine.listMappings({ connectionId: id, filter: 'some' as 'all' })).rejects.toBeInstanceOf(Pax8SyncConfigError);
  });
});
