import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, cleanBillingPull, storedItems } from './billing-harness';
import { type InvoiceRewrites, rewritingFetch } from './invoice-rewrites';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Item = Record<string, unknown>;

/** Pax8 sending the items without ids, the first line of every invoice twice (two lines alike). */
const idless = (items: Item[]): Item[] => items.flatMap((item, i) => {
  const { id: _id, ...line } = item;
  return i === 0 ? [line, { ...line }] : [line];
});

describe('ids of charge lines Pax8 sends without an id (over HTTP against the simulator)', () => {
  it('are keyed by content, numbered across pages: re-ordering the items between syncs changes no id and raises no change event', async () => {
    const rewrites: InvoiceRewrites = { items: idless };
    const made = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 }, engine: { fetch: rewritingFetch(rewrites) } });
    h = made.h;
    const { connectionId } = made;
    // Pages of 3: a re-ordered line moves to another page.
    const first = ran(await h.engine.syncInvoices({ connectionId, pageSize: 3 }));
    const lines = (await storedItems(h, connectionId)).filter((i) => i.invoiceId !== null && i.removedAt === null);
    expect(lines.length).toBeGreaterThan(6);
    expect(lines.every((i) => i.data.pax8Id === null && /#~[\w-]{22}(~\d+)?$/.test(i.id))).toBe(true);
    // The two alike lines of an invoice are two rows: `~<hash>` and `~<hash>~1`.
    const twins = lines.filter((i) => i.id.endsWith('~1'));
    expect(twins.length).toBeGreaterThan(0);
    for (const twin of twins) expect(lines.some((i) => i.id === twin.id.slice(0, -2))).toBe(true);
    expect(first.counts.created).toBeGreaterThanOrEqual(lines.length);
    const cursor = (await h.engine.listChanges(connectionId, { limit: 10_000 })).nextCursor;

    // Pax8 lists the same items in reverse order (the twins now last): the same rows, nothing changed.
    rewrites.items = (items) => idless(items).reverse();
    const again = ran(await h.engine.syncInvoices({ connectionId, pageSize: 3 }));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, removed: 0 });
    const after = (await storedItems(h, connectionId)).filter((i) => i.invoiceId !== null && i.removedAt === null);
    expect(after.map((i) => i.id).sort()).toEqual(lines.map((i) => i.id).sort());
    expect((await h.engine.listChanges(connectionId, { after: cursor, limit: 1000 })).events.filter((e) => e.entity === 'invoices')).toEqual([]);
  });

  it('a pull resumed inside an invoice\'s items numbers alike lines as a clean pull does: the pages before are listed again, no line takes an earlier one\'s id', async () => {
    // Each invoice's first line twice, the copy last: it is on a later page than the line it is alike to.
    const twinLast = (items: Item[]): Item[] => {
      const lines = idless(items);
      return lines.length < 2 ? lines : [lines[0]!, ...lines.slice(2), lines[1]!];
    };
    const rewrites: InvoiceRewrites = { items: twinLast };
    const made = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 }, engine: { fetch: rewritingFetch(rewrites) } });
    h = made.h;
    const { connectionId } = made;
    const sim = h.sim;
    let struck = false;
    const failed = ran(
      await h.engine.syncInvoices({
        connectionId,
        pageSize: 3,
        prefetch: 1,
        onProgress: (p) => {
          // The invoices page and the first invoice's first items page are written: its next page fails.
          if (!struck && p.pagesDone === 2) {
            struck = true;
            sim.faults.inject({ kind: 'serverError', route: 'GET /v1/invoices/{invoiceId}/items', times: 50 });
          }
        },
      }),
    );
    expect(failed.outcome).toBe('failed');
    const stood = (await h.storage.runs.get(failed.runId))!.checkpoint!;
    expect(stood).toMatchObject({ billing: { stage: 1 } });
    expect(Number(stood.nextPage)).toBeGreaterThan(0);
    sim.faults.clear();
    const resumed = ran(await h.engine.syncInvoices({ connectionId, pageSize: 3, prefetch: 1 }));
    expect(resumed).toMatchObject({ outcome: 'succeeded', resumedFromRunId: failed.runId });

    // A clean pull of the same world stores the same lines under the same ids, the same content under each.
    const clean = await cleanBillingPull(h, connectionId, { pageSize: 3, prefetch: 1 });
    const lines = async (storage: typeof clean.storage, of: string) => (await storage.billing.invoiceItems.list(of, { limit: 100_000 })).items.filter((i) => i.invoiceId !== null).map((i) => [i.id, i.hash]).sort();
    const resumedLines = await lines(h.storage as typeof clean.storage, connectionId);
    expect(resumedLines.some(([lineId]) => lineId!.endsWith('~1'))).toBe(true);
    expect(resumedLines).toEqual(await lines(clean.storage, clean.connectionId));
  });

  it('read-ahead answering out of order numbers alike lines as pages in order do', async () => {
    // A line on the second page (of 3 lines) and its copy last.
    const onSecondPageAndLast = (items: Item[]): Item[] => {
      const lines = idless(items);
      if (lines.length < 8) return lines;
      const [original, copy, ...rest] = lines;
      return [...rest.slice(0, 3), original!, ...rest.slice(3), copy!];
    };
    // Each invoice's second items page answers late: the pages after it arrive first.
    let pagesAsked = 0;
    const rewrites: InvoiceRewrites = {
      items: onSecondPageAndLast,
      itemsDelay: (page) => {
        pagesAsked += 1;
        return page === 1 ? 60 : 0;
      },
    };
    const made = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 }, engine: { fetch: rewritingFetch(rewrites) } });
    h = made.h;
    const { connectionId } = made;
    const result = ran(await h.engine.syncInvoices({ connectionId, pageSize: 3, prefetch: 4 }));
    expect({ outcome: result.outcome, error: result.error }).toEqual({ outcome: 'succeeded', error: null });
    const askedOutOfOrder = pagesAsked;
    pagesAsked = 0;
    const clean = await cleanBillingPull(h, connectionId, { pageSize: 3, prefetch: 1 });
    const lines = async (storage: typeof clean.storage, of: string) => (await storage.billing.invoiceItems.list(of, { limit: 100_000 })).items.filter((i) => i.invoiceId !== null).map((i) => [i.id, i.hash]).sort();
    const outOfOrder = await lines(h.storage as typeof clean.storage, connectionId);
    expect(outOfOrder.some(([lineId]) => lineId!.endsWith('~1'))).toBe(true);
    expect(outOfOrder).toEqual(await lines(clean.storage, clean.connectionId));
    // No page was listed twice: pages in flight are waited for, not listed again.
    expect(askedOutOfOrder).toBe(pagesAsked);
  });
});
