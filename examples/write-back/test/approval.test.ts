import { afterEach, describe, expect, it } from 'vitest';
import { approvalQueue, decide, runOutbox } from '../src/index';
import { pax8Time, startDesk, wholeFeed, writesTo } from './support';

let desk: Awaited<ReturnType<typeof startDesk>> | undefined;
afterEach(async () => {
  await desk?.sim.close();
  desk = undefined;
});

describe('a seat change pushed from the PSA through approval', () => {
  it('waits for a person, is previewed, approved by name, sent once, and the feed ends with Pax8\'s confirmed quantity', async () => {
    desk = await startDesk();
    const { sim, engine, connectionId, clock } = desk;
    const s = sim.world.subscriptions.list().find((x) => x.status === 'Active' && !x.parentSubscriptionId && (!x.startDate || Date.parse(x.startDate) <= clock.now()));
    if (!s) throw new Error('the simulator has no active subscription');
    await engine.setMapping({ connectionId, pax8CompanyId: s.companyId, psaCompanyId: 'psa-acme' });
    await engine.syncSubscriptions({ connectionId });
    await engine.setWritePolicy(connectionId, { approval: { every: false, increasesAbove: 2 } });

    const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity + 5 }, requestedBy: 'tech@psa', reason: 'five new hires' });
    expect(intent.state).toBe('pending-approval');
    const [row, ...others] = await approvalQueue(engine, connectionId);
    expect(others).toEqual([]);
    expect(row?.intent.id).toBe(intent.id);
    expect(row?.preview).toMatchObject({ allowed: true, blockers: [], current: { quantity: s.quantity } });

    expect((await runOutbox(engine, connectionId)).sent.intents).toEqual([]);
    expect(writesTo(sim)).toEqual([]);

    await decide(engine, connectionId, { intentId: intent.id, approve: true, by: 'manager@psa', reason: 'budget ok' });
    const pass = await runOutbox(engine, connectionId);
    expect(pass.sent.counts).toEqual({ applied: 1 });
    expect(writesTo(sim)).toEqual([`PUT /v1/subscriptions/${s.id}`]);
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 5);

    const mine = (await wholeFeed(engine, connectionId)).filter((e) => e.runId === `write:${intent.id}`);
    expect(mine.map((e) => (e.kind === 'write_transition' ? `${String(e.detail.to)} by ${String(e.detail.by)}` : e.kind))).toEqual([
      'pending-approval by tech@psa',
      'approved by manager@psa',
      'sending by pax8-sync sender',
      'applied by pax8-sync sender',
      'updated',
      'quantity_changed',
    ]);
    expect(mine.at(-1)?.detail).toMatchObject({ from: s.quantity, to: s.quantity + 5 });
  });

  it('a rejection is final and recorded with who and why; nothing reaches Pax8', async () => {
    desk = await startDesk();
    const { sim, engine, connectionId } = desk;
    const s = sim.world.subscriptions.list().find((x) => x.status === 'Active');
    if (!s) throw new Error('the simulator has no active subscription');
    const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.cancel', subscriptionId: s.id }, requestedBy: 'tech@psa', reason: 'customer left' });
    const rejected = await decide(engine, connectionId, { intentId: intent.id, approve: false, by: 'manager@psa', reason: 'contract runs to June' });
    expect(rejected).toMatchObject({ state: 'failed', outcome: { rejectedBy: 'manager@psa' } });
    await runOutbox(engine, connectionId);
    expect(writesTo(sim)).toEqual([]);
    expect(await approvalQueue(engine, connectionId)).toEqual([]);
  });

  it('a decrease inside a commitment is shown blocked until its end, approved for that date, held, and sent when due', async () => {
    desk = await startDesk();
    const { sim, engine, connectionId, clock } = desk;
    const s = sim.world.subscriptions
      .list()
      .find((x) => x.status === 'Active' && !x.parentSubscriptionId && x.quantity > 1 && x.commitment && pax8Time(x.commitment.endDate) > clock.now() && (!x.startDate || Date.parse(x.startDate) <= clock.now()));
    if (!s?.commitment) throw new Error('the simulator has no subscription inside a commitment');
    const end = pax8Time(s.commitment.endDate);

    const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity - 1 }, requestedBy: 'tech@psa', reason: 'one leaver' });
    const [row] = await approvalQueue(engine, connectionId);
    expect(row?.preview.allowed).toBe(false);
    expect(row?.preview.blockers.map((b) => b.code)).toEqual(['commitment']);
    expect(row?.preview.scheduleFor).toBe(end);

    const held = await decide(engine, connectionId, { intentId: intent.id, approve: true, by: 'manager@psa', reason: 'at renewal', dueAt: end });
    expect(held).toMatchObject({ state: 'approved', dueAt: end });
    expect((await runOutbox(engine, connectionId)).sent.intents).toEqual([]);
    expect(writesTo(sim)).toEqual([]);

    clock.set(end + 60_000);
    expect((await runOutbox(engine, connectionId)).sent.counts).toEqual({ applied: 1 });
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity - 1);
    expect(writesTo(sim)).toEqual([`PUT /v1/subscriptions/${s.id}`]);
  });
});
