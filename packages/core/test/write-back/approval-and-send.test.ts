import { Pax8SyncConfigError, Pax8SyncWriteStateError } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { asker, createWriteHarness, plainSubscription, quantity, type WriteHarness } from './support';

let h: WriteHarness;
afterEach(async () => {
  await h?.close();
});

describe('approval policy', () => {
  it('by default every intent waits for a person; approve is recorded with who and why, then one pass sends it', async () => {
    h = await createWriteHarness();
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1), ...asker });
    expect(intent).toMatchObject({ state: 'pending-approval', attempts: 0, basedOn: { quantity: s.quantity, status: 'Active' }, requestedBy: 'jane@psa' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).intents).toEqual([]);
    expect(h.writes()).toEqual([]);

    const approved = await h.engine.approveWrite({ connectionId: h.connectionId, intentId: intent.id, by: 'boss@psa', reason: 'fine' });
    expect(approved.state).toBe('approved');
    const pass = await h.engine.sendDueWrites({ connectionId: h.connectionId });
    expect(pass.counts).toEqual({ applied: 1 });
    expect(h.writes()).toEqual([`PUT /v1/subscriptions/${s.id}`]);
    expect(h.sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 1);
    expect(await h.transitions(intent.id)).toEqual(['null→pending-approval', 'pending-approval→approved', 'approved→sending', 'sending→applied']);
    const approval = (await h.feed()).find((e) => e.kind === 'write_transition' && e.detail.to === 'approved');
    expect(approval?.detail).toMatchObject({ by: 'boss@psa', reason: 'fine', intentKind: 'subscription.quantity' });
    expect(await h.engine.getWrite(h.connectionId, intent.id)).toMatchObject({ state: 'applied', attempts: 1, sentAt: h.clock.now() });
  });

  it('increases above N seats, decreases and cancellations follow the stored per-connection policy', async () => {
    h = await createWriteHarness();
    const policy = await h.engine.setWritePolicy(h.connectionId, { approval: { every: false, increasesAbove: 5, cancellations: true } });
    expect(policy).toEqual({ approval: { every: false, increasesAbove: 5, decreases: false, cancellations: true, orders: false, companyCreates: false }, onConflict: 'pax8-wins' });
    expect(await h.engine.getWritePolicy(h.connectionId)).toEqual(policy);
    const s = plainSubscription(h);
    const small = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 5), ...asker });
    const big = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 6), ...asker });
    const cancel = await h.engine.requestWrite({ connectionId: h.connectionId, change: { kind: 'subscription.cancel', subscriptionId: s.id }, ...asker });
    expect([small.state, big.state, cancel.state]).toEqual(['approved', 'pending-approval', 'pending-approval']);
    await h.engine.setWritePolicy(h.connectionId, { approval: { decreases: true } });
    const down = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, 1), ...asker });
    expect(down.state).toBe('pending-approval');
    const rejected = await h.engine.rejectWrite({ connectionId: h.connectionId, intentId: big.id, by: 'boss@psa', reason: 'too many' });
    expect(rejected).toMatchObject({ state: 'failed', outcome: { reason: 'rejected by boss@psa: too many', rejectedBy: 'boss@psa' } });
    await expect(h.engine.approveWrite({ connectionId: h.connectionId, intentId: big.id, by: 'x', reason: 'y' })).rejects.toBeInstanceOf(Pax8SyncWriteStateError);
    await expect(h.engine.setWritePolicy(h.connectionId, { approval: { increasesAbove: -1 } })).rejects.toThrow(/policy\.approval\.increasesAbove/);
  });

  it('refuses bad input with a typed error naming the field, storing nothing', async () => {
    h = await createWriteHarness();
    const s = plainSubscription(h);
    const bad = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, 0), ...asker }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(Pax8SyncConfigError);
    expect((bad as Error).message).toMatch(/change\.quantity/);
    await expect(h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, 3), requestedBy: '', reason: 'x' })).rejects.toThrow(/requestedBy/);
    expect(await h.engine.listWrites({ connectionId: h.connectionId })).toEqual([]);
  });
});

describe('confirmation', () => {
  it('after applied, a targeted re-read stores Pax8\'s confirmed state: the feed shows quantity_changed after the transition', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    await h.engine.syncCompanies({ connectionId: h.connectionId });
    const s = plainSubscription(h);
    await h.engine.setMapping({ connectionId: h.connectionId, pax8CompanyId: s.companyId, psaCompanyId: 'psa-1' });
    await h.engine.syncSubscriptions({ connectionId: h.connectionId });
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 2), ...asker });
    await h.engine.sendDueWrites({ connectionId: h.connectionId });
    const events = (await h.feed()).filter((e) => e.entityId === s.id && e.runId === `write:${intent.id}`);
    expect(events.map((e) => (e.kind === 'write_transition' ? `${e.detail.to}` : e.kind))).toEqual(['approved', 'sending', 'applied', 'updated', 'quantity_changed']);
    expect(events.at(-1)?.detail).toMatchObject({ from: s.quantity, to: s.quantity + 2 });
    const [stored] = await h.storage.subscriptions.getMany(h.connectionId, [s.id]);
    expect(stored?.quantity).toBe(s.quantity + 2);
    // The next sync finds nothing new: storage already holds Pax8's state.
    const before = (await h.feed()).length;
    await h.engine.syncSubscriptions({ connectionId: h.connectionId });
    expect((await h.feed()).filter((e) => e.entityId === s.id).length).toBe((await h.feed()).slice(0, before).filter((e) => e.entityId === s.id).length);
  });
});
