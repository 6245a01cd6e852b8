import { afterEach, describe, expect, it } from 'vitest';
import { asker, createWriteHarness, plainSubscription, quantity, type WriteHarness } from './support';

let h: WriteHarness;
afterEach(async () => {
  await h?.close();
});

const DAY = 86_400_000;

/** A subscription inside an Annual commitment ending in 30 days (no decrease, no early cancellation). */
function committed(h: WriteHarness, q = 10) {
  const base = plainSubscription(h);
  const end = new Date(h.clock.now() + 30 * DAY).toISOString();
  return h.sim.world.subscriptions.add({ companyId: base.companyId, productId: base.productId, quantity: q, billingTerm: 'Annual', status: 'Active', startDate: new Date(h.clock.now() - 300 * DAY).toISOString(), commitment: { id: 'commit-annual-x', term: 'Annual', endDate: end } });
}

describe('previewWrite', () => {
  it('names a decrease inside a commitment, with its end date to schedule for; an increase is allowed', async () => {
    h = await createWriteHarness();
    const s = committed(h);
    const down = await h.engine.previewWrite({ connectionId: h.connectionId, change: quantity(s.id, 8) });
    expect(down.allowed).toBe(false);
    expect(down.blockers.map((b) => b.code)).toEqual(['commitment']);
    expect(down.blockers[0]?.message).toContain(s.commitment!.endDate);
    expect(down.scheduleFor).toBe(Date.parse(s.commitment!.endDate));
    expect(down.current).toEqual({ quantity: 10, status: 'Active' });
    const up = await h.engine.previewWrite({ connectionId: h.connectionId, change: quantity(s.id, 12) });
    expect(up).toMatchObject({ allowed: true, blockers: [], scheduleFor: null });
    const cancel = await h.engine.previewWrite({ connectionId: h.connectionId, change: { kind: 'subscription.cancel', subscriptionId: s.id } });
    expect(cancel.blockers.map((b) => b.code)).toEqual(['commitment']);
    expect(h.writes()).toEqual([]);
  });

  it('refuses quantity changes of a future-dated subscription', async () => {
    h = await createWriteHarness();
    const base = plainSubscription(h);
    const s = h.sim.world.subscriptions.add({ companyId: base.companyId, productId: base.productId, quantity: 3, status: 'Active', startDate: new Date(h.clock.now() + 10 * DAY).toISOString() });
    const preview = await h.engine.previewWrite({ connectionId: h.connectionId, change: quantity(s.id, 4) });
    expect(preview.blockers.map((b) => b.code)).toEqual(['future-dated']);
  });

  it('validates an order with isMock=true: nothing is ordered, and Pax8\'s refusal is shown', async () => {
    h = await createWriteHarness();
    const company = h.sim.world.companies.list().find((c) => c.status === 'Active')!;
    const product = h.sim.world.products.list()[0]!;
    const orders = h.sim.world.orders.list().length;
    const bad = await h.engine.previewWrite({ connectionId: h.connectionId, change: { kind: 'order.create', companyId: company.id, lineItems: [{ productId: product.id, quantity: 1, billingTerm: 'NoSuchTerm' }] } });
    expect(bad.allowed).toBe(false);
    expect(bad.blockers[0]).toMatchObject({ code: 'order-refused' });
    expect(bad.blockers[0]?.message).toMatch(/billingTerm/);
    expect(h.sim.requests.filter((r) => r.method === 'POST' && r.url.includes('/orders')).map((r) => new URL(r.url).search)).toEqual(['?isMock=true']);
    expect(h.sim.world.orders.list()).toHaveLength(orders);
  });
});

describe('scheduled changes', () => {
  it('a decrease blocked by the commitment is held until the commitment end, then sent when due', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    const s = committed(h);
    const preview = await h.engine.previewWrite({ connectionId: h.connectionId, change: quantity(s.id, 7) });
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: preview.change, ...asker, dueAt: preview.scheduleFor });
    expect(intent).toMatchObject({ state: 'approved', dueAt: preview.scheduleFor });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).intents).toEqual([]);
    h.clock.advance(29 * DAY);
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).intents).toEqual([]);
    expect(h.writes()).toEqual([]);
    h.clock.advance(DAY + 1000);
    const pass = await h.engine.sendDueWrites({ connectionId: h.connectionId });
    expect(pass.counts).toEqual({ applied: 1 });
    expect(h.writes()).toEqual([`PUT /v1/subscriptions/${s.id}`]);
    expect(h.sim.world.subscriptions.get(s.id)?.quantity).toBe(7);
  });

  it('scheduleWrite holds an already-made intent and records it in the feed', async () => {
    h = await createWriteHarness();
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1), ...asker });
    const later = h.clock.now() + 5 * DAY;
    const held = await h.engine.scheduleWrite({ connectionId: h.connectionId, intentId: intent.id, dueAt: later, by: 'boss@psa', reason: 'at renewal' });
    expect(held).toMatchObject({ state: 'pending-approval', dueAt: later });
    await h.engine.approveWrite({ connectionId: h.connectionId, intentId: intent.id, by: 'boss@psa', reason: 'ok' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).intents).toEqual([]);
    h.clock.advance(5 * DAY);
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(await h.transitions(intent.id)).toEqual(['null→pending-approval', 'pending-approval→pending-approval', 'pending-approval→approved', 'approved→sending', 'sending→applied']);
  });
});

describe('conflicts', () => {
  it('Pax8 wins by default: a target changed in Pax8 since the intent stops it as conflict with both values, nothing sent', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 3), ...asker });
    h.sim.world.subscriptions.update(s.id, { quantity: s.quantity + 1 });
    const pass = await h.engine.sendDueWrites({ connectionId: h.connectionId });
    expect(pass.counts).toEqual({ conflict: 1 });
    const stopped = await h.engine.getWrite(h.connectionId, intent.id);
    expect(stopped.outcome).toMatchObject({ expected: { quantity: s.quantity, status: 'Active' }, actual: { quantity: s.quantity + 1, status: 'Active' } });
    expect(stopped.attempts).toBe(0);
    expect(h.writes()).toEqual([]);
    // A person decides to send it anyway: the values Pax8 showed become its basis.
    await h.engine.retryWrite({ connectionId: h.connectionId, intentId: intent.id, by: 'boss@psa', reason: 'still wanted' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(h.sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 3);
  });

  it('PSA wins when the connection says so: it is sent anyway', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false }, onConflict: 'psa-wins' });
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 3), ...asker });
    h.sim.world.subscriptions.update(s.id, { quantity: s.quantity + 1 });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(h.sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 3);
    const claim = (await h.feed()).find((e) => e.detail.intentId === intent.id && e.detail.to === 'sending');
    expect(String(claim?.detail.reason)).toMatch(/PSA wins/);
  });
});
