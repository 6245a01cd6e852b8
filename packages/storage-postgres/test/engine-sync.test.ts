import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, dumpSchema, freshStorage, secondClient, testDatabases, testKey } from './support/databases';
import { engineOn, fakeClock, pausable, ran, subscriptionState } from './support/engine-harness';

const sync = { pageSize: 20, prefetch: 1, perCompanyMaxCompanies: 0, lockTtlMs: 5_000 };

for (const db of testDatabases()) {
  describe(`the sync engine on Postgres (${db.name})`, () => {
    let sim: Pax8Simulator;
    let baseUrl: string;
    let a: PostgresStorage;
    let b: PostgresStorage;
    let closeB: () => Promise<void>;

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 7, companies: 6, products: 8, subscriptions: 120, wait: async () => undefined });
      baseUrl = await sim.listen();
      a = await freshStorage(db);
      const second = secondClient(db);
      closeB = second.close;
      // A second worker: its own pool, the same schema and key.
      b = createPostgresStorage({ client: second.client, schema: a.schema, encryptionKey: testKey });
    });
    afterAll(async () => {
      await sim.close();
      await closeB();
      await dropStorage(db, a);
      await db.close();
    });

    const connect = async (engine: ReturnType<typeof engineOn>, name: string) => {
      const connection = await engine.createConnection({ name, environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
      ran(await engine.syncCompanies({ connectionId: connection.id }));
      for (const company of (await a.companies.list(connection.id)).items) {
        await engine.setMapping({ connectionId: connection.id, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
      }
      return connection.id;
    };

    it('syncs end to end; the database holds no secret in clear', async () => {
      const clock = fakeClock();
      const engine = engineOn(a, clock, `e2e-${db.name}`);
      const id = await connect(engine, 'e2e');
      const result = ran(await engine.syncSubscriptions({ connectionId: id, ...sync }));
      expect(result.outcome).toBe('succeeded');
      expect(await a.subscriptions.count(id)).toBe(120);
      const feed = await engine.listChanges(id, { limit: 1000 });
      expect(feed.events.filter((e) => e.entity === 'subscriptions' && e.kind === 'created')).toHaveLength(120);

      const dump = await dumpSchema(db, a.schema);
      expect(dump).toContain(id);
      expect(dump.includes(sim.credentials.clientSecret)).toBe(false);
      // The simulator's access tokens read `sim.<40 hex>`; one was issued and stored (sealed) by the engine.
      expect(sim.counters.tokensIssued).toBeGreaterThan(0);
      expect(await a.tokens.get(id)).toBeDefined();
      expect(/sim\.[0-9a-f]{40}/.test(dump)).toBe(false);
    });

    it('two engines on separate clients sync the same connection at once: one runs, the other is told it is already running', async () => {
      const clock = fakeClock();
      const engineA = engineOn(a, clock, `race-a-${db.name}`);
      const engineB = engineOn(b, clock, `race-b-${db.name}`);
      const id = await connect(engineA, 'race');
      const results = await Promise.all([engineA.syncSubscriptions({ connectionId: id, ...sync }), engineB.syncSubscriptions({ connectionId: id, ...sync })]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['already-running', 'succeeded']);
      expect(await b.subscriptions.count(id)).toBe(120);
    });

    it('a holder frozen mid-sync loses its lease; the next worker resumes; the frozen one is fenced; the result equals a clean run', async () => {
      const clock = fakeClock();
      const frozen = pausable(a);
      const engineA = engineOn(frozen.storage as PostgresStorage, clock, `frozen-${db.name}`);
      const engineB = engineOn(b, clock, `next-${db.name}`);
      const id = await connect(engineA, 'frozen');
      const clean = await connect(engineOn(a, clock, `clean-${db.name}`), 'clean');

      const stuck = engineA.syncSubscriptions({ connectionId: id, ...sync, onProgress: (p) => (p.pagesDone === 2 ? frozen.pause() : undefined) });
      await frozen.reached;
      const [abandoned] = await a.runs.list(id, { entity: 'subscriptions' });
      expect(abandoned).toMatchObject({ outcome: 'running', checkpoint: { nextPage: 2 } });

      clock.advance(sync.lockTtlMs);
      const next = ran(await engineB.syncSubscriptions({ connectionId: id, ...sync }));
      expect(next).toMatchObject({ outcome: 'succeeded', resumedFromRunId: abandoned?.id });

      frozen.resume();
      const old = ran(await stuck);
      expect(old.outcome).toBe('failed');
      expect(old.error).toMatch(/lease/);

      ran(await engineOn(a, clock, `clean2-${db.name}`).syncSubscriptions({ connectionId: clean, ...sync }));
      expect(await subscriptionState(a, id)).toEqual(await subscriptionState(a, clean));
      expect(await b.subscriptions.count(id)).toBe(120);
    });
  });
}
