import { createAesGcmCodec, createSyncEngine, type Pax8SyncStorage, type PsaBillingLine, type ReconcileFinding, type SyncEngine } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, testDatabases } from './support/databases';
import { clientOptions, engineOn, fakeClock, ran, sequentialIds } from './support/engine-harness';

// syncInvoices and reconcile on Postgres, over HTTP against the simulator, side by side with the
// memory adapter (the reference): the same calls must store the same billing rows and name the same
// findings. 2026-06-10: June's invoices (dated the 5th) are out and June is the draft month.
const NOW = Date.UTC(2026, 5, 10, 9);
const PERIOD = '2026-06';
const MAPPED = 4;

const collect = async (findings: AsyncIterable<ReconcileFinding>) => {
  const out: ReconcileFinding[] = [];
  for await (const f of findings) out.push(f);
  return out;
};

/** Every billing row of the connection, removed ones included, in id order. */
async function billingRows(storage: Pax8SyncStorage, connectionId: string) {
  const b = storage.billing;
  if (!b) throw new Error('no billing stores');
  const all = { includeRemoved: true, limit: 100_000 };
  return {
    invoices: (await b.invoices.list(connectionId, all)).items,
    items: (await b.invoiceItems.list(connectionId, all)).items,
    usage: (await b.usageSummaries.list(connectionId, all)).items,
  };
}

/** One PSA line per live subscription of a mapped company, at the subscription's price. */
async function psaLines(storage: Pax8SyncStorage, connectionId: string): Promise<PsaBillingLine[]> {
  const psaOf = new Map((await storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => [m.pax8CompanyId, m.psaCompanyId]));
  return (await storage.subscriptions.list(connectionId, { limit: 100_000 })).items
    .filter((s) => psaOf.has(s.companyId) && s.status === 'Active')
    .map((s) => ({ psaCompanyId: psaOf.get(s.companyId) ?? '', pax8ProductId: s.productId, pax8SubscriptionId: s.id, quantity: s.quantity, unitPrice: Number(s.data.price ?? 0), currency: String(s.data.currencyCode ?? 'USD'), lineId: `psa-${s.id}` }));
}

for (const db of testDatabases()) {
  describe(`syncInvoices and reconcile on Postgres match the memory adapter (${db.name})`, () => {
    const clock = fakeClock(NOW);
    let sim: Pax8Simulator;
    let pg: PostgresStorage;
    const memory = createMemoryStorage();
    let engines: { pg: SyncEngine; memory: SyncEngine };
    const ids = { pg: '', memory: '' };

    beforeAll(async () => {
      await db.open();
      sim = createPax8Simulator({ seed: 42, companies: 6, products: 16, subscriptions: 240, referenceDate: NOW, now: clock.now, wait: async () => undefined });
      const baseUrl = await sim.listen();
      pg = await freshStorage(db);
      // The same id sequence on both sides, so runs and rows carry the same ids.
      engines = { pg: engineOn(pg, clock, 'e'), memory: createSyncEngine({ storage: memory, codec: createAesGcmCodec({ key: Buffer.alloc(32, 7) }), clock, ids: sequentialIds('e'), clientOptions }) };
      for (const side of ['pg', 'memory'] as const) {
        const engine = engines[side];
        const storage = side === 'pg' ? pg : memory;
        const { id } = await engine.createConnection({ name: 'billing', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
        ids[side] = id;
        ran(await engine.syncCompanies({ connectionId: id }));
        for (const company of (await storage.companies.list(id)).items.slice(0, MAPPED)) {
          await engine.setMapping({ connectionId: id, pax8CompanyId: company.id, psaCompanyId: `psa-${company.id}` });
        }
        ran(await engine.syncSubscriptions({ connectionId: id }));
      }
    });
    afterAll(async () => {
      await sim.close();
      await dropStorage(db, pg);
      await db.close();
    });

    const both = async (fn: (engine: SyncEngine, connectionId: string) => Promise<unknown>) => {
      for (const side of ['pg', 'memory'] as const) await fn(engines[side], ids[side]);
    };

    it('stores the same invoices, items and usage as the memory adapter, and a re-sync after Pax8 changed updates and removes the same rows, with the same change feed', async () => {
      expect(ids.pg).toBe(ids.memory);
      await both(async (engine, connectionId) => expect(ran(await engine.syncInvoices({ connectionId })).outcome).toBe('succeeded'));
      const first = await billingRows(pg, ids.pg);
      expect(first.invoices.length).toBeGreaterThan(0);
      expect(first.items.length).toBeGreaterThan(20);
      expect(first.items.some((i) => i.invoiceId === null)).toBe(true);
      expect(first).toEqual(await billingRows(memory, ids.memory));

      // Pax8 now charges differently: another seat count, and a subscription gone (its lines with it).
      const subs = (await pg.subscriptions.list(ids.pg, { limit: 1_000 })).items.filter((s) => s.status === 'Active' && Number(s.data.price) > 0);
      const charged = new Set(first.items.map((i) => i.subscriptionId));
      const [seat, gone] = subs.filter((s) => charged.has(s.id));
      sim.billing.script({ kind: 'seatCount', subscriptionId: seat!.id, quantity: seat!.quantity + 5 });
      sim.world.subscriptions.remove(gone!.id);
      await both(async (engine, connectionId) => {
        ran(await engine.syncSubscriptions({ connectionId }));
        expect(ran(await engine.syncInvoices({ connectionId })).outcome).toBe('succeeded');
      });
      const second = await billingRows(pg, ids.pg);
      expect(second).toEqual(await billingRows(memory, ids.memory));
      const removed = second.items.filter((i) => i.removedAt !== null);
      expect(removed.length).toBeGreaterThan(0);
      expect(removed.every((i) => i.subscriptionId === gone!.id)).toBe(true);
      expect(second.items.find((i) => i.subscriptionId === seat!.id && i.invoiceId === null)?.quantity).toBe(seat!.quantity + 5);
      // Cursors are each adapter's own counter; the events must be the same.
      const pgFeed = (await engines.pg.listChanges(ids.pg, { limit: 10_000 })).events;
      const memFeed = (await engines.memory.listChanges(ids.memory, { limit: 10_000 })).events;
      expect(pgFeed.map(({ cursor: _, ...e }) => e)).toEqual(memFeed.map(({ cursor: _, ...e }) => e));
    });

    it('reconcile names the same findings and summary on both, read from Postgres', async () => {
      const lines = await psaLines(pg, ids.pg);
      expect(lines).toEqual(await psaLines(memory, ids.memory));
      const onPg = engines.pg.reconcile({ connectionId: ids.pg, period: PERIOD, psaLines: lines });
      const onMemory = engines.memory.reconcile({ connectionId: ids.memory, period: PERIOD, psaLines: lines });
      const findings = await collect(onPg.findings);
      expect(findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['seat-count-differs']));
      expect(findings).toEqual(await collect(onMemory.findings));
      const summary = await onPg.summary();
      expect(summary.companiesCompared).toBe(MAPPED);
      expect(summary).toEqual(await onMemory.summary());
    });
  });
}
