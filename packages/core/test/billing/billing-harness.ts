import { createPax8Client, type Pax8Client } from '@pax8-sync/client';
import type { InvoiceItemRecord, SyncEngineOptions } from '@pax8-sync/core';
import type { Pax8SimulatorOptions } from '@pax8-sync/testing';
import { createHarness, fakeClock, type Harness, mapFirstCompanies, testClientOptions } from '../support/harness';

/** 2026-06-10: June's invoices (dated the 5th) are out, and June is the current (draft) month. */
export const BILLING_NOW = Date.UTC(2026, 5, 10, 9);
export const PERIOD = '2026-06';

/** A harness whose simulator and engine share one fake clock, with companies and the first `mapped` of them mapped and their subscriptions synced. */
export async function billingHarness(
  options: { mapped?: number; sim?: Pax8SimulatorOptions; engine?: Partial<SyncEngineOptions> } = {},
): Promise<{ h: Harness; connectionId: string; mapped: string[]; clock: ReturnType<typeof fakeClock>; pax8: Pax8Client }> {
  const clock = fakeClock(BILLING_NOW);
  const h = await createHarness({ referenceDate: BILLING_NOW, now: clock.now, ...options.sim }, { clock, ...options.engine });
  const { id: connectionId } = await h.connect();
  await h.engine.syncCompanies({ connectionId });
  const mapped = await mapFirstCompanies(h, connectionId, options.mapped ?? 4);
  await h.engine.syncSubscriptions({ connectionId });
  const pax8 = createPax8Client({ ...h.sim.credentials, baseUrl: h.baseUrl, now: clock.now, ...testClientOptions });
  return { h, connectionId, mapped, clock, pax8 };
}

/** What Pax8 serves for June, read over HTTP with the client: invoices, their items, draft items (ids of Pax8). */
export async function servedCharges(pax8: Pax8Client) {
  const invoices = await pax8.invoices.collect({ invoiceDateRangeStart: `${PERIOD}-01`, invoiceDateRangeEnd: `${PERIOD}-30` }, { max: 10_000 });
  const items = new Map<string, Awaited<ReturnType<typeof pax8.invoices.items.collect>>>();
  for (const invoice of invoices) items.set(invoice.id, await pax8.invoices.items.collect({ invoiceId: invoice.id }, { max: 10_000 }));
  const drafts = await pax8.invoices.draftItems.collect({ monthOffset: 0 }, { max: 10_000 });
  return { invoices, items, drafts };
}

/** Every stored item, removed ones included. */
export async function storedItems(h: Harness, connectionId: string): Promise<InvoiceItemRecord[]> {
  return (await h.storage.billing.invoiceItems.list(connectionId, { includeRemoved: true, limit: 100_000 })).items;
}
