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
  it('a draft line is the month its startPeriod names as Pax8 wrote it (-0600), not the UTC month; lines Pax8 still lists from the month before are not this month\'s', async () => {
    const rewrites: InvoiceRewrites = {};
    const setup = await billingHarness({ mapped: 4, engine: { fetch: rewritingFetch(rewrites) } });
    h = setup.h;
    const { connectionId } = setup;
    let n = 0;
    // Every third line as Pax8 writes a date late in its day: 30 June 20:00 at -0600 is 1 July in UTC, yet June's.
    // Every third line after it still of May (Pax8's month had not turned yet when it listed them).
    rewrites.drafts = (item) => {
      n += 1;
      if (n % 3 === 1) return { ...item, startPeriod: `${PERIOD}-30T20:00:00.000-0600` };
      if (n % 3 === 2) return { ...item, startPeriod: '2026-05-31T18:00:00.000-0600' };
      return item;
    };
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const drafts = (await storedItems(h, connectionId)).filter((i) => i.invoiceId === null && i.removedAt === null);
    expect(drafts.length).toBeGreaterThan(3);
    expect(drafts.every((i) => i.period === PERIOD && String(i.data.startPeriod).startsWith(PERIOD))).toBe(true);
    // June's lines written late in the day are kept; no May line is.
    expect(drafts.some((i) => String(i.data.startPeriod).endsWith('T20:00:00.000-0600'))).toBe(true);
    expect(drafts.filter((i) => String(i.data.startPeriod).startsWith('2026-05'))).toEqual([]);

    // When Pax8 lists them as June's again, they are stored; none of the kept ones changes.
    const kept = drafts.map((i) => i.id).sort();
    rewrites.drafts = undefined;
    const again = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(again.counts.removed).toBe(0);
    const all = (await storedItems(h, connectionId)).filter((i) => i.invoiceId === null && i.removedAt === null).map((i) => i.id);
    expect(all.length).toBeGreaterThan(kept.length);
    expect(kept.every((id) => all.includes(id))).toBe(true);
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
