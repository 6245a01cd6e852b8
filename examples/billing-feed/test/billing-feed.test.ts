import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine, type SyncEngine } from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8Simulator } from '@pax8-sync/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyBillingFeed, type BillingLine, type BillingLineChange, type CursorStore } from '../src/index';

/** A PSA's billing screen, reduced to what the feed changes: lines by subscription id. */
function billingScreen() {
  const lines = new Map<string, BillingLine & { stopped: boolean; lastCursor: string }>();
  const cursors = new Map<string, string>();
  const cursorStore: CursorStore = { get: async (id) => cursors.get(id) ?? null, set: async (id, cursor) => void cursors.set(id, cursor) };
  const apply = async (changes: readonly BillingLineChange[]) => {
    for (const change of changes) {
      const id = change.kind === 'new-line' ? change.line.subscriptionId : change.subscriptionId;
      // Idempotent by cursor: a re-delivered change is skipped.
      if ((lines.get(id)?.lastCursor ?? '') >= change.cursor.padStart(12, '0')) continue;
      const stopped = change.kind === 'line-stopped';
      lines.set(id, { ...change.line, stopped, lastCursor: change.cursor.padStart(12, '0') });
    }
  };
  return { lines, cursors, cursorStore, apply };
}

let sim: Pax8Simulator;
let storage: MemoryStorage;
let engine: SyncEngine;
let connectionId: string;
let mapped: string[];

beforeEach(async () => {
  sim = createPax8Simulator({ seed: 3, companies: 8, subscriptions: 90 });
  storage = createMemoryStorage();
  engine = createSyncEngine({ storage, codec: createAesGcmCodec({ key: randomBytes(32) }) });
  ({ id: connectionId } = await engine.createConnection({ name: 'Pax8', environment: 'Sandbox', baseUrl: await sim.listen(), ...sim.credentials, country: 'US', currency: 'USD' }));
  await engine.syncCompanies({ connectionId });
  mapped = sim.world.companies.ids().slice(0, 3);
  for (const [i, pax8CompanyId] of mapped.entries()) await engine.setMapping({ connectionId, pax8CompanyId, psaCompanyId: `psa-${i}` });
});
afterEach(() => sim.close());

const mine = () => sim.world.subscriptions.list({ filter: (s) => mapped.includes(s.companyId) });
const activeOnes = () => mine().filter((s) => s.status === 'Active');

describe('billing lines from the change feed', () => {
  it('first sync: one new line per subscription of a mapped company, with its PSA state; nothing for unmapped companies', async () => {
    await engine.syncSubscriptions({ connectionId });
    const screen = billingScreen();
    const result = await applyBillingFeed({ storage, connectionId, cursors: screen.cursorStore, apply: screen.apply, batchSize: 25 });

    const stored = (await storage.subscriptions.list(connectionId, { limit: 1000 })).items;
    expect(stored.map((s) => s.id).sort()).toEqual(mine().map((s) => s.id).sort());
    expect([...screen.lines.keys()].sort()).toEqual(stored.map((s) => s.id).sort());
    for (const row of stored) {
      const line = screen.lines.get(row.id);
      expect(line).toMatchObject({ psaCompanyId: `psa-${mapped.indexOf(row.companyId)}`, quantity: row.quantity, pax8Status: row.status, state: row.mappedState, stopped: false });
    }
    expect(new Set(stored.map((s) => s.mappedState))).toEqual(new Set(['active', 'inactive']));
    expect(result.applied).toBe(stored.length);
    expect(screen.cursors.get(connectionId)).toBe(result.cursor);
  });

  it('after changes in Pax8: quantity change, line stopped (cancelled, removed), line restarted, new line — in feed order', async () => {
    const [toRestart] = activeOnes();
    sim.world.subscriptions.update(toRestart!.id, { status: 'Cancelled' });
    await engine.syncSubscriptions({ connectionId });
    const screen = billingScreen();
    await applyBillingFeed({ storage, connectionId, cursors: screen.cursorStore, apply: screen.apply });
    expect(screen.lines.get(toRestart!.id)).toMatchObject({ pax8Status: 'Cancelled', state: 'inactive' });

    const [, seats, cancel, gone] = activeOnes();
    sim.world.subscriptions.update(seats!.id, { quantity: seats!.quantity + 4 });
    sim.world.subscriptions.update(cancel!.id, { status: 'PendingCancel' });
    sim.world.subscriptions.update(toRestart!.id, { status: 'Active' });
    sim.world.subscriptions.remove(gone!.id);
    const added = sim.world.subscriptions.add({ companyId: mapped[2]!, productId: seats!.productId, quantity: 7, status: 'Active' });
    const stranger = sim.world.subscriptions.list({ filter: (s) => !mapped.includes(s.companyId) })[0]!;
    sim.world.subscriptions.update(stranger.id, { quantity: stranger.quantity + 1 });
    await engine.syncSubscriptions({ connectionId });

    const applied: BillingLineChange[] = [];
    const result = await applyBillingFeed({
      storage,
      connectionId,
      cursors: screen.cursorStore,
      apply: async (changes) => {
        applied.push(...changes);
        await screen.apply(changes);
      },
    });
    const summary = applied.map((c) => `${c.kind}:${c.kind === 'new-line' ? c.line.subscriptionId : c.subscriptionId}`).sort();
    expect(summary).toEqual(
      [`quantity-change:${seats!.id}`, `line-stopped:${cancel!.id}`, `line-restarted:${toRestart!.id}`, `line-stopped:${gone!.id}`, `new-line:${added.id}`].sort(),
    );
    expect(applied.map((c) => Number(c.cursor))).toEqual([...applied.map((c) => Number(c.cursor))].sort((a, b) => a - b));
    expect(applied.find((c) => c.kind === 'quantity-change')).toMatchObject({ from: seats!.quantity, to: seats!.quantity + 4, line: { quantity: seats!.quantity + 4 } });
    expect(applied.find((c) => c.kind === 'line-stopped' && c.subscriptionId === cancel!.id)).toMatchObject({ reason: 'status', pax8Status: 'PendingCancel', line: { state: 'inactive' } });
    expect(applied.find((c) => c.kind === 'line-stopped' && c.subscriptionId === gone!.id)).toMatchObject({ reason: 'removed-in-pax8', pax8Status: null });
    expect(applied.find((c) => c.kind === 'new-line')).toMatchObject({ line: { psaCompanyId: 'psa-2', quantity: 7, state: 'active', pax8Status: 'Active' } });
    expect(screen.lines.get(cancel!.id)).toMatchObject({ stopped: true, state: 'inactive' });
    expect(screen.lines.get(toRestart!.id)).toMatchObject({ stopped: false, state: 'active' });
    expect(screen.lines.has(stranger.id)).toBe(false);
    // The raw feed had more events (updated events ride along each change); only billing-relevant ones became lines.
    expect(result.events).toBeGreaterThan(result.applied);
  });

  it('a failing apply does not move the cursor: the same changes come again next time', async () => {
    await engine.syncSubscriptions({ connectionId });
    const screen = billingScreen();
    await applyBillingFeed({ storage, connectionId, cursors: screen.cursorStore, apply: screen.apply });
    const before = screen.cursors.get(connectionId);
    const [seats] = activeOnes();
    sim.world.subscriptions.update(seats!.id, { quantity: seats!.quantity + 1 });
    await engine.syncSubscriptions({ connectionId });

    const down = applyBillingFeed({ storage, connectionId, cursors: screen.cursorStore, apply: async () => Promise.reject(new Error('PSA database is down')) });
    await expect(down).rejects.toThrow('PSA database is down');
    expect(screen.cursors.get(connectionId)).toBe(before);

    const again: BillingLineChange[] = [];
    await applyBillingFeed({ storage, connectionId, cursors: screen.cursorStore, apply: async (c) => void again.push(...c), listChanges: (id, o) => engine.listChanges(id, o) });
    expect(again.map((c) => c.kind)).toEqual(['quantity-change']);
    expect(screen.cursors.get(connectionId)).not.toBe(before);
  });
});
