import type { SubscriptionRecord } from '@pax8-sync/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, type ReconciliationResult } from '../src/main';

const cents = (n: number) => Math.round(n * 100) / 100;
const price = (s: SubscriptionRecord) => Number(s.data.price);
const currency = (s: SubscriptionRecord) => String(s.data.currencyCode);

/** The table rows as printed: the lines between the header and the total, split on runs of two spaces. */
function tableRows(output: string[]): { company: string; product: string; kind: string; pax8: string; psa: string; atStake: string }[] {
  const start = output.findIndex((l) => l.startsWith('company '));
  const end = output.findIndex((l) => l.startsWith('Total at stake: '));
  return output.slice(start + 1, end).map((line) => {
    const [company = '', product = '', kind = '', pax8 = '', psa = '', atStake = ''] = line.split(/ {2,}/);
    return { company, product, kind, pax8, psa, atStake };
  });
}

/** PGlite always; the Postgres server too when `PAX8_SYNC_TEST_DATABASE_URL` names one. */
const serverUrl = process.env.PAX8_SYNC_TEST_DATABASE_URL;
const databases: [string, string | undefined][] = [['PGlite', undefined], ...(serverUrl ? [['the Postgres server', serverUrl] as [string, string]] : [])];

describe.each(databases)('pnpm reconciliation (the simulator over HTTP on loopback, %s)', (_name, databaseUrl) => {
  let result: ReconciliationResult;
  const output: string[] = [];
  beforeAll(async () => {
    result = await main({ print: (line) => output.push(line), databaseUrl });
  });

  it('prints one row per planted difference, each with its kind and the money at stake computed from what was planted', () => {
    const on = (name: string) => result.planted.find((p) => p.name === name)!.subscription;
    const scripted = (id: string) => result.scripted.find((d) => d.subscriptionId === id)!.subscription!;
    const below = scripted(on('pax8-price-below-cost').id);
    const converted = scripted(on('pax8-trial-converted').id);
    const expected: Record<string, [kind: string, amount: number, currency: string]> = {
      'pax8-seat-count': ['seat-count-differs', cents(5 * price(on('pax8-seat-count'))), currency(on('pax8-seat-count'))],
      'pax8-charged-after-cancel': ['billed-but-cancelled', cents(on('pax8-charged-after-cancel').quantity * price(on('pax8-charged-after-cancel'))), currency(on('pax8-charged-after-cancel'))],
      'pax8-charged-after-removal': ['billed-but-removed', cents(on('pax8-charged-after-removal').quantity * price(on('pax8-charged-after-removal'))), currency(on('pax8-charged-after-removal'))],
      'pax8-price-below-cost': ['price-below-cost', cents((below.partnerCost! - below.price) * below.quantity), below.currencyCode],
      'pax8-trial-converted': ['trial-converted', cents(converted.price * converted.quantity), converted.currencyCode],
      'pax8-currency': ['currency-differs', cents(on('pax8-currency').quantity * price(on('pax8-currency'))), 'EUR'],
      'psa-missing-line': ['charged-not-billed', cents(on('psa-missing-line').quantity * price(on('psa-missing-line'))), currency(on('psa-missing-line'))],
      'psa-bills-cancelled': ['billed-but-cancelled', cents(on('psa-bills-cancelled').quantity * price(on('psa-bills-cancelled'))), currency(on('psa-bills-cancelled'))],
      'psa-wrong-quantity': ['seat-count-differs', cents(2 * price(on('psa-wrong-quantity'))), currency(on('psa-wrong-quantity'))],
      'psa-one-seat-short': ['seat-count-differs', cents(1 * price(on('psa-one-seat-short'))), currency(on('psa-one-seat-short'))],
    };
    const rows = tableRows(output);
    expect(rows).toHaveLength(10);
    expect(result.findings).toHaveLength(10);
    for (const p of result.planted) {
      const at = result.findings.findIndex((f) => f.subscriptionId === p.subscription.id);
      expect(at, `a finding for ${p.name}`).toBeGreaterThanOrEqual(0);
      const [kind, amount, cur] = expected[p.name]!;
      expect(rows[at], p.name).toMatchObject({ kind, atStake: `${amount.toFixed(2)} ${cur}` });
      expect(result.findings[at], p.name).toMatchObject({ kind, amountAtStake: amount, currency: cur, pax8CompanyId: p.subscription.companyId, productId: p.subscription.productId });
    }
    // Pax8 vs PSA as printed: Pax8 charges 5 seats more, the PSA bills 2 more, the PSA's cancelled line has no Pax8 charge.
    const row = (name: string) => rows[result.findings.findIndex((f) => f.subscriptionId === on(name).id)]!;
    expect(row('pax8-seat-count').pax8).toMatch(new RegExp(`^${on('pax8-seat-count').quantity + 5} = `));
    expect(row('pax8-seat-count').psa).toMatch(new RegExp(`^${on('pax8-seat-count').quantity} = `));
    expect(row('psa-wrong-quantity').psa).toMatch(new RegExp(`^${on('psa-wrong-quantity').quantity + 2} = `));
    expect(row('psa-bills-cancelled').pax8).toBe('-');
    expect(row('psa-missing-line').psa).toBe('-');
    expect(row('pax8-currency')).toMatchObject({ pax8: expect.stringMatching(/ EUR$/), psa: expect.stringMatching(new RegExp(` ${currency(on('pax8-currency'))}$`)) });
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of ['seat-count-differs', 'charged-not-billed', 'billed-but-cancelled', 'billed-but-removed', 'price-below-cost', 'trial-converted', 'currency-differs']) expect(kinds, kind).toContain(kind);
  });

  it('reads the prorate, credit and annual lines as Pax8 issues them: seats from the recurring line, an annual price at a month\'s share, no finding while the PSA bills them right', () => {
    const { prorate, credit, annual } = result.issued;
    const lines = (id: string) => result.issuedLines.filter((i) => i.subscriptionId === id);
    const kindOf = (id: string, type: string) => lines(id).find((i) => i.data.type === type)!;
    // What the reconciliation read, as synced: the recurring lines at the new quantities, and the change's line.
    expect(lines(prorate.subscriptionId)).toHaveLength(2);
    expect(kindOf(prorate.subscriptionId, 'subscription').quantity).toBe(prorate.previousQuantity + 3);
    expect(kindOf(prorate.subscriptionId, 'prorate')).toMatchObject({ quantity: 3, chargeType: 'per', data: { term: 'Monthly', startPeriod: '2026-05-20', endPeriod: '2026-05-31', subTotal: prorate.amount } });
    expect(prorate.amount).toBe(cents(3 * kindOf(prorate.subscriptionId, 'subscription').price * (12 / 31)));
    expect(kindOf(credit.subscriptionId, 'subscription').quantity).toBe(credit.previousQuantity - 2);
    expect(kindOf(credit.subscriptionId, 'prorate')).toMatchObject({ quantity: -2, data: { startPeriod: '2026-05-11', endPeriod: '2026-05-31', subTotal: credit.amount } });
    expect(credit.amount).toBeLessThan(0);
    expect(lines(annual.subscriptionId)).toEqual([expect.objectContaining({ quantity: expect.any(Number), data: expect.objectContaining({ type: 'subscription', term: 'Annual', startPeriod: '2026-06-01', endPeriod: '2027-05-31' }) })]);

    // No finding on the credit's or the annual's product; on the prorated one, only the PSA's planted seat short.
    const on = (companyId: string, productId: string) => result.findings.filter((f) => f.pax8CompanyId === companyId && f.productId === productId);
    expect(on(credit.companyId, credit.productId)).toEqual([]);
    expect(on(annual.companyId, annual.productId)).toEqual([]);
    const [short, ...others] = on(prorate.companyId, prorate.productId);
    expect(others).toEqual([]);
    const recurring = kindOf(prorate.subscriptionId, 'subscription');
    const money = cents(lines(prorate.subscriptionId).reduce((t, i) => t + i.quantity * i.price, 0));
    expect(short).toMatchObject({
      kind: 'seat-count-differs',
      subscriptionId: prorate.subscriptionId,
      amountAtStake: cents(recurring.price),
      pax8: { quantity: prorate.previousQuantity + 3, amount: money },
      psa: { quantity: prorate.previousQuantity + 2 },
    });
  });

  it('the printed total per currency is the sum of the printed rows, and the summary\'s', () => {
    const sums: Record<string, number> = {};
    for (const r of tableRows(output)) {
      const [amount, cur] = r.atStake.split(' ') as [string, string];
      sums[cur] = cents((sums[cur] ?? 0) + Number(amount));
    }
    const total = output.find((l) => l.startsWith('Total at stake: '))!;
    const printed = Object.fromEntries([...total.matchAll(/([\d.]+) ([A-Z]{3})/g)].map((m) => [m[2], Number(m[1])]));
    expect(printed).toEqual(sums);
    expect(result.summary.total.byCurrency).toEqual(sums);
    expect(total).toMatch(/\(10 findings in \d+ of 12 companies\)$/);
  });

  it('acts: the PSA\'s extra seats are ordered in Pax8 through approval and synced back; the other findings become billing lines', () => {
    const wrong = result.planted.find((p) => p.name === 'psa-wrong-quantity')!.subscription;
    expect(output).toContain(`  requested: subscription.quantity ${wrong.id} -> ${wrong.quantity + 2} seats, pending-approval (by reconciliation@psa)`);
    expect(output).toContain('  approved by billing-manager@psa');
    expect(output).toContain('  sent: {"applied":1}; intent applied');
    expect(result.seats).toMatchObject({ intent: { state: 'applied', kind: 'subscription.quantity', target: { entity: 'subscriptions', id: wrong.id }, payload: { quantity: wrong.quantity + 2 }, requestedBy: 'reconciliation@psa' }, syncedQuantity: wrong.quantity + 2 });
    const actions = Object.fromEntries(result.billingLines.map((l) => [l.subscriptionId, l.action]));
    const on = (name: string) => result.planted.find((p) => p.name === name)!.subscription.id;
    expect(actions).toEqual({
      [on('pax8-seat-count')]: 'update',
      [on('pax8-charged-after-cancel')]: 'stop',
      [on('pax8-charged-after-removal')]: 'stop',
      [on('pax8-price-below-cost')]: 'update',
      [on('pax8-trial-converted')]: 'add',
      [on('psa-missing-line')]: 'add',
      [on('psa-bills-cancelled')]: 'stop',
      [on('psa-one-seat-short')]: 'update',
    });
    expect(output.some((l) => l.startsWith('  currency-differs: no billing line (a person decides)'))).toBe(true);
  });
});
