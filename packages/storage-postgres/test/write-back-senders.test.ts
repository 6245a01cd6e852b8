import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, secondClient, testDatabases, testKey } from './support/databases';
import { engineOn, fakeClock, ran } from './support/engine-harness';

// Two senders (two pools on the server: two processes) run sendDueWrites on the same outbox at
// once. The compare-and-swap claim in write_intents must let each intent reach Pax8 exactly once.
const INTENTS = 12;

for (const db of testDatabases()) {
  describe(`write-back with two senders on one Postgres outbox (${db.name})`, () => {
    let sim: Pax8Simulator;
    let baseUrl: string;
    let a: PostgresStorage;
    let b: PostgresStorage;
    let closeB: () => Promise<void>;

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 21, companies: 5, products: 8, subscriptions: 80, wait: async () => undefined });
      baseUrl = await sim.listen();
      a = await freshStorage(db);
      const second = secondClient(db);
      closeB = second.close;
      b = createPostgresStorage({ client: second.client, schema: a.schema, encryptionKey: testKey });
    });
    afterAll(async () => {
      await sim.close();
      await closeB();
      await dropStorage(db, a);
      await db.close();
    });

    it('every approved intent is sent once, applied, and its transitions are in the feed once each', async () => {
      const clock = fakeClock(Date.parse('2026-06-15T12:00:00Z'));
      const one = engineOn(a, clock, `wb-a-${db.name}`);
      const two = engineOn(b, clock, `wb-b-${db.name}`);
      const { id: connectionId } = await one.createConnection({ name: 'senders', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
      ran(await one.syncCompanies({ connectionId }));
      for (const company of (await a.companies.list(connectionId)).items) await one.setMapping({ connectionId, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
      ran(await one.syncSubscriptions({ connectionId, pageSize: 50 }));
      await one.setWritePolicy(connectionId, { approval: { every: false, increasesAbove: null } });
      const targets = sim.world.subscriptions
        .list({ filter: (s) => s.status === 'Active' && !s.commitment && Date.parse(s.startDate ?? '') < clock.now() })
        .slice(0, INTENTS);
      expect(targets).toHaveLength(INTENTS);
      const intents = [];
      for (const s of targets) {
        intents.push(await one.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity + 3 }, requestedBy: 'psa-user-1', reason: 'two more seats and one spare' }));
      }
      expect(intents.map((i) => i.state)).toEqual(intents.map(() => 'approved'));
      const before = sim.requests.length;

      const [passA, passB] = await Promise.all([one.sendDueWrites({ connectionId }), two.sendDueWrites({ connectionId })]);

      const puts = sim.requests.slice(before).filter((r) => r.method === 'PUT');
      expect(puts).toHaveLength(INTENTS);
      expect(new Set(puts.map((r) => new URL(r.url).pathname)).size).toBe(INTENTS);
      const applied = [...passA.intents, ...passB.intents].filter((i) => i.state === 'applied').map((i) => i.id);
      expect(applied.sort()).toEqual(intents.map((i) => i.id).sort());
      for (const s of targets) expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 3);
      for (const intent of intents) expect((await b.outbox.get(connectionId, intent.id))?.state).toBe('applied');
      const feed = (await one.listChanges(connectionId, { limit: 1000 })).events.filter((e) => e.kind === 'write_transition');
      for (const intent of intents) {
        const steps = feed.filter((e) => e.detail.intentId === intent.id).map((e) => `${e.detail.from}>${e.detail.to}`);
        expect(steps).toEqual(['null>approved', 'approved>sending', 'sending>applied']);
      }
    });
  });
}
