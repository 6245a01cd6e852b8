import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases } from './support/databases';
import { engineOn, fakeClock, ran } from './support/engine-harness';

for (const db of testDatabases()) {
  describe(`no value from Pax8 fails a run on Postgres (${db.name})`, () => {
    let storage: PostgresStorage;
    let sim: Pax8Simulator;
    beforeAll(async () => {
      await db.open();
    });
    afterEach(async () => {
      await sim?.close();
      if (storage) await dropStorage(db, storage);
    });
    afterAll(() => db.close());

    it('a company named with U+0000: the 6 valid companies are stored, the NUL one is quarantined with its reason, and later runs succeed', async () => {
      storage = await freshStorage(db);
      sim = createPax8Simulator({ seed: 3, companies: 7, subscriptions: 0, wait: async () => undefined });
      const [nul] = sim.world.companies.ids();
      sim.world.companies.update(nul!, { name: 'Contoso\u0000 Ltd' });
      const engine = engineOn(storage, fakeClock(), 'nul');
      const { id } = await engine.createConnection({ name: 'MSP', environment: 'Production', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });
      for (let run = 0; run < 2; run += 1) {
        const result = ran(await engine.syncCompanies({ connectionId: id }));
        expect(result).toMatchObject({ outcome: 'succeeded', flags: [], counts: { created: run === 0 ? 6 : 0, quarantined: 1, removed: 0 } });
      }
      expect((await storage.companies.listActiveIds(id)).sort()).toEqual(sim.world.companies.ids().filter((c) => c !== nul).sort());
      const [quarantined] = await storage.quarantine.list(id);
      expect(quarantined).toMatchObject({ key: nul, reason: 'name: contains U+0000 (NUL), which storage cannot hold (replaced by U+FFFD in this quarantined copy)', record: { id: nul, name: 'Contoso\ufffd Ltd' } });
      // Fixed in Pax8: the next run stores it and takes it out of quarantine.
      sim.world.companies.update(nul!, { name: 'Contoso Ltd' });
      expect(ran(await engine.syncCompanies({ connectionId: id }))).toMatchObject({ outcome: 'succeeded', counts: { created: 1, quarantined: 0 } });
      expect(await storage.quarantine.list(id)).toEqual([]);
    });

    it('a connection name with U+0000 is a Pax8SyncConfigError naming the field, not a raw database error', async () => {
      storage = await freshStorage(db);
      const engine = engineOn(storage, fakeClock(), 'cfg');
      const error = await engine.createConnection({ name: 'MSP\u0000', environment: 'Production', clientId: 'x', clientSecret: 'y', country: 'US', currency: 'USD' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'Pax8SyncConfigError', field: 'settings.name' });
      expect(await storage.connections.list()).toEqual([]);
    });

    it('a row the database refuses (a constraint of the PSA) is isolated and quarantined; the rest of the page commits; a later run succeeds', async () => {
      storage = await freshStorage(db);
      // The PSA's own rule on its copy of the table: company names of at most 40 characters.
      await db.query(`ALTER TABLE "${storage.schema}".companies ADD CONSTRAINT psa_short_names CHECK (length(name) <= 40)`);
      sim = createPax8Simulator({ seed: 4, companies: 12, subscriptions: 0, wait: async () => undefined });
      const [long, alsoLong] = sim.world.companies.ids();
      sim.world.companies.update(long!, { name: 'A'.repeat(60) });
      sim.world.companies.update(alsoLong!, { name: 'B'.repeat(41) });
      const engine = engineOn(storage, fakeClock(), 'psa');
      const { id } = await engine.createConnection({ name: 'MSP', environment: 'Production', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' });
      const first = ran(await engine.syncCompanies({ connectionId: id, pageSize: 5 }));
      expect(first).toMatchObject({ outcome: 'succeeded', flags: [], counts: { created: 10, quarantined: 2 } });
      expect((await storage.companies.listActiveIds(id)).sort()).toEqual(sim.world.companies.ids().slice(2).sort());
      const quarantined = await storage.quarantine.list(id);
      expect(quarantined.map((q) => q.key).sort()).toEqual([long, alsoLong].sort());
      expect(quarantined[0]?.reason).toMatch(/^storage refused the row: .*psa_short_names/);
      // The change feed has the stored ones only; the run's counts say what happened.
      const created = (await engine.listChanges(id, { limit: 1000 })).events.filter((e) => e.kind === 'created').map((e) => e.entityId);
      expect(created.sort()).toEqual(sim.world.companies.ids().slice(2).sort());
      const again = ran(await engine.syncCompanies({ connectionId: id, pageSize: 5 }));
      expect(again).toMatchObject({ outcome: 'succeeded', counts: { created: 0, unchanged: 10, quarantined: 2, removed: 0 } });
    });
  });
}
