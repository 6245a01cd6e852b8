
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, collectFindings, PERIOD, psaLinesFromCharges } from './billing-harness';
import { type InvoiceRewrites, rewritingFetch } from './invoice-rewrites';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const collect = collectFindings;

/** Four mapped companies, the month's invoices served as `rewrites` says (set after the harness knows the company ids). */
async function setup(period: string, rewrite: (mapped: string[]) => InvoiceRewrites) {
  const rewrites: InvoiceRewrites = {};
  const made = await billingHarness({ mapped: 4, sim: { subscriptions: 120, products: 10 }, engine: { fetch: rewritingFetch(rewrites) } });
  h = made.h;
  Object.assign(rewrites, rewrite(made.mapped));
  ran(await h.engine.syncInvoices({ connectionId: made.connectionId, period, pageSize: 200 }));
  return made;
}

describe('reconcile: which invoices are Pax8\'s charges (over HTTP against the simulator)', () => {
  it('a Void invoice is no charge: a company whose invoice was voided and issued again is charged once', async () => {
    const { connectionId, mapped } = await setup(PERIOD, (m) => ({ voidAndReissue: m[0] }));
    const invoices = (await h!.storage.billing.invoices.list(connectionId, { companyIds: [mapped[0]!], limit: 10 })).items;
    expect(invoices.map((i) => i.status).sort()).toEqual(['Unpaid', 'Void']);
    const psaLines = await psaLinesFromCharges(h!, connectionId);
    expect(psaLines.filter((l) => l.psaCompanyId === psaLines.find((x) => x.pax8SubscriptionId)?.psaCompanyId).length).toBeGreaterThan(0);
    const pass = h!.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    expect(await collect(pass.findings)).toEqual([]);
    expect((await pass.summary()).companiesCompared).toBe(4);
  });

  it('a partner invoice without a company: its items naming a company are that company\'s final charges, also in a past month', async () => {
    const period = '2026-05';
    const { connectionId, mapped } = await setup(period, (m) => ({ partnerOf: m }));
    const invoices = (await h!.storage.billing.invoices.list(connectionId, { periods: [period], limit: 10 })).items;
    expect(invoices.map((i) => i.companyId)).toEqual([null]);
    const psaLines = await psaLinesFromCharges(h!, connectionId, period);
    expect(new Set(psaLines.map((l) => l.psaCompanyId)).size).toBeGreaterThan(1);
    // A line of an Active subscription (not a converted trial's product) of a company the partner invoice does not take its id from.
    const subs = (await h!.storage.subscriptions.list(connectionId, { companyIds: mapped.slice(1), limit: 1000 })).items;
    const converted = new Set(subs.filter((s) => s.status === 'Converted').map((s) => `${s.companyId}/${s.productId}`));
    const unbilledSub = subs.find((s) => ['Active', 'Activated'].includes(s.status) && subs.filter((x) => x.companyId === s.companyId && x.productId === s.productId).length === 1 && !converted.has(`${s.companyId}/${s.productId}`) && psaLines.some((l) => l.pax8SubscriptionId === s.id))!;
    const unbilled = psaLines.find((l) => l.pax8SubscriptionId === unbilledSub.id)!;
    // The PSA bills every charge but that one: exactly it is charged-not-billed, from the partner invoice's items.
    const findings = await collect(h!.engine.reconcile({ connectionId, period, psaLines: psaLines.filter((l) => l !== unbilled) }).findings);
    expect(findings.map((f) => [f.kind, f.pax8CompanyId, f.subscriptionId, f.pax8?.source])).toEqual([['charged-not-billed', unbilledSub.companyId, unbilled.pax8SubscriptionId, 'invoice']]);
    // A month's share of a multi-month term (the PSA lines compared are monthly).
    const months = ({ Annual: 12, '2-Year': 24, '3-Year': 36 } as Record<string, number>)[String(unbilledSub.data.billingTerm)] ?? 1;
    expect(findings[0]!.amountAtStake).toBe(Math.round((unbilled.quantity * unbilled.unitPrice * 100) / months) / 100);
  });
});
