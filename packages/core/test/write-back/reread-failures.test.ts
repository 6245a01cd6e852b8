import { afterEach, describe, expect, it } from 'vitest';
import { asker, createWriteHarness, plainSubscription, quantity, type WriteHarness } from './support';

let h: WriteHarness;
afterEach(async () => h?.close());

describe('a target that cannot be re-read before sending (R1)', () => {
  it('does not hold the queue: it waits a growing while so the next intent goes, and fails with the reason after 5 passes; nothing is sent for it', async () => {
    h = await createWriteHarness();
    await h.engine.setWritePolicy(h.connectionId, { approval: { every: false } });
    const [a, b] = [plainSubscription(h, 0), plainSubscription(h, 1)];
    const stuck = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(a.id, a.quantity + 1), ...asker });
    h.clock.advance(1000);
    const next = await h.engine.requestWrite({ connectionId: h.connectionId, change: quantity(b.id, b.quantity + 1), ...asker });
    const failReads = () => h.sim.faults.set({ routes: { 'GET /v1/subscriptions/{subscriptionId}': { serverError: 1 } } });
    failReads();
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId, limit: 1 })).intents).toEqual([{ id: stuck.id, state: 'approved', reason: expect.stringContaining('could not re-read') }]);
    h.sim.faults.clear();
    // The same moment: the stuck intent waits, so the one behind it is sent.
    expect((await h.engine.sendDueWrites({ connectionId: h.connectionId, limit: 1 })).intents).toEqual([{ id: next.id, state: 'applied', reason: expect.any(String) }]);
    failReads();
    for (let pass = 2; pass <= 5; pass++) {
      h.clock.advance(3_600_000);
      await h.engine.sendDueWrites({ connectionId: h.connectionId, limit: 1 });
    }
    const end = await h.engine.getWrite(h.connectionId, stuck.id);
    expect(end).toMatchObject({ state: 'failed', attempts: 0 });
    expect(String(end.outcome?.reason)).toMatch(/could not be read in Pax8 5 times before sending/);
    expect(h.writes()).toEqual([`PUT /v1/subscriptions/${b.id}`]);
  });
});
