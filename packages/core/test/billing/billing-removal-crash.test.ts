import type { InvoiceItemRecord, Pax8SyncStorage } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, PERIOD, storedItems } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sync = { pageSize: 5, prefetch: 2 };

/** Memory storage whose next `crashes` transactions that mark charge lines removed fail inside, after the rows were written (as a process killed before COMMIT). */
function crashingOnRemoval(): { storage: ReturnType<typeof createMemoryStorage>; crashes: { left: number } } {
  const storage = createMemoryStorage();
  const crashes = { left: 0 };
  const transaction: Pax8SyncStorage['transaction'] = (fn, options) =>
    storage.transaction((tx) => {
      const items = tx.billing!.invoiceItems;
      const upsertMany = async (rows: readonly InvoiceItemRecord[]) => {
        await items.upsertMany(rows);
        if (crashes.left > 0 && rows.some((r) => r.removedAt !== null)) {
          crashes.left -= 1;
          throw new Error('crash while marking charge lines removed');
        }
      };
      return fn({ ...tx, billing: { ...tx.billing!, invoiceItems: { ...items, upsertMany } } });
    }, options);
  return { storage: { ...storage, transaction } as typeof storage, crashes };
}

describe('a crash while a billing pull removes lines Pax8 no longer lists (over HTTP against the simulator)', () => {
  it('leaves every row and event as before it; the next run resumes the removal and removes exactly the gone lines, each with one event', async () => {
    const crashing = crashingOnRemoval();
    const setup = await billingHarness({ mapped: 4, engine: { storage: crashing.storage } });
    h = setup.h;
    const { connectionId, mapped } = setup;
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const [template] = (await storedItems(h, connectionId)).filter((i) => i.invoiceId !== null);
    const invoiceId = template!.invoiceId!;
    // Lines stored earlier that Pax8 lists no more: two of an invoice, two of the month's draft.
    const stale = [`invoice:${invoiceId}#gone-1`, `invoice:${invoiceId}#gone-2`, `draft:${PERIOD}#gone-3`, `draft:${PERIOD}#gone-4`];
    await crashing.storage.billing.invoiceItems.upsertMany(
      stale.map((id) => {
        const draft = id.startsWith('draft:');
        return { ...template!, id, scope: id.slice(0, id.indexOf('#')), period: PERIOD, invoiceId: draft ? null : invoiceId, companyId: mapped[0]! };
      }),
    );
    const before = await storedItems(h, connectionId);
    const cursor = (await h.engine.listChanges(connectionId, { limit: 100_000 })).nextCursor;

    // The invoice items stage's removal crashes, and again when the next run resumes it.
    crashing.crashes.left = 2;
    const failed = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toMatch(/crash while marking charge lines removed/);
    expect(await storedItems(h, connectionId)).toEqual(before);
    expect((await h.engine.listChanges(connectionId, { after: cursor, limit: 1000 })).events).toEqual([]);
    // It stood after the items stage's last listing: every invoice's items were listed and written.
    const invoices = await h.storage.billing.invoices.count(connectionId);
    expect((await h.storage.runs.get(failed.runId))!.checkpoint).toMatchObject({ billing: { period: PERIOD, stage: 1 }, listing: invoices, nextPage: 0 });
    const again = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(again).toMatchObject({ outcome: 'failed', resumedFromRunId: failed.runId });
    expect(await storedItems(h, connectionId)).toEqual(before);

    // The third run resumes at the removal, not the listings (no invoice nor its items is listed again): only what is gone is removed.
    const seen = h.sim.requests.length;
    const resumed = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(resumed).toMatchObject({ outcome: 'succeeded', resumedFromRunId: again.runId, error: null });
    const asked = h.sim.requests.slice(seen).map((r) => new URL(r.url).pathname);
    expect(asked.filter((path) => path === '/v1/invoices' || path.endsWith('/items'))).toEqual([]);
    expect(asked).toContain('/v1/invoices/draftItems');
    const after = await storedItems(h, connectionId);
    const removed = after.filter((i) => i.removedAt !== null).map((i) => i.id);
    expect(removed.sort()).toEqual([...stale].sort());
    expect(after.filter((i) => i.removedAt === null).map((i) => i.id).sort()).toEqual(before.filter((i) => !stale.includes(i.id)).map((i) => i.id).sort());
    const events = (await h.engine.listChanges(connectionId, { after: cursor, limit: 1000 })).events;
    expect(events.map((e) => `${e.kind} ${e.entityId}`).sort()).toEqual(stale.map((id) => `removed ${id}`).sort());

    // Nothing is left to do: a fresh pull changes nothing.
    expect(ran(await h.engine.syncInvoices({ connectionId, ...sync })).counts).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });
});
