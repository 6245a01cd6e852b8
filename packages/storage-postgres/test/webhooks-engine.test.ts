import { createServer } from 'node:http';
import { type SyncEngine, toNodeRequestListener, type WebhookSyncScheduler } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, dumpSchema, freshStorage, testDatabases } from './support/databases';
import { engineOn, fakeClock } from './support/engine-harness';

// The webhook engine end to end on a real database: registration, the receiver over HTTP with its
// replay keys in Postgres, a forged call writing nothing, and a rotated secret re-opened from storage.
for (const db of testDatabases()) {
  describe(`webhooks on Postgres (${db.name})`, () => {
    const clock = fakeClock(Date.UTC(2026, 5, 1, 12));
    let sim: Pax8Simulator;
    let storage: PostgresStorage;
    let engine: SyncEngine;
    let scheduler: WebhookSyncScheduler;
    let url: string;
    let connectionId: string;
    let close: () => Promise<void>;

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 16, companies: 4, subscriptions: 20, webhooks: 0, wait: async () => undefined, now: clock.now });
      const baseUrl = await sim.listen();
      storage = await freshStorage(db);
      engine = engineOn(storage, clock, 'wh');
      ({ id: connectionId } = await engine.createConnection({ name: 'MSP', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' }));
      await engine.syncCompanies({ connectionId });
      for (const company of (await storage.companies.list(connectionId)).items) await engine.setMapping({ connectionId, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
      await engine.syncSubscriptions({ connectionId });
      scheduler = engine.createWebhookSyncScheduler({ debounceMs: 3_600_000 });
      const server = createServer(toNodeRequestListener(engine.createWebhookReceiver({ onDelivery: scheduler.onDelivery })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/pax8`;
      close = () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
    });
    afterAll(async () => {
      scheduler?.close();
      await close?.();
      await sim?.close();
      await dropStorage(db, storage);
      await db.close();
    });

    const post = (body: string, authorization: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });

    it('ensureWebhook twice gives one registration, stored with its secret sealed', async () => {
      await engine.ensureWebhook({ connectionId, url, topics: ['SUBSCRIPTION'] });
      const again = await engine.ensureWebhook({ connectionId, url, topics: ['SUBSCRIPTION'] });
      expect(again.created).toBe(false);
      expect(sim.world.webhooks.list()).toHaveLength(1);
      const secret = sim.world.webhooks.list()[0]!.authorization as string;
      expect(JSON.stringify(await dumpSchema(db, storage.schema))).not.toContain(secret);
    });

    it("the simulator's delivery is accepted and synced; the same body again is a replay; a forged call writes nothing", async () => {
      const s = sim.world.subscriptions.list().find((x) => x.status === 'Active')!;
      sim.world.subscriptions.update(s.id, { quantity: s.quantity + 2 });
      await sim.webhooks.settled();
      expect(sim.webhooks.deliveries.map((d) => d.httpStatusCode)).toEqual([202]);
      await scheduler.flush();
      expect((await storage.subscriptions.getMany(connectionId, [s.id]))[0]?.quantity).toBe(s.quantity + 2);

      const hook = sim.world.webhooks.list()[0]!;
      const body = JSON.stringify({ accountId: hook.accountId, webhookId: hook.id, sentAt: '2026-06-01T12:00:00Z', webhookTopic: { topic: 'SUBSCRIPTION' }, payloadData: { id: s.id, companyId: s.companyId } });
      expect((await post(body, hook.authorization as string)).status).toBe(202);
      const replay = await post(body, hook.authorization as string);
      expect([replay.status, await replay.json()]).toEqual([200, { duplicate: true }]);

      const before = JSON.stringify(await dumpSchema(db, storage.schema));
      const forged = await post(JSON.stringify({ ...JSON.parse(body), sentAt: 'another' }), 'not-the-secret');
      expect(forged.status).toBe(401);
      expect(JSON.stringify(await dumpSchema(db, storage.schema))).toBe(before);
    });

    it('after a rotation the old and the new secret both open from storage and are accepted until the grace ends', async () => {
      const old = sim.world.webhooks.list()[0]!.authorization as string;
      await engine.rotateWebhookSecret({ connectionId, graceMs: 60_000 });
      const hook = sim.world.webhooks.list()[0]!;
      const fresh = hook.authorization as string;
      expect(fresh).not.toBe(old);
      const body = (n: number) => JSON.stringify({ accountId: hook.accountId, webhookId: hook.id, sentAt: `2026-06-01T12:00:0${n}Z`, webhookTopic: { topic: 'COMPANY' }, payloadData: {} });
      expect((await post(body(1), old)).status).toBe(202);
      expect((await post(body(2), fresh)).status).toBe(202);
      clock.advance(61_000);
      expect((await post(body(3), old)).status).toBe(401);
      expect((await post(body(4), fresh)).status).toBe(202);
    });
  });
}
