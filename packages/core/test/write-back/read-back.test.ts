import { createSyncEngine } from '@pax8-sync/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptedLine, activeCompany, asker, createWriteHarness, freshSubscriptions, newCompany, plainSubscription, quantity, type WriteHarness } from './support';

let h: WriteHarness;
afterEach(async () => {
  await h?.close();
});

async function autoApprove(harness: WriteHarness) {
  await harness.engine.setWritePolicy(harness.connectionId, { approval: { every: false } });
}

describe('answer lost after Pax8 applied it', () => {
  it('a quantity change is read back as applied, never resent', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 4), ...asker });
    h.sim.faults.inject({ kind: 'resetAfterApply', route: 'PUT /v1/subscriptions/{subscriptionId}' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(h.writes()).toEqual([`PUT /v1/subscriptions/${s.id}`]);
    const done = await h.engine.getWrite(h.connectionId, intent.id);
    expect(done).toMatchObject({ state: 'applied', attempts: 1 });
    expect(String(done.outcome?.reason)).toMatch(/answer was lost.*read back: Pax8 shows quantity/);
  });

  it('an order whose answer is lost stays sending (Pax8 may still be processing it) and is read back by reconcile after the grace: one order, one POST', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const company = activeCompany(h);
    const line = await acceptedLine(h, company.id, 3);
    const orders = h.sim.world.orders.list().length;
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: { kind: 'order.create', companyId: company.id, lineItems: [line] }, ...asker });
    h.sim.faults.inject({ kind: 'serverErrorAfterApply', route: 'POST /v1/orders' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ sending: 1 });
    expect((await h.engine.reconcileWrites({ connectionId: h.connectionId })).intents).toEqual([]);
    h.clock.advance(300_000);
    expect((await h.engine.reconcileWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(await h.engine.getWrite(h.connectionId, intent.id)).toMatchObject({ state: 'applied', attempts: 1 });
    expect(h.sim.world.orders.list()).toHaveLength(orders + 1);
    expect(h.sim.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/orders'))).toHaveLength(1);
  });

  it('a reset whose order Pax8 applies only later is not resent: read back after the grace finds it, one order (B2)', async () => {
    h = await createWriteHarness({ faults: { lateApplyMs: 50 } });
    await autoApprove(h);
    const company = activeCompany(h);
    const line = await acceptedLine(h, company.id, 2);
    const orders = h.sim.world.orders.list().length;
    await h.engine.requestWrite({ connectionId: h.connectionId, change: { kind: 'order.create', companyId: company.id, lineItems: [line] }, ...asker });
    h.sim.faults.inject({ kind: 'resetThenApplyLate', route: 'POST /v1/orders' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ sending: 1 });
    // Pax8 was still processing it when the connection dropped: the order shows up later.
    await vi.waitFor(() => expect(h.sim.world.orders.list()).toHaveLength(orders + 1), { timeout: 5_000 });
    h.clock.advance(300_000);
    expect((await h.engine.reconcileWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(h.sim.world.orders.list()).toHaveLength(orders + 1);
  });

  it('a create whose answer was lost and that Pax8 does not show is never resent automatically: unknown for a person, retryWrite sends it', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: newCompany('psa-5', 'Twice Lost LLC'), ...asker });
    h.sim.faults.inject({ kind: 'serverError', route: 'POST /v1/companies' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ sending: 1 });
    h.clock.advance(300_000);
    expect((await h.engine.reconcileWrites({ connectionId: h.connectionId })).counts).toEqual({ unknown: 1 });
    const unknown = await h.engine.getWrite(h.connectionId, intent.id);
    expect(unknown).toMatchObject({ state: 'unknown', attempts: 1 });
    expect(String(unknown.outcome?.reason)).toMatch(/no company named.*never sent again automatically/);
    expect(h.writes()).toEqual(['POST /v1/companies']);
    await h.engine.retryWrite({ connectionId: h.connectionId, intentId: intent.id, by: 'ops', reason: 'Pax8 has no such company' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(await h.engine.getWrite(h.connectionId, intent.id)).toMatchObject({ state: 'applied', attempts: 2 });
    expect(h.sim.world.companies.list().filter((c) => c.name === 'Twice Lost LLC')).toHaveLength(1);
  });
});

describe('read back takes only what the intent made', () => {
  it('an order placed the same day by someone else is not taken for ours: a lost create that did not apply ends unknown (B3)', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const company = activeCompany(h);
    const line = await acceptedLine(h, company.id, 4);
    const { id: _id, ...template } = h.sim.world.orders.list()[0]!;
    const today = new Date(h.clock.now()).toISOString().slice(0, 10);
    const manual = h.sim.world.orders.add({ ...template, companyId: company.id, createdDate: today, lineItems: [{ ...template.lineItems[0]!, productId: line.productId, quantity: line.quantity, billingTerm: line.billingTerm }] });
    const orders = h.sim.world.orders.list().length;
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: { kind: 'order.create', companyId: company.id, lineItems: [line] }, ...asker });
    h.sim.faults.inject({ kind: 'serverError', route: 'POST /v1/orders' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ sending: 1 });
    h.clock.advance(300_000);
    expect((await h.engine.reconcileWrites({ connectionId: h.connectionId })).counts).toEqual({ unknown: 1 });
    const end = await h.engine.getWrite(h.connectionId, intent.id);
    expect(end.outcome?.pax8Id).toBeUndefined();
    expect(String(end.outcome?.reason)).toMatch(/no new order/);
    expect(h.sim.world.orders.list()).toHaveLength(orders);
    expect(h.sim.world.orders.get(manual.id)).toBeDefined();
  });

  it('a company of the same name that exists already blocks the create even under PSA-wins: no POST, its mapping untouched (B4)', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false }, onConflict: 'psa-wins' });
    const existing = activeCompany(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: newCompany('psa-9', existing.name), ...asker });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ conflict: 1 });
    expect(h.writes()).toEqual([]);
    expect(await h.engine.getWrite(h.connectionId, intent.id)).toMatchObject({ state: 'conflict' });
    expect(await h.storage.mappings.get(h.connectionId, existing.id)).toBeUndefined();
  });
});

describe('restart from storage alone', () => {
  it('an intent left sending by a crash is read back: applied when Pax8 shows it, resent once when it does not; a live one is left alone', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const [a, b] = [plainSubscription(h, 0), plainSubscription(h, 1)];
    const applied = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(a.id, a.quantity + 1), ...asker });
    const notSent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(b.id, b.quantity + 1), ...asker });
    // The crashed process had claimed both; only the first PUT reached Pax8 before it died.
    for (const i of [applied, notSent]) {
      await h.storage.outbox.update({ ...i, state: 'sending', attempts: 1, sentAt: h.clock.now(), version: i.version + 1 }, i.version);
    }
    h.sim.world.subscriptions.update(a.id, { quantity: a.quantity + 1 });
    expect((await h.engine.reconcileWrites({ connectionId: h.connectionId })).intents).toEqual([]);
    h.clock.advance(300_000);
    const pass = await h.engine.reconcileWrites({ connectionId: h.connectionId });
    expect(pass.counts).toEqual({ applied: 2 });
    expect(h.writes()).toEqual([`PUT /v1/subscriptions/${b.id}`]);
    expect(await h.engine.getWrite(h.connectionId, applied.id)).toMatchObject({ state: 'applied', attempts: 1 });
    expect(await h.engine.getWrite(h.connectionId, notSent.id)).toMatchObject({ state: 'applied', attempts: 2 });
    expect(h.sim.world.subscriptions.get(b.id)?.quantity).toBe(b.quantity + 1);
  });
});

describe('a target Pax8 no longer has', () => {
  it('fails the intent with the reason instead of waiting forever, and sends nothing', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1), ...asker });
    h.sim.world.subscriptions.remove(s.id);
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ failed: 1 });
    expect(String((await h.engine.getWrite(h.connectionId, intent.id)).outcome?.reason)).toMatch(/no subscription .* any more/);
    expect(h.writes()).toEqual([]);
  });
});

describe('two senders at once', () => {
  it('each intent is claimed by exactly one of them: one PUT per intent', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const subs = freshSubscriptions(h, 20);
    for (const s of subs) await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1), ...asker });
    const other = createSyncEngine({ ...h.options, ids: () => 'unused' });
    await Promise.all([h.engine.sendDueWrites({ connectionId: h.connectionId }), other.sendDueWrites({ connectionId: h.connectionId })]);
    const puts = h.writes();
    expect(puts).toHaveLength(20);
    expect(new Set(puts).size).toBe(20);
    expect((await h.engine.listWrites({ connectionId: h.connectionId, states: ['applied'] })).length).toBe(20);
  });
});

describe('certainly not applied', () => {
  it('a 429 leaves the intent approved with its attempt undone; the next pass sends it', async () => {
    h = await createWriteHarness();
    await autoApprove(h);
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1), ...asker });
    h.sim.faults.inject({ kind: 'rateLimit', route: 'PUT /v1/subscriptions/{subscriptionId}' });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ approved: 1 });
    expect(await h.engine.getWrite(h.connectionId, intent.id)).toMatchObject({ state: 'approved', attempts: 0, sentAt: null });
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
    expect(await h.engine.getWrite(h.connectionId, intent.id)).toMatchObject({ state: 'applied', attempts: 1 });
    expect(await h.transitions(intent.id)).toEqual(['null→approved', 'approved→sending', 'sending→approved', 'approved→sending', 'sending→applied']);
  });

  it('a request that never left (connection refused) is not counted as sent and goes again on the next pass', async () => {
    let refuse = true;
    const failing: typeof fetch = (input, init) => {
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      if (refuse && method === 'PUT') return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
      return fetch(input, init);
    };
    h = await createWriteHarness({}, { fetch: failing });
    await autoApprove(h);
    const s = plainSubscription(h);
    const intent = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(s.id, s.quantity + 1), ...asker });
    await h.engine.sendDueWrites({ connectionId: h.connectionId });
    const waiting = await h.engine.getWrite(h.connectionId, intent.id);
    expect(waiting).toMatchObject({ state: 'approved', attempts: 0 });
    expect(h.writes()).toEqual([]);
    refuse = false;
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId })).counts).toEqual({ applied: 1 });
  });
});
