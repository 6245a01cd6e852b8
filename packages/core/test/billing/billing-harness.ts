import { createPax8Client, type Pax8Client } from '@pax8-sync/client';
import type { InvoiceItemRecord, PsaBillingLine, ReconcileFinding, SubscriptionRecord, SyncEngineOptions } from '@pax8-sync/core';
import type { Pax8SimulatorOptions } from '@pax8-sync/testing';
import { createSyncEngine } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createHarness, fakeClock, type Harness, mapFirstCompanies, ran, testClientOptions } from '../support/harness';

/** 2026-06-10: June's invoices (dated the 5th) are out, and June is the current (draft) month. */
export const BILLING_NOW = Date.UTC(2026, 5, 10, 9);
export const PERIOD = '2026-06';

/**
 * A harness whose simulator and engine share one fake clock, with companies and the first `mapped` of
 * them mapped and their subscriptions synced. The PSA bills every company (no company is billed by
 * Pax8 on the partner's behalf) unless `billOnBehalf: 'as-generated'` keeps the simulator's.
 */
export async function billingHarness(
  options: { mapped?: number; sim?: Pax8SimulatorOptions; engine?: Partial<SyncEngineOptions>; billOnBehalf?: 'none' | 'as-generated' } = {},
): Promise<{ h: Harness; connectionId: string; mapped: string[]; clock: ReturnType<typeof fakeClock>; pax8: Pax8Client }> {
  const clock = fakeClock(BILLING_NOW);
  const h = await createHarness({ referenceDate: BILLING_NOW, now: clock.now, ...options.sim }, { clock, ...options.engine });
  if (options.billOnBehalf !== 'as-generated') for (const id of h.sim.world.companies.ids()) h.sim.world.companies.update(id, { billOnBehalfOfEnabled: false });
  const { id: connectionId } = await h.connect();
  await h.engine.syncCompanies({ connectionId });
  const mapped = await mapFirstCompanies(h, connectionId, options.mapped ?? 4);
  await h.engine.syncSubscriptions({ connectionId });
  const pax8 = createPax8Client({ ...h.sim.credentials, baseUrl: h.baseUrl, now: clock.now, ...testClientOptions });
  return { h, connectionId, mapped, clock, pax8 };
}

/**
 * A clean pull of the harness's world into a fresh memory storage: a new connection with the same
 * confirmed mappings, its companies and subscriptions synced, then `syncInvoices` with `sync`. What a
 * resumed pull stored is compared against it.
 */
export async function cleanBillingPull(h: Harness, connectionId: string, sync: { pageSize?: number; prefetch?: number } = {}) {
  const storage = createMemoryStorage();
  const engine = createSyncEngine({ ...h.options, storage });
  const { id } = await engine.createConnection({ name: 'clean', environment: 'Production', baseUrl: h.baseUrl, ...h.sim.credentials, country: 'US', currency: 'USD' });
  await engine.syncCompanies({ connectionId: id });
  for (const m of await h.storage.mappings.list(connectionId, { state: 'confirmed' })) await engine.setMapping({ connectionId: id, pax8CompanyId: m.pax8CompanyId, psaCompanyId: m.psaCompanyId });
  await engine.syncSubscriptions({ connectionId: id });
  ran(await engine.syncInvoices({ connectionId: id, ...sync }));
  return { storage, connectionId: id };
}

/** What Pax8 serves for June, read over HTTP with the client: invoices, their items, draft items (ids of Pax8). */
export async function servedCharges(pax8: Pax8Client) {
  const invoices = await pax8.invoices.collect({ invoiceDateRangeStart: `${PERIOD}-01`, invoiceDateRangeEnd: `${PERIOD}-30` }, { max: 10_000 });
  const items = new Map<string, Awaited<ReturnType<typeof pax8.invoices.items.collect>>>();
  for (const invoice of invoices) items.set(invoice.id, await pax8.invoices.items.collect({ invoiceId: invoice.id }, { max: 10_000 }));
  const drafts = await pax8.invoices.draftItems.collect({ monthOffset: 0 }, { max: 10_000 });
  return { invoices, items, drafts };
}

/** Whether a stored item is a recurring line, its quantity a seat count: item type `subscription` on a recurring term (not one-time, not usage in arrears). */
export const isRecurringItem = (i: InvoiceItemRecord): boolean => i.data.type === 'subscription' && ['Monthly', 'Annual', '2 Year', '3 Year'].includes(String(i.data.term));

/** Every stored item, removed ones included. */
export async function storedItems(h: Harness, connectionId: string): Promise<InvoiceItemRecord[]> {
  return (await h.storage.billing.invoiceItems.list(connectionId, { includeRemoved: true, limit: 100_000 })).items;
}

/** PSA lines as a PSA billing from the synced subscriptions would have them: one line per live subscription (trials and cancelled ones not billed). */
export async function psaLinesFromSubscriptions(h: Harness, connectionId: string): Promise<PsaBillingLine[]> {
  const psaOf = new Map((await h.storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => [m.pax8CompanyId, m.psaCompanyId]));
  const subs = (await h.storage.subscriptions.list(connectionId, { limit: 100_000 })).items;
  return subs
    .filter((s) => psaOf.has(s.companyId) && s.status !== 'Trial' && s.status !== 'Cancelled')
    .map((s) => ({ psaCompanyId: psaOf.get(s.companyId)!, pax8ProductId: s.productId, pax8SubscriptionId: s.id, quantity: s.quantity, unitPrice: Number(s.data.price ?? 0), currency: String(s.data.currencyCode ?? 'USD'), lineId: `psa-${s.id}` }));
}

/** PSA lines that bill exactly what Pax8 charges for the month: one per stored charge line of a final invoice (not a Void one). */
export async function psaLinesFromCharges(h: Harness, connectionId: string, period = PERIOD): Promise<PsaBillingLine[]> {
  const psaOf = new Map((await h.storage.mappings.list(connectionId, { state: 'confirmed' })).map((m) => [m.pax8CompanyId, m.psaCompanyId]));
  const voided = new Set((await h.storage.billing.invoices.list(connectionId, { limit: 100_000 })).items.filter((i) => i.status === 'Void').map((i) => i.id));
  const items = (await h.storage.billing.invoiceItems.list(connectionId, { limit: 100_000 })).items.filter((i) => i.invoiceId !== null && !voided.has(i.invoiceId) && i.period === period);
  return items.map((i) => ({ psaCompanyId: psaOf.get(i.companyId)!, pax8ProductId: i.productId!, pax8SubscriptionId: i.subscriptionId!, quantity: i.quantity, unitPrice: i.price, currency: i.currencyCode, lineId: `psa-${i.id}` }));
}

/**
 * Subscriptions a discrepancy can be scripted on and told apart by: active, priced, charged on the
 * month's invoice, alone of their product in their company, of a company the PSA bills (not one Pax8
 * bills on behalf). Distinct companies+products.
 */
export async function eligibleSubscriptions(h: Harness, connectionId: string): Promise<SubscriptionRecord[]> {
  const subs = (await h.storage.subscriptions.list(connectionId, { limit: 100_000 })).items;
  const charged = new Set((await storedItems(h, connectionId)).filter((i) => i.invoiceId !== null && !i.billedByPax8).map((i) => i.subscriptionId));
  const perGroup = new Map<string, number>();
  for (const s of subs) perGroup.set(`${s.companyId}/${s.productId}`, (perGroup.get(`${s.companyId}/${s.productId}`) ?? 0) + 1);
  return subs.filter((s) => s.status === 'Active' && Number(s.data.price) > 0 && charged.has(s.id) && perGroup.get(`${s.companyId}/${s.productId}`) === 1 && s.data.billingTerm === 'Monthly');
}

/** Every finding of a pass, in order. */
export async function collectFindings(findings: AsyncIterable<ReconcileFinding>): Promise<ReconcileFinding[]> {
  const out: ReconcileFinding[] = [];
  for await (const f of findings) out.push(f);
  return out;
}

/** Rounded to cents, as reconcile rounds money. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** A billing harness of six mapped companies (240 subscriptions over 16 products) with June's charges synced. */
export async function syncedBilling(options: { billOnBehalf?: 'none' | 'as-generated' } = {}) {
  const setup = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 }, ...options });
  ran(await setup.h.engine.syncInvoices({ connectionId: setup.connectionId }));
  return setup;
}
