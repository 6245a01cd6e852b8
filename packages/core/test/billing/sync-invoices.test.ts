import { Pax8SyncConfigError, syncInvoices } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { strictPositions } from '../support/strict-positions';
import { billingHarness, cleanBillingPull, PERIOD, servedCharges, storedItems } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sync = { pageSize: 5, prefetch: 2 };

describe('syncInvoices over HTTP against the simulator', () => {
  it('pulls the month\'s invoices, their items, the draft items and usage of mapped companies only, ids scoped', async () => {
    const setup = await billingHarness({ mapped: 4 });
    h = setup.h;
    const { connectionId, mapped, pax8 } = setup;
    const result = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(result).toMatchObject({ outcome: 'succeeded', entity: 'invoices', flags: [], error: null });

    const served = await servedCharges(pax8);
    const mine = (companyId: unknown) => typeof companyId === 'string' && mapped.includes(companyId);
    const invoices = served.invoices.filter((i) => !i.companyId || mine(i.companyId));
    expect(invoices.length).toBe(mapped.length);
    expect(await h.storage.billing.invoices.listActiveIds(connectionId, { scopes: [`invoices:${PERIOD}`] })).toEqual(invoices.map((i) => i.id).sort());

    const expectedItems = [
      ...invoices.flatMap((invoice) => (served.items.get(invoice.id) ?? []).filter((i) => mine(i.companyId)).map((i) => `invoice:${invoice.id}#${i.id}`)),
      ...served.drafts.filter((i) => mine(i.companyId)).map((i) => `draft:${PERIOD}#${i.id}`),
    ].sort();
    expect(expectedItems.length).toBeGreaterThan(10);
    const items = await storedItems(h, connectionId);
    expect(items.map((i) => i.id).sort()).toEqual(expectedItems);
    expect(items.every((i) => mapped.includes(i.companyId))).toBe(true);
    const draft = served.drafts.find((i) => mine(i.companyId))!;
    expect(items.find((i) => i.id === `draft:${PERIOD}#${draft.id}`)).toMatchObject({
      scope: `draft:${PERIOD}`,
      period: PERIOD,
      invoiceId: null,
      subscriptionId: draft.subscriptionId,
      productId: draft.productId,
      quantity: draft.quantity,
      price: draft.price,
      cost: draft.cost,
      currencyCode: draft.currencyCode,
      billedByPax8: draft.billedByPax8,
      data: expect.objectContaining({ pax8Id: draft.id }),
    });

    // Usage: the summaries of the mapped companies' subscriptions without a unit price.
    const usageSubs = (await h.storage.subscriptions.list(connectionId, { companyIds: mapped, limit: 1000 })).items.filter((s) => !(Number(s.data.price) > 0));
    const summaries = (await Promise.all(usageSubs.map(async (s) => (await pax8.usage.summaries.collect({ subscriptionId: s.id }, { max: 100 })).map((u) => `usage:${s.id}:${PERIOD}#${u.id}`)))).flat().sort();
    expect(summaries.length).toBeGreaterThan(0);
    expect(await h.storage.billing.usageSummaries.listActiveIds(connectionId)).toEqual(summaries);
    expect(result.counts.created).toBe(invoices.length + expectedItems.length + summaries.length);

    // The change feed: one created event per row, entity invoices, the row's scope in the detail.
    const events = (await h.engine.listChanges(connectionId, { limit: 10_000 })).events.filter((e) => e.entity === 'invoices');
    expect(events.length).toBe(result.counts.created);
    expect(events.find((e) => e.entityId === `draft:${PERIOD}#${draft.id}`)).toMatchObject({ kind: 'created', detail: { companyId: draft.companyId, scope: `draft:${PERIOD}` } });

    // A second pull changes nothing; a scripted seat count shows as an update of the draft line.
    const again = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(again.counts).toMatchObject({ created: 0, updated: 0, removed: 0, unchanged: result.counts.created });
    const cursor = (await h.engine.listChanges(connectionId, { limit: 10_000 })).nextCursor;
    h.sim.billing.script({ kind: 'seatCount', subscriptionId: draft.subscriptionId!, quantity: (draft.quantity ?? 0) + 7 });
    const third = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(third.counts.updated).toBeGreaterThanOrEqual(1);
    const updated = (await h.engine.listChanges(connectionId, { after: cursor, limit: 1000 })).events;
    expect(updated).toContainEqual(expect.objectContaining({ kind: 'updated', entityId: `draft:${PERIOD}#${draft.id}`, fields: expect.arrayContaining([expect.objectContaining({ field: 'quantity', after: (draft.quantity ?? 0) + 7 })]) }));
  });

  it('removes only unseen rows of the scopes it listed; rows of other months and invoices stay', async () => {
    const setup = await billingHarness({ mapped: 3 });
    h = setup.h;
    const { connectionId, mapped } = setup;
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const [template] = await storedItems(h, connectionId);
    const row = (id: string, scope: string, period: string) => ({ ...template!, id, scope, period, invoiceId: scope.startsWith('invoice:') ? scope.slice(8) : null, companyId: mapped[0]! });
    await h.storage.billing.invoiceItems.upsertMany([
      row(`draft:${PERIOD}#gone`, `draft:${PERIOD}`, PERIOD),
      row('draft:2026-05#old', 'draft:2026-05', '2026-05'),
      row('invoice:elsewhere#1', 'invoice:elsewhere', '2026-05'),
    ]);
    const result = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(result.counts.removed).toBe(1);
    const rows = await h.storage.billing.invoiceItems.getMany(connectionId, [`draft:${PERIOD}#gone`, 'draft:2026-05#old', 'invoice:elsewhere#1']);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.removedAt !== null]))).toEqual({ [`draft:${PERIOD}#gone`]: true, 'draft:2026-05#old': false, 'invoice:elsewhere#1': false });
    const removed = (await h.engine.listChanges(connectionId, { limit: 10_000 })).events.filter((e) => e.kind === 'removed');
    expect(removed.map((e) => e.entityId)).toEqual([`draft:${PERIOD}#gone`]);
  });

  it('checkpoint positions strictly increase within a pull, across removal batches and stage boundaries (the Postgres rule)', async () => {
    const strict = strictPositions(createMemoryStorage());
    const setup = await billingHarness({ mapped: 3, engine: { storage: strict.storage } });
    h = setup.h;
    const { connectionId, mapped } = setup;
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const [template] = await storedItems(h, connectionId);
    // A stale draft line: the draft stage removes it in a batch (one checkpoint), then the usage stage opens (another).
    await strict.storage.billing.invoiceItems.upsertMany([{ ...template!, id: `draft:${PERIOD}#gone`, scope: `draft:${PERIOD}`, period: PERIOD, invoiceId: null, companyId: mapped[0]! }]);
    const result = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect({ outcome: result.outcome, error: result.error, removed: result.counts.removed }).toEqual({ outcome: 'succeeded', error: null, removed: 1 });
    const positions = strict.positions.get(result.runId)!;
    expect(positions).toEqual(positions.map((_, i) => i));
    // The stored checkpoint is the last stage's, at the last position.
    expect((await h.storage.runs.get(result.runId))?.checkpoint).toMatchObject({ billing: { period: PERIOD, stage: 3 }, written: positions.length });
  });

  it('an invoice of a company unmapped later is seen by the listing (no look-up, no removal-deferred flag) and its items are no longer listed', async () => {
    const setup = await billingHarness({ mapped: 3 });
    h = setup.h;
    const { connectionId, mapped } = setup;
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const [gone] = await h.storage.mappings.list(connectionId, { state: 'confirmed' });
    await h.storage.mappings.upsertMany([{ ...gone!, state: 'rejected' as const }]);
    const seen = h.sim.requests.length;
    for (let i = 0; i < 2; i += 1) {
      const result = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
      expect({ outcome: result.outcome, flags: result.flags, removed: result.counts.removed }).toEqual({ outcome: 'succeeded', flags: [], removed: 0 });
    }
    const paths = h.sim.requests.slice(seen).map((r) => new URL(r.url).pathname);
    // No look-up of one invoice (the listing saw it), and its items are no longer listed (its company is out of scope).
    expect(paths.filter((p) => /^\/v1\/invoices\/[^/]+$/.test(p) && p !== '/v1/invoices/draftItems')).toEqual([]);
    const [unmappedInvoice] = (await h.storage.billing.invoices.list(connectionId, { companyIds: [gone!.pax8CompanyId] })).items;
    expect(unmappedInvoice).toBeDefined();
    expect(paths).not.toContain(`/v1/invoices/${unmappedInvoice!.id}/items`);
    expect(mapped).toContain(gone!.pax8CompanyId);
  });

  it('a complete pull drops stale quarantine entries of the scopes it listed only, never another month\'s', async () => {
    const setup = await billingHarness({ mapped: 2 });
    h = setup.h;
    const { connectionId } = setup;
    const entry = (key: string, record: Record<string, string> = {}) => ({ connectionId, entity: 'invoices' as const, key, runId: 'an-old-run', reason: 'quantity: expected number', issues: [{ path: 'quantity', message: 'expected number' }], record, at: 1 });
    await h.storage.quarantine.putMany([entry(`draft:${PERIOD}#stale`), entry('draft:2026-05#may'), entry('invoice-may', { invoiceDate: '2026-05-05' }), entry('invoice-june', { invoiceDate: `${PERIOD}-05` })]);
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect((await h.storage.quarantine.list(connectionId, { entity: 'invoices' })).map((q) => q.key).sort()).toEqual(['draft:2026-05#may', 'invoice-may']);
  });

  it('a crash mid-stage is resumed by the next call at the stage and page it stood', async () => {
    const setup = await billingHarness({ mapped: 4 });
    h = setup.h;
    const { connectionId } = setup;
    const sim = h.sim;
    let struck = false;
    const failed = ran(
      await h.engine.syncInvoices({
        connectionId,
        ...sync,
        onProgress: (p) => {
          // The items stage has begun once the two invoice pages and an items page are written.
          if (!struck && p.pagesDone === 3) {
            struck = true;
            sim.faults.inject({ kind: 'serverError', route: 'GET /v1/invoices/{invoiceId}/items', times: 50 });
          }
        },
      }),
    );
    expect(failed.outcome).toBe('failed');
    // The checkpoint names the invoice whose items it stood at, not the list of the month's invoices (one copy per page would grow with the square of the tenant).
    const invoiceIds = await h.storage.billing.invoices.listActiveIds(connectionId);
    const stood = (await h.storage.runs.get(failed.runId))!.checkpoint!;
    expect(stood).toMatchObject({ billing: { period: PERIOD, stage: 1 }, companyIds: [] });
    expect(invoiceIds).toContain(stood.listingKey);
    expect(JSON.stringify(stood)).not.toContain(invoiceIds.find((id) => id !== stood.listingKey));
    const itemsBefore = (await storedItems(h, connectionId)).length;
    expect(itemsBefore).toBeGreaterThan(0);
    sim.faults.clear();
    const seen = sim.requests.length;
    const resumed = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(resumed).toMatchObject({ outcome: 'succeeded', resumedFromRunId: failed.runId });
    const after = sim.requests.slice(seen).map((r) => new URL(r.url));
    // The invoices stage is not listed again, and the items page written before the crash (the first invoice's page 0) is not asked for again.
    expect(after.some((u) => u.pathname === '/v1/invoices')).toBe(false);
    const [firstInvoice] = await h.storage.billing.invoices.listActiveIds(connectionId);
    expect(after.some((u) => u.pathname === `/v1/invoices/${firstInvoice}/items` && u.searchParams.get('page') === '0')).toBe(false);
    expect(after.some((u) => u.pathname.endsWith('/items'))).toBe(true);
    expect(resumed.counts.created + failed.counts.created).toBe((await storedItems(h, connectionId)).length + (await h.storage.billing.invoices.count(connectionId)) + (await h.storage.billing.usageSummaries.count(connectionId)));

    // Same rows as a clean pull of the same world.
    const clean = await cleanBillingPull(h, connectionId, sync);
    expect(await clean.storage.billing.invoiceItems.listActiveIds(clean.connectionId)).toEqual(await h.storage.billing.invoiceItems.listActiveIds(connectionId));
  });

  it('a crash in the usage stage resumes by subscription id, derived again from stored rows: listings done before are not asked for again', async () => {
    const setup = await billingHarness({ mapped: 6 });
    h = setup.h;
    const { connectionId } = setup;
    const sim = h.sim;
    const usagePath = /^\/v1\/subscriptions\/([^/]+)\/usage-summaries$/;
    const usageAsked = (from = 0) => sim.requests.slice(from).map((r) => usagePath.exec(new URL(r.url).pathname)?.[1]).filter((id): id is string => id !== undefined);
    let struck = false;
    const failed = ran(
      await h.engine.syncInvoices({
        connectionId,
        pageSize: 1,
        prefetch: 1,
        onProgress: () => {
          // Two usage listings done: the third one fails.
          if (!struck && new Set(usageAsked()).size >= 3) {
            struck = true;
            sim.faults.inject({ kind: 'serverError', route: 'GET /v1/subscriptions/{subscriptionId}/usage-summaries', times: 50 });
          }
        },
      }),
    );
    expect(failed.outcome).toBe('failed');
    const stood = (await h.storage.runs.get(failed.runId))!.checkpoint!;
    expect(stood).toMatchObject({ billing: { period: PERIOD, stage: 3 }, companyIds: [] });
    expect(typeof stood.listingKey).toBe('string');
    const done = [...new Set(usageAsked())].filter((id) => id < String(stood.listingKey));
    expect(done.length).toBeGreaterThanOrEqual(1);
    sim.faults.clear();
    const seen = sim.requests.length;
    const resumed = ran(await h.engine.syncInvoices({ connectionId, pageSize: 1, prefetch: 1 }));
    expect(resumed).toMatchObject({ outcome: 'succeeded', resumedFromRunId: failed.runId });
    const again = new Set(usageAsked(seen));
    expect(done.filter((id) => again.has(id))).toEqual([]);
    expect(again.has(String(stood.listingKey))).toBe(true);
    const summaries = await h.storage.billing.usageSummaries.listActiveIds(connectionId);
    const fresh = ran(await h.engine.syncInvoices({ connectionId, pageSize: 1, prefetch: 1 }));
    expect(fresh.counts).toMatchObject({ created: 0, removed: 0 });
    expect(await h.storage.billing.usageSummaries.listActiveIds(connectionId)).toEqual(summaries);
  });

  it('a charge line Pax8 sends malformed is quarantined; the run and the other lines go on', async () => {
    const corrupt: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname !== '/v1/invoices/draftItems' || url.searchParams.get('page') !== '0') return response;
      const body = (await response.json()) as { content: Record<string, unknown>[] };
      body.content[0] = { ...body.content[0], quantity: 'many' };
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const setup = await billingHarness({ mapped: 6, engine: { fetch: corrupt } });
    h = setup.h;
    const { connectionId, pax8 } = setup;
    const result = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect(result.outcome).toBe('succeeded');
    expect(result.counts.quarantined).toBe(1);
    const bad = (await pax8.invoices.draftItems.list({ monthOffset: 0, page: 0, size: 5 })).content[0]!;
    const quarantined = await h.storage.quarantine.list(connectionId, { entity: 'invoices' });
    expect(quarantined).toEqual([expect.objectContaining({ key: `draft:${PERIOD}#${bad.id}`, record: expect.objectContaining({ quantity: 'many' }) })]);
    expect(quarantined[0]!.reason).toMatch(/quantity/);
    const stored = await h.storage.billing.invoiceItems.listActiveIds(connectionId, { scopes: [`draft:${PERIOD}`] });
    expect(stored).not.toContain(`draft:${PERIOD}#${bad.id}`);
    expect(stored.length).toBeGreaterThan(3);
  });

  it('the mass-deletion breaker keeps the draft lines when most of them vanish at once', async () => {
    const setup = await billingHarness({ mapped: 6 });
    h = setup.h;
    const { connectionId, mapped } = setup;
    ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    const before = await h.storage.billing.invoiceItems.listActiveIds(connectionId, { scopes: [`draft:${PERIOD}`] });
    for (const s of h.sim.world.subscriptions.list({ filter: (x) => mapped.includes(x.companyId) }).slice(3)) h.sim.world.subscriptions.remove(s.id);
    const result = ran(await h.engine.syncInvoices({ connectionId, ...sync }));
    expect({ outcome: result.outcome, error: result.error }).toMatchObject({ outcome: 'flagged' });
    expect(result.flags).toContain('mass-deletion-breaker');
    // The simulator issues invoices from the subscriptions as they stand, so the invoice lines vanish too: each stage names itself.
    expect(result.error).toMatch(/draft items: Mass-deletion breaker: \d+ of \d+ rows would be removed/);
    expect(result.counts.removed).toBe(0);
    expect(await h.storage.billing.invoiceItems.listActiveIds(connectionId, { scopes: [`draft:${PERIOD}`] })).toEqual(before);
  });

  it('is refused on storage without billing, and for a period that is not YYYY-MM; skipped with no mapping', async () => {
    const setup = await billingHarness({ mapped: 1 });
    h = setup.h;
    const { connectionId } = setup;
    const { billing: _billing, ...withoutBilling } = h.storage;
    const storage = { ...withoutBilling, capabilities: { ...h.storage.capabilities, billing: false } };
    await expect(syncInvoices({ ...h.options, storage, connectionId })).rejects.toThrow(Pax8SyncConfigError);
    await expect(h.engine.syncInvoices({ connectionId, period: '2026-6' })).rejects.toMatchObject({ field: 'period' });
    await h.storage.mappings.upsertMany((await h.storage.mappings.list(connectionId)).map((m) => ({ ...m, state: 'rejected' as const })));
    expect(await h.engine.syncInvoices({ connectionId })).toMatchObject({ outcome: 'skipped', reason: 'no-mapped-companies', entity: 'invoices' });
  });

  it('a dry run plans the invoices, draft lines and usage and writes nothing', async () => {
    const setup = await billingHarness({ mapped: 3 });
    h = setup.h;
    const { connectionId } = setup;
    const plan = await h.engine.syncInvoices({ connectionId, dryRun: true, ...sync });
    expect(plan.outcome).toBe('dry-run');
    if (plan.outcome !== 'dry-run') return;
    expect(plan.plan.create.filter((id) => id.startsWith(`draft:${PERIOD}#`)).length).toBeGreaterThan(0);
    expect(plan.plan.create.filter((id) => !id.includes('#')).length).toBe(3);
    expect([await h.storage.billing.invoices.count(connectionId), await h.storage.billing.invoiceItems.count(connectionId), (await h.storage.runs.list(connectionId, { entity: 'invoices' })).length]).toEqual([0, 0, 0]);
  });

  it('a past month pulls its invoices and items but no draft lines and no usage', async () => {
    const setup = await billingHarness({ mapped: 2 });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId, period: '2026-04', ...sync }));
    const items = await storedItems(h, connectionId);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.scope.startsWith('invoice:') && i.period === '2026-04')).toBe(true);
    expect(h.sim.requests.some((r) => r.url.includes('draftItems'))).toBe(false);
    expect(await h.storage.billing.invoices.count(connectionId, { periods: ['2026-04'] })).toBe(2);
    // Pax8's usage summaries hold the current month's charges: a past month's pull neither asks for nor stores them.
    expect(h.sim.requests.some((r) => r.url.includes('usage-summaries'))).toBe(false);
    expect(await h.storage.billing.usageSummaries.count(connectionId)).toBe(0);
  });
});
