import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness';
import { collectFindings, eligibleSubscriptions, PERIOD, psaLinesFromCharges, syncedBilling } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('reconcile with two Pax8 companies mapped to one PSA company (over HTTP against the simulator)', () => {
  it('the PSA lines covering both exactly give no finding; one seat missing gives exactly one finding, of the company whose subscription it is', async () => {
    const setup = await syncedBilling();
    h = setup.h;
    const { connectionId, mapped } = setup;
    // b: a company with a subscription (alone of its product, charged monthly) whose product another mapped company, a, does not have.
    const all = (await h.storage.subscriptions.list(connectionId, { includeRemoved: true, limit: 10_000 })).items;
    const productsOf = (company: string) => new Set(all.filter((s) => s.companyId === company).map((s) => s.productId));
    let pick: { a: string; target: (typeof all)[number] } | undefined;
    for (const s of await eligibleSubscriptions(h, connectionId)) {
      const a = mapped.find((c) => c !== s.companyId && !productsOf(c).has(s.productId));
      if (a && !pick) pick = { a, target: s };
    }
    expect(pick).toBeDefined();
    const { a, target } = pick!;
    const b = target.companyId;
    const psaOfA = (await h.storage.mappings.get(connectionId, a))!.psaCompanyId;
    // One customer with two Pax8 companies, billed as one PSA company.
    await h.engine.setMapping({ connectionId, pax8CompanyId: b, psaCompanyId: psaOfA });
    const psaLines = await psaLinesFromCharges(h, connectionId); // every charge of both, under the one PSA company
    const companyOf = new Map(all.map((s) => [s.id, s.companyId]));
    const billed = new Set(psaLines.filter((l) => l.psaCompanyId === psaOfA).map((l) => companyOf.get(l.pax8SubscriptionId!)));
    expect(billed).toEqual(new Set([a, b]));

    const pass = h.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    expect(await collectFindings(pass.findings)).toEqual([]);
    expect((await pass.summary()).companiesCompared).toBe(6);

    // One seat of b's subscription missing from the PSA.
    const at = psaLines.findIndex((l) => l.pax8SubscriptionId === target.id);
    const short = psaLines.map((l, i) => (i === at ? { ...l, quantity: l.quantity - 1 } : l));
    const again = h.engine.reconcile({ connectionId, period: PERIOD, psaLines: short });
    const findings = await collectFindings(again.findings);
    expect(findings.map((f) => [f.kind, f.pax8CompanyId, f.psaCompanyId, f.subscriptionId])).toEqual([['seat-count-differs', b, psaOfA, target.id]]);
    const summary = await again.summary();
    expect(summary.total.findings).toBe(1);
    expect(summary.companies.map((c) => [c.pax8CompanyId, c.psaCompanyId, c.findings])).toEqual([[b, psaOfA, 1]]);
  });
});
