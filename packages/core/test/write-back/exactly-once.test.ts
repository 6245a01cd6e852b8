import type { WriteChange, WriteIntent } from '@pax8-sync/core';
import { describe, expect, it } from 'vitest';
import { acceptedLine, activeCompany, createWriteHarness, newCompany, plainSubscription } from './support';

const FAULTS = {
  serverError: 0.02,
  reset: 0.015,
  rateLimit: 0.01,
  malformedJson: 0.01,
  resetAfterApply: 0.015,
  serverErrorAfterApply: 0.015,
  hangAfterApply: 0.015,
};

describe('exactly once without idempotency keys', () => {
  it('1,000 intents under 10 % faults (including "applied, then the answer lost"): 0 duplicates, 0 lost changes, every intent final with its reason', { timeout: 120_000 }, async () => {
    const h = await createWriteHarness({ companies: 30, subscriptions: 50, faults: { hangMs: 5 } });
    try {
      const c = h.connectionId;
      await h.engine.setWritePolicy(c, { approval: { every: false } });
      const template = plainSubscription(h);
      const started = new Date(h.clock.now() - 86_400_000 * 40).toISOString();
      const subs = Array.from({ length: 900 }, (_, i) =>
        h.sim.world.subscriptions.add({ companyId: activeCompany(h, i % 10).id, productId: template.productId, quantity: 1 + (i % 7), billingTerm: 'Monthly', status: 'Active', startDate: started }),
      );
      const changes: WriteChange[] = [];
      subs.slice(0, 800).forEach((s, i) => {
        changes.push({ kind: 'subscription.quantity', subscriptionId: s.id, quantity: s.quantity + 1 + (i % 3) });
      });
      for (const s of subs.slice(800, 900)) changes.push({ kind: 'subscription.cancel', subscriptionId: s.id });
      for (let i = 0; i < 40; i++) changes.push(newCompany(`psa-new-${i}`, `Exactly Once ${i}`));
      const base = await acceptedLine(h, activeCompany(h).id);
      for (let i = 0; i < 60; i++) changes.push({ kind: 'order.create', companyId: activeCompany(h, i % 10).id, lineItems: [{ ...base, quantity: i + 1 }] });
      const intents: WriteIntent[] = [];
      for (const change of changes) intents.push(await h.engine.requestWrite({ connectionId: c, change, requestedBy: 'load', reason: 'exactly-once test' }));
      expect(intents).toHaveLength(1000);
      const ordersBefore = new Set(h.sim.world.orders.list().map((o) => o.id));
      const companiesBefore = h.sim.world.companies.list().length;

      h.sim.faults.set({ rates: FAULTS, hangMs: 5 });
      for (let round = 0; round < 30; round++) {
        await h.engine.sendDueWrites({ connectionId: c, limit: 1000 });
        await h.engine.reconcileWrites({ connectionId: c, staleAfterMs: 0, limit: 1000 });
        const open = await h.engine.listWrites({ connectionId: c, states: ['approved', 'sending'], limit: 1000 });
        if (open.length === 0) break;
        // An intent whose target could not be re-read waits a growing while before its next try.
        h.clock.advance(600_000);
      }
      h.sim.faults.clear();
      expect(h.sim.counters.faults.resetAfterApply ?? 0).toBeGreaterThan(0);
      expect(h.sim.counters.faults.serverErrorAfterApply ?? 0).toBeGreaterThan(0);

      const final: WriteIntent[] = [];
      for (let after: string | undefined; ; ) {
        const page = await h.engine.listWrites({ connectionId: c, limit: 500, ...(after ? { after } : {}) });
        final.push(...page);
        if (page.length < 500) break;
        after = page.at(-1)!.id;
      }
      expect(final).toHaveLength(1000);
      const notFinal = final.filter((i) => !['applied', 'failed', 'conflict', 'unknown'].includes(i.state));
      expect(notFinal.map((i) => `${i.id} ${i.state}`)).toEqual([]);
      expect(final.filter((i) => typeof i.outcome?.reason !== 'string' || i.outcome.reason === '')).toEqual([]);
      expect(final.filter((i) => i.attempts < 1 || i.attempts > 2)).toEqual([]);

      // 0 lost changes: every applied intent's effect is in Pax8, and every intent left unapplied is explained.
      const world = h.sim.world;
      const lost: string[] = [];
      const unapplied = final.filter((i) => i.state !== 'applied');
      for (const i of final.filter((x) => x.state === 'applied')) {
        if (i.kind === 'subscription.quantity' && world.subscriptions.get(i.target.id)?.quantity !== i.payload.quantity) lost.push(i.id);
        if (i.kind === 'subscription.cancel' && !['Cancelled', 'PendingCancel'].includes(world.subscriptions.get(i.target.id)?.status ?? '')) lost.push(i.id);
        if (i.kind === 'company.create' && world.companies.get(String(i.outcome?.pax8Id))?.name !== (i.payload.company as { name: string }).name) lost.push(i.id);
        if (i.kind === 'order.create' && !world.orders.get(String(i.outcome?.pax8Id))) lost.push(i.id);
      }
      expect(lost).toEqual([]);
      // An unapplied intent is never silent: it is `unknown` (sent twice, no usable answer either time) or
      // refused by Pax8, with the reason; and it did not take effect.
      for (const i of unapplied) {
        expect(['unknown', 'failed'], `${i.id} ${i.state}`).toContain(i.state);
        if (i.kind === 'subscription.quantity') expect(world.subscriptions.get(i.target.id)?.quantity, i.id).not.toBe(i.payload.quantity);
        if (i.kind === 'company.create') expect(world.companies.list().some((x) => x.name === (i.payload.company as { name: string }).name), i.id).toBe(false);
      }
      // A person's decision settles the unknown ones (faults gone): then every change is in Pax8.
      for (const i of unapplied.filter((x) => x.state === 'unknown')) await h.engine.retryWrite({ connectionId: c, intentId: i.id, by: 'ops', reason: 'checked Pax8' });
      await h.engine.sendDueWrites({ connectionId: c, limit: 1000 });
      const settled = await h.engine.listWrites({ connectionId: c, states: ['applied'], limit: 1000 });
      expect(settled.length).toBe(1000 - unapplied.filter((x) => x.state === 'failed').length);
      for (const i of settled) {
        if (i.kind === 'subscription.quantity') expect(world.subscriptions.get(i.target.id)?.quantity, i.id).toBe(i.payload.quantity);
        if (i.kind === 'subscription.cancel') expect(['Cancelled', 'PendingCancel'], i.id).toContain(world.subscriptions.get(i.target.id)?.status);
      }
      final.splice(0, final.length, ...(await h.engine.listWrites({ connectionId: c, limit: 1000 })));

      // 0 duplicates: one company per name, one order per (company, lines), exactly for the applied intents.
      const newCompanies = world.companies.list().filter((x) => x.name.startsWith('Exactly Once '));
      expect(new Set(newCompanies.map((x) => x.name)).size).toBe(newCompanies.length);
      expect(world.companies.list().length - companiesBefore).toBe(final.filter((i) => i.kind === 'company.create' && i.state === 'applied').length);
      const newOrders = world.orders.list().filter((o) => !ordersBefore.has(o.id));
      const keys = newOrders.map((o) => `${o.companyId}:${o.lineItems.map((l) => l.quantity).join(',')}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(newOrders.length).toBe(final.filter((i) => i.kind === 'order.create' && i.state === 'applied').length);
      const claimed = final.filter((i) => i.kind === 'order.create' && i.state === 'applied').map((i) => i.outcome?.pax8Id);
      expect(new Set(claimed).size).toBe(claimed.length);
      // Every intent's transitions are in the feed, ending in its final state.
      const feed = (await h.feed()).filter((e) => e.kind === 'write_transition');
      const last = new Map<string, unknown>();
      for (const e of feed) last.set(String(e.detail.intentId), e.detail.to);
      expect(final.filter((i) => last.get(i.id) !== i.state)).toEqual([]);
      expect(final.filter((i) => i.state === 'applied').length).toBeGreaterThan(950);
    } finally {
      await h.close();
    }
  });
});
