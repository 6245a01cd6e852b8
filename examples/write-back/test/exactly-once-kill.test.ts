import { createSyncEngine, type SyncEngine, type SyncEngineOptions, type WriteChange, type WriteIntent } from '@pax8-sync/core';
import { createPax8Simulator, type Pax8FaultRates, type Pax8Simulator } from '@pax8-sync/testing';
import { describe, expect, it } from 'vitest';
import { openOutboxDatabase, type SenderConfig } from '../src/index';
import { outboxDatabaseFor, senderTest, startSender, testDatabases } from './sender-harness';
import { orderLine, until, writesTo } from './support';

/** 10 % of requests fail; 4.5 % are applied by Pax8 and then lose their answer. */
const FAULTS: Pax8FaultRates = { serverError: 0.02, reset: 0.015, rateLimit: 0.01, malformedJson: 0.01, resetAfterApply: 0.015, serverErrorAfterApply: 0.015, hangAfterApply: 0.015 };
/** Fast retries and no rate limit of our own, so a thousand intents take seconds; a hang is given up on after 10 s. */
const clientOptions: SyncEngineOptions['clientOptions'] = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 10_000, rateLimit: { requestsPerMinute: 1_000_000, concurrency: 8 } };
const FINAL = ['applied', 'failed', 'conflict', 'unknown'];

const t = senderTest();

/** Every intent of the connection. */
async function allIntents(engine: SyncEngine, connectionId: string): Promise<WriteIntent[]> {
  const all: WriteIntent[] = [];
  for (let after: string | undefined; ; ) {
    const page = await engine.listWrites({ connectionId, limit: 500, ...(after ? { after } : {}) });
    all.push(...page);
    if (page.length < 500) return all;
    after = page.at(-1)?.id;
  }
}

/** Whether an applied intent's effect is in the simulated Pax8. */
function inPax8(s: Pax8Simulator, i: WriteIntent): boolean {
  const world = s.world;
  if (i.kind === 'subscription.quantity') return world.subscriptions.get(i.target.id)?.quantity === i.payload.quantity;
  if (i.kind === 'subscription.cancel') return ['Cancelled', 'PendingCancel'].includes(world.subscriptions.get(i.target.id)?.status ?? '');
  if (i.kind === 'company.create') return world.companies.get(String(i.outcome?.pax8Id))?.name === (i.payload.company as { name: string }).name;
  return world.orders.get(String(i.outcome?.pax8Id)) !== undefined;
}

describe.each(testDatabases)('exactly once across kill -9 of the sender (%s)', (_name, onServer) => {
  it('1,000 intents under 10 % faults, the sender killed twice mid-send and restarted: Pax8 ends with 0 duplicates, 0 lost changes, every intent final with its reason', { timeout: 600_000 }, async () => {
    const sim = createPax8Simulator({ seed: 15, companies: 30, products: 8, subscriptions: 50 });
    t.sim = sim;
    const baseUrl = await sim.listen();
    const config = await outboxDatabaseFor(t, onServer, 'wb_once');

    // The PSA asks for 1,000 changes: 800 seat changes, 100 cancellations, 40 new companies, 60 orders.
    const db = await openOutboxDatabase(config);
    const engine = createSyncEngine({ storage: db.storage, codec: db.storage.codec, clientOptions });
    const { id: connectionId } = await engine.createConnection({ name: 'MSP', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
    await engine.setWritePolicy(connectionId, { approval: { every: false } });
    const world = sim.world;
    const active = world.companies.list().filter((c) => c.status === 'Active');
    const product = world.products.list().find((p) => !p.requiresCommitment);
    if (!product) throw new Error('the world has no product without a commitment');
    const started = new Date(Date.now() - 86_400_000 * 40).toISOString();
    const subs = Array.from({ length: 900 }, (_, i) => world.subscriptions.add({ companyId: active[i % 10]?.id, productId: product.id, quantity: 1 + (i % 7), billingTerm: 'Monthly', status: 'Active', startDate: started }));
    const changes: WriteChange[] = subs.slice(0, 800).map((s, i) => ({ kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity + 1 + (i % 3) }));
    for (const s of subs.slice(800)) changes.push({ kind: 'subscription.cancel', subscriptionId: s.id });
    for (let i = 0; i < 40; i++) changes.push({ kind: 'company.create', psaCompanyId: `psa-new-${i}`, company: { name: `Exactly Once ${i}`, address: { street: '1 Main St', city: 'Denver', postalCode: '80202', country: 'US', stateOrProvince: 'CO' }, phone: '+1 303 555 0100', website: 'https://example.com' }, contacts: [{ firstName: 'Ada', lastName: 'Admin', email: 'ada@example.com', phone: '+1 303 555 0101' }] });
    const line = await orderLine(engine, connectionId, sim, active[0]?.id ?? '');
    for (let i = 0; i < 60; i++) changes.push({ kind: 'order.create', companyId: active[i % 10]?.id ?? '', lineItems: [{ ...line, quantity: i + 1 }] });
    for (const change of changes) await engine.requestWrite({ connectionId, change, requestedBy: 'load@psa', reason: 'exactly-once test' });
    expect((await allIntents(engine, connectionId)).filter((i) => i.state === 'approved')).toHaveLength(1000);
    await db.close(); // the sender owns the database now (PGlite: one process at a time)
    const ordersBefore = new Set(world.orders.list().map((o) => o.id));
    const companiesBefore = world.companies.list().length;
    const sender: SenderConfig = { ...config, connectionId, passes: 60, lookAheadMs: 86_400_000, limit: 100, clientOptions };
    sim.faults.set({ rates: FAULTS, hangMs: 20 });

    // First kill: Pax8 applies a seat change and never answers; the sender dies waiting for it.
    let run = startSender(t, sender);
    const alive = (what: string) => () => (run.proc.exitCode === null ? undefined : Promise.reject(new Error(`the sender ended before ${what}: ${run.out.stderr}`)));
    await until(() => writesTo(sim).length >= 200 || run.proc.exitCode !== null, 'the first 200 writes', 300_000);
    await alive('the first kill')();
    const hangsBefore = sim.counters.faults.hangAfterApply ?? 0;
    sim.faults.update({ hangMs: 600_000, rates: { ...FAULTS, hangAfterApply: 0 } });
    sim.faults.inject({ kind: 'hangAfterApply', route: 'PUT /v1/subscriptions/{subscriptionId}' });
    await until(() => (sim.counters.faults.hangAfterApply ?? 0) > hangsBefore || run.proc.exitCode !== null, 'a seat change applied and left unanswered', 120_000);
    await alive('the first kill')();
    run.proc.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    sim.faults.update({ hangMs: 20, rates: FAULTS });

    // Second kill: at whatever the restarted sender is doing once 300 more writes reached Pax8.
    const writesAtRestart = writesTo(sim).length;
    run = startSender(t, sender);
    await until(() => writesTo(sim).length >= writesAtRestart + 300 || run.proc.exitCode !== null, '300 more writes', 300_000);
    await alive('the second kill')();
    run.proc.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    const secondRun = run.out.lines;
    const settledAfterFirstKill = secondRun.find((l) => l.step === 'pass' && l.n === 1)?.settled as Record<string, number> | undefined;
    expect(Object.values(settledAfterFirstKill ?? {}).reduce((a, b) => a + b, 0), 'the restarted sender found the intent left sending').toBeGreaterThanOrEqual(1);

    // Restart once more and let it finish.
    run = startSender(t, sender);
    expect(await run.exited, run.out.stderr).toBe('0');
    expect(run.out.lines.at(-1)?.step).toBe('done');
    sim.faults.clear();
    expect(sim.counters.faults.resetAfterApply ?? 0).toBeGreaterThan(0);
    expect(sim.counters.faults.serverErrorAfterApply ?? 0).toBeGreaterThan(0);

    // Every intent is final with its reason, sent at most twice (once more only after reading Pax8 back).
    const reopened = await openOutboxDatabase(config);
    try {
      const after = createSyncEngine({ storage: reopened.storage, codec: reopened.storage.codec, clientOptions });
      const final = await allIntents(after, connectionId);
      expect(final).toHaveLength(1000);
      expect(final.filter((i) => !FINAL.includes(i.state)).map((i) => `${i.id} ${i.state}`)).toEqual([]);
      expect(final.filter((i) => typeof i.outcome?.reason !== 'string' || i.outcome.reason === '').map((i) => i.id)).toEqual([]);
      expect(final.filter((i) => i.attempts < 1 || i.attempts > 2).map((i) => `${i.id} ${i.attempts}`)).toEqual([]);

      // 0 lost: every applied intent's effect is in Pax8; one left unapplied is explained and took no effect.
      expect(final.filter((i) => i.state === 'applied' && !inPax8(sim, i)).map((i) => i.id)).toEqual([]);
      const unapplied = final.filter((i) => i.state !== 'applied');
      for (const i of unapplied) {
        expect(['unknown', 'failed'], `${i.id} ${i.state}: ${String(i.outcome?.reason)}`).toContain(i.state);
        if (i.kind === 'subscription.quantity') expect(world.subscriptions.get(i.target.id)?.quantity, i.id).not.toBe(i.payload.quantity);
        if (i.kind === 'company.create') expect(world.companies.list().some((x) => x.name === (i.payload.company as { name: string }).name), i.id).toBe(false);
      }
      // A person settles the unknown ones with the faults gone: then every change is in Pax8.
      for (const i of unapplied.filter((x) => x.state === 'unknown')) await after.retryWrite({ connectionId, intentId: i.id, by: 'ops@psa', reason: 'checked Pax8' });
      await after.sendDueWrites({ connectionId, limit: 1000 });
      const settled = await allIntents(after, connectionId);
      expect(settled.filter((i) => i.state === 'applied').length).toBe(1000 - unapplied.filter((x) => x.state === 'failed').length);
      expect(settled.filter((i) => i.state === 'applied' && !inPax8(sim, i)).map((i) => i.id)).toEqual([]);
      expect(settled.filter((i) => i.state === 'applied').length).toBeGreaterThan(950);

      // 0 duplicates: one company per name and one order per (company, lines), exactly for the applied intents.
      const created = world.companies.list().filter((x) => x.name.startsWith('Exactly Once '));
      expect(new Set(created.map((x) => x.name)).size).toBe(created.length);
      expect(world.companies.list().length - companiesBefore).toBe(settled.filter((i) => i.kind === 'company.create' && i.state === 'applied').length);
      const orders = world.orders.list().filter((o) => !ordersBefore.has(o.id));
      const keys = orders.map((o) => `${o.companyId}:${o.lineItems.map((l) => l.quantity).join(',')}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(orders.length).toBe(settled.filter((i) => i.kind === 'order.create' && i.state === 'applied').length);
    } finally {
      await reopened.close();
    }
  });
});
