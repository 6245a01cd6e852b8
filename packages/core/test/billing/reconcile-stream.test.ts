import type { PsaBillingLine } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { billingHarness, PERIOD, psaLinesFromCharges } from './billing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('reconcile of a large-ish tenant', () => {
  it('streams 500 companies: findings of the first company come before the pass reads the next; the summary covers all', async () => {
    const setup = await billingHarness({ mapped: 500, sim: { companies: 500, subscriptions: 1_500, products: 12 } });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    const all = await psaLinesFromCharges(h, connectionId);
    const byCompany = new Map<string, PsaBillingLine[]>();
    for (const line of all) byCompany.set(line.psaCompanyId, [...(byCompany.get(line.psaCompanyId) ?? []), line]);
    // Every tenth company's PSA forgets its lines: those companies have charged-not-billed (or, for a converted trial, trial-converted) findings.
    const forgetful = new Set([...byCompany.keys()].filter((_, i) => i % 10 === 0));
    const asked: string[] = [];
    const psaLines = (psaCompanyId: string) => {
      asked.push(psaCompanyId);
      return forgetful.has(psaCompanyId) ? [] : (byCompany.get(psaCompanyId) ?? []);
    };
    const pass = h.engine.reconcile({ connectionId, period: PERIOD, psaLines });
    let askedAtFirst = -1;
    let findings = 0;
    for await (const finding of pass.findings) {
      if (askedAtFirst < 0) askedAtFirst = asked.length;
      expect(['charged-not-billed', 'trial-converted']).toContain(finding.kind);
      expect(forgetful.has(finding.psaCompanyId)).toBe(true);
      findings += 1;
    }
    expect(askedAtFirst).toBeGreaterThan(0);
    expect(askedAtFirst).toBeLessThan(500);
    expect(asked.length).toBe(500);
    const summary = await pass.summary();
    expect(summary.companiesCompared).toBe(500);
    expect(summary.total.findings).toBe(findings);
    expect(new Set(summary.companies.map((c) => c.psaCompanyId))).toEqual(new Set([...forgetful].filter((id) => (byCompany.get(id) ?? []).length > 0)));
  }, 120_000);

  it('takes the PSA lines as an async iterable too', async () => {
    const setup = await billingHarness({ mapped: 3 });
    h = setup.h;
    const { connectionId } = setup;
    ran(await h.engine.syncInvoices({ connectionId }));
    const lines = await psaLinesFromCharges(h, connectionId);
    async function* stream() {
      yield* lines.slice(1);
    }
    const summary = await h.engine.reconcile({ connectionId, period: PERIOD, psaLines: stream() }).summary();
    // Exactly the forgotten line, and the summary counts no stray PSA line.
    expect(summary.total.findings).toBe(1);
    expect(summary.unmappedPsaLines).toEqual({ lines: 0, psaCompanies: 0 });
    expect(summary.companies.map((c) => c.psaCompanyId)).toEqual([lines[0]!.psaCompanyId]);
  });
});
