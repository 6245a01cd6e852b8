import { findingToBillingLine, findingToWriteRequest, Pax8SyncConfigError, type PsaBillingLine, type ReconcileFinding } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, collectFindings, eligibleSubscriptions, isRecurringItem, PERIOD, psaLinesFromCharges, psaLinesFromSubscriptions, storedItems } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const collect = collectFindings;

describe('reconcile over HTTP against the simulator', () => {
  it('a clean tenant (the PSA bills exactly what Pax8 charges) gives no finding', async () => {
    const setup = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 } });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    const psaLines = await psaLinesFromCharges(h, connectionId);
    expect(psaLines.length).toBeGreaterThan(20);
    const pass = h.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    expect(await collect(pass.findings)).toEqual([]);
    expect(await pass.summary()).toEqual({ period: PERIOD, companiesCompared: 6, unmappedPsaLines: { lines: 0, psaCompanies: 0 }, companies: [], total: { findings: 0, amountAtStake: 0, byCurrency: {}, byKind: {} } });
    // The same lines, one quantity of a recurring line off (a one-time or usage line's quantity is no seat count): exactly one finding.
    const recurring = new Set((await storedItems(h, connectionId)).filter(isRecurringItem).map((i) => `psa-${i.id}`));
    const first = psaLines.find((l) => recurring.has(l.lineId!));
    const rest = psaLines.filter((l) => l !== first);
    const off = await collect(h.engine.reconcile({ connectionId, period: PERIOD, psaLines: [{ ...first!, quantity: first!.quantity + 1 }, ...rest] }).findings);
    expect(off.map((f) => [f.kind, f.subscriptionId])).toEqual([['seat-count-differs', first!.pax8SubscriptionId]]);
  });

  it('names every scripted discrepancy with its kind, ids, three views and money at stake', async () => {
    const setup = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 } });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    const picks = await eligibleSubscriptions(h, connectionId);
    expect(picks.length).toBeGreaterThanOrEqual(7);
    const [seat, cancelled, removed, cheap, trial, currency, unbilled] = picks;
    // A trial the PSA does not bill (it is a trial when the PSA last looked).
    h.sim.world.subscriptions.update(trial!.id, { status: 'Trial' });
    ran(await h.engine.syncSubscriptions({ connectionId }));
    const psaLines = (await psaLinesFromSubscriptions(h, connectionId)).filter((l) => l.pax8SubscriptionId !== unbilled!.id);
    const sim = h.sim.billing;
    sim.script({ kind: 'seatCount', subscriptionId: seat!.id, quantity: seat!.quantity + 5 });
    sim.script({ kind: 'chargedAfterCancel', subscriptionId: cancelled!.id });
    sim.script({ kind: 'chargedAfterCancel', subscriptionId: removed!.id, removed: true });
    const below = sim.script({ kind: 'priceBelowCost', subscriptionId: cheap!.id });
    // The PSA bills the cheap one at Pax8's new customer price, below cost: the price the customer pays.
    const cheapLine = psaLines.findIndex((l) => l.pax8SubscriptionId === cheap!.id);
    psaLines[cheapLine] = { ...psaLines[cheapLine]!, unitPrice: below.subscription!.price };
    const converted = sim.script({ kind: 'trialConverted', subscriptionId: trial!.id });
    sim.script({ kind: 'currency', subscriptionId: currency!.id, currencyCode: 'EUR' });
    ran(await h.engine.syncSubscriptions({ connectionId }));
    ran(await h.engine.syncInvoices({ connectionId }));

    const pass = h.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    const findings = await collect(pass.findings);
    const about = (id: string) => findings.filter((f) => f.subscriptionId === id);
    const psaOf = (id: string) => psaLines.find((l) => l.pax8SubscriptionId === id)!;
    const price = (s: typeof seat) => Number(s!.data.price);

    expect(about(seat!.id)).toEqual([
      expect.objectContaining({ kind: 'seat-count-differs', pax8CompanyId: seat!.companyId, productId: seat!.productId, psaLineId: `psa-${seat!.id}`, pax8: expect.objectContaining({ source: 'invoice', quantity: seat!.quantity + 5 }), psa: expect.objectContaining({ quantity: seat!.quantity }), synced: expect.objectContaining({ quantity: seat!.quantity }), amountAtStake: Math.round(5 * price(seat) * 100) / 100 }),
    ]);
    expect(about(cancelled!.id)).toEqual([expect.objectContaining({ kind: 'billed-but-cancelled', psa: expect.objectContaining({ quantity: cancelled!.quantity }), synced: expect.objectContaining({ quantity: 0, subscriptions: [expect.objectContaining({ status: 'Cancelled', removed: false })] }), amountAtStake: Math.round(cancelled!.quantity * price(cancelled) * 100) / 100 })]);
    expect(about(removed!.id)).toEqual([expect.objectContaining({ kind: 'billed-but-removed', synced: expect.objectContaining({ subscriptions: [expect.objectContaining({ removed: true })] }), pax8: expect.objectContaining({ quantity: removed!.quantity }), amountAtStake: Math.round(removed!.quantity * price(removed) * 100) / 100 })]);
    const cost = below.subscription!.partnerCost!;
    expect(about(cheap!.id)).toEqual([expect.objectContaining({ kind: 'price-below-cost', amountAtStake: Math.round((cost - below.subscription!.price) * cheap!.quantity * 100) / 100, pax8: expect.objectContaining({ cost: Math.round(cost * cheap!.quantity * 100) / 100 }) })]);
    expect(about(trial!.id)).toEqual([expect.objectContaining({ kind: 'trial-converted', psa: null, pax8: expect.objectContaining({ amount: Math.round(converted.subscription!.price * converted.subscription!.quantity * 100) / 100 }), amountAtStake: Math.round(converted.subscription!.price * converted.subscription!.quantity * 100) / 100 })]);
    expect(about(currency!.id)).toEqual([expect.objectContaining({ kind: 'currency-differs', currency: 'EUR', pax8: expect.objectContaining({ currency: 'EUR' }), psa: expect.objectContaining({ currency: psaOf(currency!.id).currency }), amountAtStake: Math.round(currency!.quantity * price(currency) * 100) / 100 })]);
    expect(about(unbilled!.id)).toEqual([expect.objectContaining({ kind: 'charged-not-billed', psa: null, psaLineId: null, amountAtStake: Math.round(unbilled!.quantity * price(unbilled) * 100) / 100 })]);

    // Streamed per company in Pax8 id order; the summary adds the money up per company.
    const companies = findings.map((f) => f.pax8CompanyId);
    expect(companies).toEqual([...companies].sort());
    const summary = await pass.summary();
    expect(summary.total.findings).toBe(findings.length);
    for (const kind of ['seat-count-differs', 'billed-but-cancelled', 'billed-but-removed', 'price-below-cost', 'trial-converted', 'currency-differs', 'charged-not-billed'] as const) expect(summary.total.byKind[kind]).toBeGreaterThanOrEqual(1);
    // Per currency, never added across currencies: a scalar only where one currency is present.
    const perCurrency = (fs: readonly ReconcileFinding[]) => {
      const out: Record<string, number> = {};
      for (const f of fs) out[f.currency] = Math.round(((out[f.currency] ?? 0) + f.amountAtStake) * 100) / 100;
      return out;
    };
    const single = (by: Record<string, number>) => (Object.keys(by).length === 1 ? Object.values(by)[0] : null);
    for (const c of summary.companies) {
      const own = perCurrency(findings.filter((f) => f.pax8CompanyId === c.pax8CompanyId));
      expect(c).toMatchObject({ byCurrency: own, amountAtStake: single(own) });
    }
    expect(summary.total.byCurrency).toEqual(perCurrency(findings));
    expect(Object.keys(summary.total.byCurrency)).toContain('EUR');
    expect(Object.keys(summary.total.byCurrency).length).toBeGreaterThan(1);
    expect(summary.total.amountAtStake).toBeNull();
  });

  it('acting: a seat-count finding becomes a quantity write through approval, sent to Pax8; and a billing line', async () => {
    const setup = await billingHarness({ mapped: 6, sim: { subscriptions: 240, products: 16 } });
    h = setup.h;
    const { connectionId, pax8 } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    const [seat] = await eligibleSubscriptions(h, connectionId);
    const psaLines = await psaLinesFromCharges(h, connectionId);
    h.sim.billing.script({ kind: 'seatCount', subscriptionId: seat!.id, quantity: seat!.quantity + 3 });
    ran(await h.engine.syncInvoices({ connectionId }));
    const [finding] = await collect(h.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(finding).toMatchObject({ kind: 'seat-count-differs', subscriptionId: seat!.id });

    expect(findingToBillingLine(finding!)).toEqual({ action: 'update', psaCompanyId: finding!.psaCompanyId, psaLineId: finding!.psaLineId, subscriptionId: seat!.id, productId: seat!.productId, quantity: seat!.quantity + 3, unitPrice: null, currency: finding!.currency, state: 'active', reason: `Reconciliation ${PERIOD}: seat-count-differs` });
    // Or make Pax8 charge what the PSA bills: a quantity change to the PSA's count, approved, then sent.
    const request = findingToWriteRequest(finding!, { requestedBy: 'billing-review' })!;
    expect(request.change).toEqual({ kind: 'subscription.quantity', subscriptionId: seat!.id, quantity: seat!.quantity });
    const intent = await h.engine.requestWrite({ ...request, change: { ...request.change, quantity: seat!.quantity + 1 } as typeof request.change });
    expect(intent.state).toBe('pending-approval');
    await h.engine.approveWrite({ connectionId, intentId: intent.id, by: 'lead', reason: 'checked the invoice' });
    await h.engine.sendDueWrites({ connectionId });
    expect((await pax8.subscriptions.get(seat!.id)).quantity).toBe(seat!.quantity + 1);
    expect(findingToWriteRequest({ ...finding!, kind: 'charged-not-billed' }, { requestedBy: 'x' })).toBeUndefined();
  });

  it('bad PSA lines are a typed error naming the line and field; bad periods and storage without billing are refused', async () => {
    const setup = await billingHarness({ mapped: 2 });
    h = setup.h;
    const { connectionId } = setup;
    const good: PsaBillingLine = { psaCompanyId: 'psa-0', pax8ProductId: 'p', quantity: 1, unitPrice: 2, currency: 'USD' };
    const bad = [good, { ...good, quantity: -1 }];
    const error = await collect(h.engine.reconcile({ connectionId, period: PERIOD, psaLines: bad }).findings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pax8SyncConfigError);
    expect(error).toMatchObject({ field: 'psaLines[1].quantity' });
    const byFunction = await h.engine.reconcile({ connectionId, period: PERIOD, psaLines: () => [{ ...good, currency: 'usd' }] }).summary().catch((e: unknown) => e);
    expect(byFunction).toMatchObject({ field: expect.stringMatching(/^psaLines\(psa-\d\)\[0\]\.currency$/) });
    expect(() => h!.engine.reconcile({ connectionId, period: 'June', psaLines: [] })).toThrow(expect.objectContaining({ field: 'period' }));
    const pass = h.engine.reconcile({ connectionId, period: PERIOD, psaLines: [] });
    await collect(pass.findings);
    expect(() => pass.findings[Symbol.asyncIterator]()).toThrow(/iterated once/);
  });
});
