import { Pax8SyncConfigError, reconcile } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, collectFindings, eligibleSubscriptions, PERIOD, psaLinesFromCharges, round2, storedItems, syncedBilling } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const collect = collectFindings;
const synced = async (options: Parameters<typeof syncedBilling>[0] = {}) => {
  const setup = await syncedBilling(options);
  h = setup.h;
  return setup;
};
const round = round2;


describe('reconcile rules (over HTTP against the simulator)', () => {
  it('lines Pax8 bills the customer for itself (bill on behalf) are not charged-not-billed when the PSA leaves them out', async () => {
    const { connectionId } = await synced({ billOnBehalf: 'as-generated' });
    const items = (await storedItems(h!, connectionId)).filter((i) => i.invoiceId !== null);
    const onBehalf = items.find((i) => i.billedByPax8)?.companyId;
    expect(onBehalf).toBeDefined();
    expect(items.filter((i) => i.companyId === onBehalf).every((i) => i.billedByPax8)).toBe(true);
    const psaOf = (await h!.storage.mappings.list(connectionId, { state: 'confirmed' })).find((m) => m.pax8CompanyId === onBehalf)!.psaCompanyId;
    const psaLines = (await psaLinesFromCharges(h!, connectionId)).filter((l) => l.psaCompanyId !== psaOf);
    expect(await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings)).toEqual([]);
  });

  it('price-below-cost compares the PSA\'s price with cost when the PSA bills: Pax8\'s customer price below cost alone is no finding', async () => {
    const { connectionId } = await synced();
    const [cheap] = await eligibleSubscriptions(h!, connectionId);
    const psaLines = await psaLinesFromCharges(h!, connectionId); // the PSA bills above cost
    const below = h!.sim.billing.script({ kind: 'priceBelowCost', subscriptionId: cheap!.id });
    ran(await h!.engine.syncInvoices({ connectionId }));
    const findings = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(findings).toEqual([]);
    // The PSA billing it at that price: now the customer pays below cost.
    const at = psaLines.findIndex((l) => l.pax8SubscriptionId === cheap!.id);
    psaLines[at] = { ...psaLines[at]!, unitPrice: below.subscription!.price };
    const again = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(again).toEqual([expect.objectContaining({ kind: 'price-below-cost', subscriptionId: cheap!.id, amountAtStake: round((below.subscription!.partnerCost! - below.subscription!.price) * cheap!.quantity) })]);
  });

  it('a converted trial the PSA bills short in seats is one trial-converted finding, not also seat-count-differs (no double stake)', async () => {
    const { connectionId } = await synced();
    const trial = (await eligibleSubscriptions(h!, connectionId)).find((s) => s.quantity >= 2)!;
    const psaLines = await psaLinesFromCharges(h!, connectionId);
    h!.sim.world.subscriptions.update(trial.id, { status: 'Trial' });
    const converted = h!.sim.billing.script({ kind: 'trialConverted', subscriptionId: trial.id });
    ran(await h!.engine.syncSubscriptions({ connectionId }));
    ran(await h!.engine.syncInvoices({ connectionId }));
    const at = psaLines.findIndex((l) => l.pax8SubscriptionId === trial.id);
    psaLines[at] = { ...psaLines[at]!, quantity: 1, unitPrice: converted.subscription!.price };
    const pass = h!.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    const findings = await collect(pass.findings);
    const charged = converted.subscription!.price * converted.subscription!.quantity;
    expect(findings).toEqual([expect.objectContaining({ kind: 'trial-converted', subscriptionId: trial.id, amountAtStake: round(charged - converted.subscription!.price) })]);
    expect((await pass.summary()).total.byCurrency).toEqual({ [findings[0]!.currency]: round(charged - converted.subscription!.price) });
  });

  it('a usage subscription\'s summaries are one charge line in draft mode: never seat-compared, never a quantity write', async () => {
    // Before the 5th June's invoices are not out: every company reconciles June from its draft items plus usage.
    const setup = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16, referenceDate: Date.UTC(2026, 5, 3) } });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    expect(await h.storage.billing.invoices.count(connectionId, { periods: [PERIOD] })).toBe(0);
    const summaries = (await h.storage.billing.usageSummaries.list(connectionId, { limit: 10_000 })).items;
    const perSub = new Map<string, typeof summaries>();
    for (const u of summaries) perSub.set(u.subscriptionId, [...(perSub.get(u.subscriptionId) ?? []), u]);
    const [subscriptionId, several] = [...perSub.entries()].find(([, list]) => list.length >= 2 && list.every((u) => u.currentCharges > 0))!;
    const [sub] = await h.storage.subscriptions.getMany(connectionId, [subscriptionId]);
    if (!sub) throw new Error(`subscription ${subscriptionId} is not stored`);
    const psaOf = (await h.storage.mappings.list(connectionId, { state: 'confirmed' })).find((m) => m.pax8CompanyId === sub.companyId)!.psaCompanyId;
    // The PSA bills the usage as one line of quantity 1 at what it came to.
    const amount = round(several.reduce((t, u) => t + u.currentCharges, 0));
    const psaLines = [{ psaCompanyId: psaOf, pax8ProductId: sub.productId, pax8SubscriptionId: subscriptionId, quantity: 1, unitPrice: amount, currency: several[0]!.currencyCode, lineId: 'usage-line' }];
    const findings = (await collect(h.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings)).filter((f) => f.pax8CompanyId === sub.companyId && f.productId === sub.productId);
    expect(findings).toEqual([]);
    // Billed at a single seat's worth short, it is still no seat count finding (nor a write request).
    const short = await collect(h.engine.reconcile({ connectionId, period: PERIOD, psaLines: [{ ...psaLines[0]!, quantity: several.length }] }).findings);
    expect(short.filter((f) => f.productId === sub.productId && f.kind === 'seat-count-differs')).toEqual([]);
  });

  it('PSA lines of unmapped PSA companies are counted in the summary; a repeated lineId is refused naming both lines; no codec needed', async () => {
    const { connectionId } = await synced();
    const psaLines = await psaLinesFromCharges(h!, connectionId);
    const stray = [{ ...psaLines[0]!, psaCompanyId: 'psa-nobody', lineId: 'stray-1' }, { ...psaLines[0]!, psaCompanyId: 'psa-nobody', lineId: 'stray-2' }, { ...psaLines[0]!, psaCompanyId: 'psa-other', lineId: 'stray-3' }];
    const { codec: _codec, ...withoutCodec } = h!.options;
    const summary = await reconcile({ ...withoutCodec, connectionId, period: PERIOD, psaLines: [...psaLines, ...stray] }).summary();
    expect(summary).toMatchObject({ unmappedPsaLines: { lines: 3, psaCompanies: 2 }, total: { findings: 0 } });
    expect((await h!.engine.reconcile({ connectionId, period: PERIOD, psaLines: () => [] }).summary()).unmappedPsaLines).toBeNull();
    const repeated = [...psaLines.slice(0, 3), psaLines[1]!];
    const error = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines: repeated }).findings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pax8SyncConfigError);
    expect(error).toMatchObject({ field: 'psaLines[3].lineId', message: expect.stringContaining('psaLines[1].lineId') });
    const byFunction = await h!.engine.reconcile({ connectionId, period: PERIOD, psaLines: (id) => (id === psaLines[0]!.psaCompanyId ? [psaLines[0]!, psaLines[0]!] : []) }).summary().catch((e: unknown) => e);
    expect(byFunction).toMatchObject({ field: `psaLines(${psaLines[0]!.psaCompanyId})[1].lineId` });
  });

  it('summary() called while the findings are iterated waits for the iteration: neither loses findings to the other', async () => {
    const { connectionId } = await synced();
    const psaLines = (await psaLinesFromCharges(h!, connectionId)).filter((_, i) => i % 4 === 0);
    const alone = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(alone.length).toBeGreaterThan(5);
    const pass = h!.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    const [findings, summary] = await Promise.all([collect(pass.findings), pass.summary()]);
    expect(findings).toEqual(alone);
    expect(summary.total.findings).toBe(alone.length);
  });
});
