import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, PERIOD, storedItems } from './billing-harness';
import { type InvoiceRewrites, rewritingFetch } from './invoice-rewrites';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sync = { pageSize: 50, prefetch: 2 };

describe('which month a charge is, and which subscriptions are usage-billed (over HTTP against the simulator)', () => {
  it('the draft is stored as the month Pax8\'s own clock is in: not in the first hours of a UTC month (Pax8 still lists the month before), and with last month\'s prorates in it', async () => {
    const rewrites: InvoiceRewrites = {};
    const setup = await billingHarness({ mapped: 4, engine: { fetch: rewritingFetch(rewrites) } });
    h = setup.h;
    const { connectionId, clock } = setup;
    // A prorate of a seat change late last month, on this month's draft: this month's charge.
    let n = 0;
    rewrites.drafts = (item) => (++n % 4 === 0 ? { ...item, type: 'prorate', startPeriod: '2026-05-20T00:00:00.000-0600' } : item);
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const june = (await storedItems(h, connectionId)).filter((i) => i.scope === `draft:${PERIOD}` && i.removedAt === null);
    expect(june.length).toBeGreaterThan(3);
    expect(june.some((i) => i.data.type === 'prorate' && String(i.data.startPeriod).startsWith('2026-05'))).toBe(true);

    // 1 July 03:00 UTC is 30 June 21:00 in Pax8's -0600: its draft listing is still June's.
    rewrites.drafts = undefined;
    clock.advance(Date.UTC(2026, 6, 1, 3) - clock.now());
    const early = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(early.outcome).toBe('succeeded');
    expect((await storedItems(h, connectionId)).filter((i) => i.scope === 'draft:2026-07')).toEqual([]);
    // June's draft is left as it was last pulled.
    expect((await storedItems(h, connectionId)).filter((i) => i.scope === `draft:${PERIOD}` && i.removedAt === null).length).toBe(june.length);

    // Once Pax8's month has turned too, July's draft is pulled.
    clock.advance(6 * 3_600_000);
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect((await storedItems(h, connectionId)).filter((i) => i.scope === 'draft:2026-07' && i.removedAt === null).length).toBeGreaterThan(0);
  });

  it('a usage subscription with a unit price is still asked for its usage: its invoice lines bill it in arrears', async () => {
    const setup = await billingHarness({ mapped: 6 });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const summaries = await h.storage.billing.usageSummaries.list(connectionId, { limit: 10_000 });
    // Those the month's invoice bills in arrears (last month's usage), whatever their price says.
    const arrears = new Set((await storedItems(h, connectionId)).filter((i) => i.data.term === 'Arrears').map((i) => i.subscriptionId));
    const usageSubscriptions = [...new Set(summaries.items.map((u) => u.subscriptionId))].filter((id) => arrears.has(id));
    expect(usageSubscriptions.length).toBeGreaterThan(0);

    // Pax8 now shows a unit price on them (a consumption product with a list price).
    for (const id of usageSubscriptions) h.sim.world.subscriptions.update(id, { price: 12.5 });
    ran(await h.engine.syncSubscriptions({ connectionId }));
    const stored = await h.storage.subscriptions.getMany(connectionId, usageSubscriptions);
    expect(stored.every((s) => s.data.price === 12.5)).toBe(true);
    const seen = h.sim.requests.length;
    const again = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(again.counts.removed).toBe(0);
    const asked = new Set(h.sim.requests.slice(seen).map((r) => /^\/v1\/subscriptions\/([^/]+)\/usage-summaries$/.exec(new URL(r.url).pathname)?.[1]));
    expect(usageSubscriptions.filter((id) => !asked.has(id))).toEqual([]);
    expect((await h.storage.billing.usageSummaries.listActiveIds(connectionId)).sort()).toEqual(summaries.items.map((u) => u.id).sort());
    expect(again.counts.created).toBe(0);
  });
});
