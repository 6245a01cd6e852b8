import { type AuthorizationCallback, createSyncEngine, type SyncEngine } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, dumpSchema, secondClient, testDatabases, testKey, uniqueSchema } from './support/databases';
import { clientOptions, fakeClock, ran, sequentialIds } from './support/engine-harness';

const REDIRECT_URI = 'https://psa.example.com/pax8/callback';

/** Records the token endpoint's traffic: the grants asked for, and every code, token and verifier seen. */
function recordingFetch(tokenEndpoint: string, traffic: { grants: string[]; secrets: Set<string> }): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== tokenEndpoint) return fetch(input, init);
    const form = new URLSearchParams(String(init?.body ?? ''));
    traffic.grants.push(form.get('grant_type') ?? '?');
    for (const key of ['code', 'refresh_token', 'code_verifier']) if (form.get(key)) traffic.secrets.add(form.get(key) ?? '');
    const response = await fetch(input, init);
    const body = (await response.clone().json().catch(() => ({}))) as Record<string, unknown>;
    for (const key of ['access_token', 'refresh_token']) if (typeof body[key] === 'string') traffic.secrets.add(body[key] as string);
    return response;
  };
}

for (const db of testDatabases()) {
  describe(`delegated authorization on Postgres (${db.name}): two storages on one database`, () => {
    let sim: Pax8Simulator;
    let a: PostgresStorage;
    let b: PostgresStorage;
    let other: ReturnType<typeof secondClient>;
    const clock = fakeClock();
    const traffic = { grants: [] as string[], secrets: new Set<string>() };
    const lines: string[] = [];
    const logger = { info: (f: object, m: string) => void lines.push(m + JSON.stringify(f)), warn: (f: object, m: string) => void lines.push(m + JSON.stringify(f)), error: (f: object, m: string) => void lines.push(m + JSON.stringify(f)) };
    let engineA: SyncEngine;
    let engineB: SyncEngine;

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 31, accounts: [{ name: 'acme-msp', companies: 9 }, { name: 'beta-msp', companies: 4 }], products: 3, subscriptions: 6, now: clock.now, wait: async () => undefined });
      await sim.listen();
      const schema = uniqueSchema();
      other = secondClient(db);
      a = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
      b = createPostgresStorage({ client: other.client, schema, encryptionKey: testKey });
      await Promise.all([a.migrate(), b.migrate()]);
      const fetch = recordingFetch(sim.oauth.endpoints().tokenEndpoint, traffic);
      const common = { clock, clientOptions, fetch, logger, sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 2)) };
      engineA = createSyncEngine({ storage: a, codec: a.codec, ids: sequentialIds('a'), ...common });
      engineB = createSyncEngine({ storage: b, codec: b.codec, ids: sequentialIds('b'), ...common });
    });
    afterAll(async () => {
      await sim?.close();
      await dropStorage(db, a);
      await other?.close();
      await db.close();
    });
    afterEach(() => {
      traffic.grants.length = 0;
    });

    async function delegated(name: string): Promise<string> {
      const login = sim.oauth.endpoints();
      const app = sim.oauth.applications[0]!;
      const { id } = await engineA.createConnection({
        name,
        environment: 'Production',
        baseUrl: sim.url,
        country: 'US',
        currency: 'USD',
        auth: { kind: 'authorization-code', clientId: app.clientId, clientSecret: app.clientSecret, authorizationEndpoint: login.authorizationEndpoint, tokenEndpoint: login.tokenEndpoint },
      });
      return id;
    }

    async function consent(engine: SyncEngine, connectionId: string, account: string, decision: 'approve' | 'deny'): Promise<AuthorizationCallback> {
      const { url } = await engine.beginAuthorization({ connectionId, redirectUri: REDIRECT_URI });
      const page = await (await fetch(url)).text();
      const transaction = /name="transaction" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const answer = await fetch(sim.oauth.endpoints().consentEndpoint, { method: 'POST', body: new URLSearchParams({ transaction, account: sim.account(account).id, decision }), redirect: 'manual' });
      const query = new URL(answer.headers.get('location') ?? '').searchParams;
      traffic.secrets.add(query.get('state') ?? '');
      if (query.get('error')) return { state: query.get('state') ?? '', error: query.get('error') ?? '' };
      traffic.secrets.add(query.get('code') ?? '');
      return { state: query.get('state') ?? '', code: query.get('code') ?? '' };
    }

    it('begun by one process, completed by the other; a replayed callback is refused by either', async () => {
      const id = await delegated('Acme');
      const callback = await consent(engineA, id, 'acme-msp', 'approve');
      const [first, second] = await Promise.allSettled([engineB.completeAuthorization(callback), engineA.completeAuthorization(callback)]);
      const outcomes = [first, second].map((r) => (r.status === 'fulfilled' ? 'connected' : (r.reason as { reason?: string }).reason));
      expect(outcomes.sort()).toEqual(['connected', 'state-replayed']);
      expect(traffic.grants).toEqual(['authorization_code']);
      expect((await engineA.getConnection(id)).auth).toMatchObject({ status: 'connected' });
      expect(ran(await engineA.syncCompanies({ connectionId: id })).outcome).toBe('succeeded');
      expect((await a.companies.list(id, { limit: 100 })).items.map((c) => c.id).sort()).toEqual([...sim.account('acme-msp').world.companies.ids()].sort());
    });

    it('one refresh at a time across the two storages (lease in the database); both processes go on with the newest tokens', async () => {
      const id = await delegated('Acme again');
      await engineA.completeAuthorization(await consent(engineA, id, 'acme-msp', 'approve'));
      await Promise.all([engineA.verifyConnection(id), engineB.verifyConnection(id)]);
      traffic.grants.length = 0;
      for (let round = 1; round <= 3; round += 1) {
        clock.advance(86_400_000 + 1);
        const results = await Promise.all([engineA.syncCompanies({ connectionId: id }), engineB.syncProducts({ connectionId: id }), engineB.verifyConnection(id), engineA.verifyConnection(id)]);
        expect([ran(results[0]).outcome, ran(results[1]).outcome, results[2].ok, results[3].ok], `round ${round}`).toEqual(['succeeded', 'succeeded', true, true]);
        expect(traffic.grants, `round ${round}: one refresh`).toEqual(Array.from({ length: round }, () => 'refresh_token'));
      }
      expect((await a.authorizations.getGrant(id))?.version).toBe(4);
    });

    it('tokens never cross partners; a revoked one is marked for both processes; every table holds no code, state, verifier or token in clear', async () => {
      const acme = await delegated('Acme three');
      const beta = await delegated('Beta');
      await engineA.completeAuthorization(await consent(engineA, acme, 'acme-msp', 'deny')).catch(() => undefined);
      await engineB.completeAuthorization(await consent(engineB, acme, 'acme-msp', 'approve'));
      await engineA.completeAuthorization(await consent(engineA, beta, 'beta-msp', 'approve'));
      await engineA.syncCompanies({ connectionId: acme });
      await engineB.syncCompanies({ connectionId: beta });
      expect((await b.companies.list(beta, { limit: 100 })).items.map((c) => c.id).sort()).toEqual([...sim.account('beta-msp').world.companies.ids()].sort());
      sim.oauth.revokeConsent({ account: 'acme-msp' });
      clock.advance(86_400_000 + 1);
      expect(ran(await engineB.syncCompanies({ connectionId: acme })).outcome).toBe('failed');
      await expect(engineA.syncCompanies({ connectionId: acme })).rejects.toMatchObject({ code: 'reauthorization-required' });
      expect(await engineA.verifyConnection(acme)).toMatchObject({ ok: false, reason: expect.stringMatching(/^re-authenticate/) });
      expect(ran(await engineA.syncCompanies({ connectionId: beta })).outcome).toBe('succeeded');

      const dump = `${await dumpSchema(db, a.schema)}\n${lines.join('\n')}`;
      const secrets = [...traffic.secrets].filter((s) => s.length >= 8);
      expect(secrets.length).toBeGreaterThanOrEqual(10);
      for (const secret of secrets) expect(dump.includes(secret), 'a code, state, verifier or token in a table or a log line').toBe(false);
      expect(dump).toContain('pax8s1.');
      await a.purgeConnection(acme);
      const left = await db.query<{ n: number }>(`SELECT (SELECT count(*) FROM "${a.schema}".authorization_grants WHERE connection_id = $1) + (SELECT count(*) FROM "${a.schema}".authorization_states WHERE connection_id = $1) AS n`, [acme]);
      expect(Number(left[0]?.n)).toBe(0);
    });
  });
}
