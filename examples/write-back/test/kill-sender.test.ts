import { createSyncEngine } from '@pax8-sync/core';
import { createPax8Simulator } from '@pax8-sync/testing';
import { describe, expect, it } from 'vitest';
import { openOutboxDatabase, runOutbox } from '../src/index';
import { outboxDatabaseFor, senderTest, startSender, testDatabases } from './sender-harness';
import { until } from './support';

const t = senderTest();

describe.each(testDatabases)('kill -9 of the sending process (%s)', (_name, onServer) => {
  it('a change Pax8 applied while the sender died is settled by reading back: 0 duplicates, 0 lost, every intent final', async () => {
    const sim = createPax8Simulator({ seed: 33, companies: 5, subscriptions: 40 });
    t.sim = sim;
    const baseUrl = await sim.listen();
    const config = await outboxDatabaseFor(t, onServer, 'wb_kill');

    // The PSA: a connection and twelve approved seat increases, stored in the shared database.
    const targets = sim.world.subscriptions.list().filter((s) => s.status === 'Active' && !s.parentSubscriptionId && (!s.startDate || Date.parse(s.startDate) <= Date.now())).slice(0, 12);
    expect(targets).toHaveLength(12);
    let db = await openOutboxDatabase(config);
    let engine = createSyncEngine({ storage: db.storage, codec: db.storage.codec });
    const { id: connectionId } = await engine.createConnection({ name: 'MSP', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
    await engine.setWritePolicy(connectionId, { approval: { every: false } });
    for (const s of targets) await engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity + 3 }, requestedBy: 'tech@psa', reason: 'growth' });
    if (!onServer) await db.close(); // PGlite: one process at a time

    // The sender in its own process; Pax8 applies its first change and never answers. Kill -9 it then.
    sim.faults.set({ hangMs: 600_000 });
    sim.faults.inject({ kind: 'hangAfterApply', route: 'PUT /v1/subscriptions/{subscriptionId}' });
    const run = startSender(t, { ...config, connectionId });
    const applied = () => targets.filter((s) => sim.world.subscriptions.get(s.id)?.quantity === s.quantity + 3).length;
    await until(() => applied() >= 1 || run.proc.exitCode !== null, 'the first change to reach Pax8').catch((e: Error) => {
      throw new Error(`${e.message}; sender stderr: ${run.out.stderr}`);
    });
    expect(run.proc.exitCode, `the sender ended on its own: ${run.out.stderr}`).toBeNull();
    run.proc.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    const loggedAtKill = sim.requests.length; // the hung PUT is logged only when its hang ends
    expect(applied()).toBe(1);

    // Restart: settle what the dead sender left in flight, then send the rest.
    if (!onServer) db = await openOutboxDatabase(config);
    engine = createSyncEngine({ storage: db.storage, codec: db.storage.codec });
    const inFlight = await engine.listWrites({ connectionId, states: ['sending'] });
    expect(inFlight).toHaveLength(1);
    const pass = await runOutbox(engine, connectionId, { staleAfterMs: 0 });
    expect(pass.settled.counts).toEqual({ applied: 1 });
    expect(pass.sent.counts).toEqual({ applied: 11 });

    const putsAfterKill = sim.requests.slice(loggedAtKill).filter((r) => r.method === 'PUT').map((r) => new URL(r.url).pathname);
    const hung = `/v1/subscriptions/${inFlight[0]?.target.id}`;
    expect(putsAfterKill, 'the change Pax8 applied before the kill is not sent again').not.toContain(hung);
    expect(putsAfterKill, 'each other change is sent exactly once').toHaveLength(11);
    expect(new Set(putsAfterKill).size).toBe(11);
    for (const s of targets) expect(sim.world.subscriptions.get(s.id)?.quantity, s.id).toBe(s.quantity + 3);
    const final = await engine.listWrites({ connectionId });
    expect(final.map((i) => i.state)).toEqual(Array(12).fill('applied'));
    expect(final.every((i) => i.attempts === 1 && typeof i.outcome?.reason === 'string')).toBe(true);
    await db.close();
  }, 120_000);
});
