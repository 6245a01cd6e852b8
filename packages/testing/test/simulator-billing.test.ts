import { describe, expect, it } from 'vitest';
import type { Pax8SimInvoice, Pax8SimInvoiceItem, Pax8SimSubscription, Pax8SimUsageLine, Pax8SimUsageSummary } from '../src/index';
import { type HttpGet, useHttpSimulators } from './support/http-fetch';
import { createSpecValidator } from './support/openapi';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const round2 = (n: number): number => Math.round(n * 100) / 100;

async function all<T>(get: HttpGet, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 0; ; page++) {
    const body = (await (await get(`${path}${path.includes('?') ? '&' : '?'}size=200&page=${page}`)).json()) as { content: T[]; page: { totalPages: number } };
    out.push(...body.content);
    if (page + 1 >= body.page.totalPages) return out;
  }
}

function usageTerm(s: Pax8SimSubscription): boolean {
  return s.productName?.startsWith('Azure Plan') === true || s.productName?.startsWith('Acronis') === true;
}

describe('invoices, draft items and usage consistent with the subscriptions, over HTTP (#19)', () => {
  const start = useHttpSimulators();
  const world = { seed: 19, companies: 6, subscriptions: 150, now: () => NOW };

  it('issues one invoice per company and month on the 5th, its total the sum of its items, in the company currency', async () => {
    const { sim, get } = await start(world);
    const invoices = await all<Pax8SimInvoice>(get, '/v1/invoices');
    expect(invoices).toHaveLength(6 * 6);
    expect(new Set(invoices.map((i) => i.invoiceDate))).toEqual(new Set(['2025-12-05', '2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05', '2026-05-05']));
    let lines = 0;
    for (const invoice of invoices) {
      const items = await all<Pax8SimInvoiceItem>(get, `/v1/invoices/${invoice.id}/items`);
      lines += items.length;
      expect(invoice.total).toBe(round2(items.reduce((t, i) => t + i.amountDue, 0)));
      expect(invoice.status).toEqual(invoice.total === 0 ? 'Nothing Due' : invoice.invoiceDate === '2026-05-05' ? 'Unpaid' : expect.stringMatching(/^(Paid|Void|Credited)$/));
      const company = sim.world.companies.get(invoice.companyId as string);
      expect(items.every((i) => i.companyId === invoice.companyId && i.currencyCode === invoice.currencyCode)).toBe(true);
      expect(invoice.currencyCode).toBe({ US: 'USD', CA: 'CAD', GB: 'GBP', AU: 'AUD' }[company?.address.country as string]);
    }
    expect(lines).toBeGreaterThan(100);
  });

  it('charges quantity x price for the period of the billing term, with the fee of bill-on-behalf companies; trials are not charged', async () => {
    const { sim, get } = await start(world);
    const items = await all<Pax8SimInvoiceItem>(get, '/v1/invoices/draftItems?monthOffset=0');
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) {
      const s = sim.world.subscriptions.get(item.subscriptionId as string) as Pax8SimSubscription;
      const company = sim.world.companies.get(s.companyId);
      expect(item).toMatchObject({ companyId: s.companyId, productId: s.productId, quantity: s.quantity, price: s.price, cost: s.partnerCost, currencyCode: s.currencyCode, chargeType: 'per', billedByPax8: company?.billOnBehalfOfEnabled });
      expect(item.subTotal).toBe(round2(s.quantity * s.price));
      expect(item.billingFee).toBe(company?.billOnBehalfOfEnabled ? round2(item.subTotal * 0.03) : 0);
      expect(item.startPeriod).toBe('2026-06-01');
      const months = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 }[s.billingTerm as string];
      if (months) expect(item.endPeriod).toBe(new Date(Date.UTC(2026, 5 + months, 0)).toISOString().slice(0, 10));
      expect(['Active', 'Converted', 'PendingCancel', 'Activated', 'Cancelled']).toContain(s.status);
      expect(usageTerm(s)).toBe(false); // draft items leave out usage billed in arrears
    }
    const charged = new Set(items.map((i) => i.subscriptionId));
    const trials = sim.world.subscriptions.list({ filter: (s) => s.status === 'Trial' });
    expect(trials.length).toBeGreaterThan(0);
    expect(trials.filter((t) => charged.has(t.id))).toEqual([]);
    const monthlyActive = sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && s.billingTerm === 'Monthly' && !usageTerm(s) && Date.parse(s.billingStart ?? '') < NOW });
    expect(monthlyActive.filter((s) => !charged.has(s.id))).toEqual([]);
  });

  it('draft items (monthOffset 1 by default: next month) and invoices follow the subscriptions as they stand', async () => {
    const { sim, get } = await start(world);
    const drafts = await all<Pax8SimInvoiceItem>(get, '/v1/invoices/draftItems');
    expect(new Set(drafts.map((i) => i.startPeriod))).toEqual(new Set(['2026-07-01']));
    const item = drafts.find((i) => i.term === 'Monthly' && Date.parse(sim.world.subscriptions.get(i.subscriptionId as string)?.billingStart ?? '') < Date.parse('2026-05-01'));
    const s = sim.world.subscriptions.get(item?.subscriptionId as string) as Pax8SimSubscription;
    const invoice = (await all<Pax8SimInvoice>(get, `/v1/invoices?companyId=${s.companyId}&invoiceDate=2026-05-05`))[0] as Pax8SimInvoice;
    const line = (await all<Pax8SimInvoiceItem>(get, `/v1/invoices/${invoice.id}/items`)).find((i) => i.subscriptionId === s.id) as Pax8SimInvoiceItem;
    sim.world.subscriptions.update(s.id, { quantity: s.quantity + 10 });
    expect((await all<Pax8SimInvoiceItem>(get, '/v1/invoices/draftItems')).find((i) => i.subscriptionId === s.id)?.quantity).toBe(s.quantity + 10);
    const again = (await (await get(`/v1/invoices/${invoice.id}`)).json()) as Pax8SimInvoice;
    expect(again.total).toBe(round2(invoice.total + 10 * line.price * (1 + line.billingFeeRate)));
  });

  it('bills consumption products in arrears from their usage: summaries add up their lines', async () => {
    const { sim, get } = await start({ ...world, subscriptions: 400 });
    const usage = sim.world.subscriptions.list({ filter: (s) => usageTerm(s) && s.status === 'Active' && Date.parse(s.billingStart ?? '') < Date.parse('2026-04-01') })[0] as Pax8SimSubscription;
    const summaries = await all<Pax8SimUsageSummary>(get, `/v1/subscriptions/${usage.id}/usage-summaries`);
    expect(summaries.length).toBeGreaterThan(0);
    for (const summary of summaries) {
      const lines = ((await (await get(`/v1/usage-summaries/${summary.id}/usage-lines?size=200`)).json()) as { content: Pax8SimUsageLine[] }).content;
      expect(summary.currentCharges).toBe(round2(lines.reduce((t, l) => t + l.currentCharges, 0)));
      expect(summary.partnerTotal).toBe(round2(lines.reduce((t, l) => t + l.partnerTotal, 0)));
    }
    const invoice = (await all<Pax8SimInvoice>(get, `/v1/invoices?companyId=${usage.companyId}&invoiceDate=2026-05-05`))[0] as Pax8SimInvoice;
    const line = (await all<Pax8SimInvoiceItem>(get, `/v1/invoices/${invoice.id}/items`)).find((i) => i.subscriptionId === usage.id);
    expect(line).toMatchObject({ term: 'Arrears', chargeType: 'flat', quantity: 1, startPeriod: '2026-04-01', endPeriod: '2026-04-30', price: round2(summaries.reduce((t, u) => t + u.currentCharges, 0)), cost: round2(summaries.reduce((t, u) => t + u.partnerTotal, 0)) });
    expect(line?.rateType).toMatch(/^markup/);
  });

  it('scripts every discrepancy a reconciliation must find', async () => {
    const { sim, get } = await start(world);
    const pick = (k: number) => sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && s.billingTerm === 'Monthly' && !usageTerm(s) && Date.parse(s.billingStart ?? '') < NOW })[k] as Pax8SimSubscription;
    const [seats, cancelled, removed, cheap, currency] = [0, 1, 2, 3, 4].map(pick) as Pax8SimSubscription[];
    const trial = sim.world.subscriptions.list({ filter: (s) => s.status === 'Trial' && s.billingTerm === 'Trial' })[0] as Pax8SimSubscription;
    sim.billing.script({ kind: 'seatCount', subscriptionId: seats!.id, quantity: seats!.quantity + 4 });
    sim.billing.script({ kind: 'chargedAfterCancel', subscriptionId: cancelled!.id });
    sim.billing.script({ kind: 'chargedAfterCancel', subscriptionId: removed!.id, removed: true });
    const below = sim.billing.script({ kind: 'priceBelowCost', subscriptionId: cheap!.id });
    sim.billing.script({ kind: 'trialConverted', subscriptionId: trial.id });
    sim.billing.script({ kind: 'currency', subscriptionId: currency!.id, currencyCode: 'EUR' });

    const draft = new Map((await all<Pax8SimInvoiceItem>(get, '/v1/invoices/draftItems?monthOffset=0')).map((i) => [i.subscriptionId, i]));
    expect(draft.get(seats!.id)?.quantity).toBe(seats!.quantity + 4);
    expect(sim.world.subscriptions.get(seats!.id)?.quantity).toBe(seats!.quantity);
    expect([sim.world.subscriptions.get(cancelled!.id)?.status, draft.has(cancelled!.id)]).toEqual(['Cancelled', true]);
    expect([(await get(`/v1/subscriptions/${removed!.id}`)).status, draft.has(removed!.id)]).toEqual([404, true]);
    expect(below.subscription?.price).toBeLessThan(below.subscription?.partnerCost as number);
    expect(draft.get(cheap!.id)?.price).toBeLessThan(draft.get(cheap!.id)?.cost as number);
    const history = (await (await get(`/v1/subscriptions/${trial.id}/history`)).json()) as { content: { status: string }[] };
    expect(history.content.slice(0, 2).map((h) => h.status)).toEqual(['Converted', 'Trial']);
    const converted = sim.world.subscriptions.get(trial.id) as Pax8SimSubscription;
    expect([converted.status, converted.billingTerm, trial.price]).toEqual(['Converted', 'Monthly', 0]);
    expect(draft.get(trial.id)).toMatchObject({ price: converted.price, quantity: converted.quantity });
    expect(converted.price).toBeGreaterThan(0);
    expect([draft.get(currency!.id)?.currencyCode, sim.world.subscriptions.get(currency!.id)?.currencyCode]).toEqual(['EUR', currency!.currencyCode]);
    expect(sim.billing.discrepancies.map((d) => d.kind)).toEqual(['seatCount', 'chargedAfterCancel', 'chargedAfterCancel', 'priceBelowCost', 'trialConverted', 'currency']);

    const issued = (await all<Pax8SimInvoice>(get, `/v1/invoices?companyId=${seats!.companyId}&invoiceDate=2026-05-05`))[0] as Pax8SimInvoice;
    expect((await all<Pax8SimInvoiceItem>(get, `/v1/invoices/${issued.id}/items`)).find((i) => i.subscriptionId === seats!.id)?.quantity).toBe(seats!.quantity + 4);
    sim.billing.clear();
    expect((await all<Pax8SimInvoiceItem>(get, '/v1/invoices/draftItems?monthOffset=0')).find((i) => i.subscriptionId === seats!.id)?.quantity).toBe(seats!.quantity);
  });

  it('refuses a discrepancy it cannot script, naming the field', async () => {
    const { sim } = await start(world);
    const id = sim.world.subscriptions.ids()[0] as string;
    expect(() => sim.billing.script({ kind: 'seatCount', subscriptionId: 'nope', quantity: 1 })).toThrow(/billing.script.subscriptionId/);
    expect(() => sim.billing.script({ kind: 'currency', subscriptionId: id, currencyCode: 'euro' })).toThrow(/billing.script.currencyCode/);
    expect(() => sim.billing.script({ kind: 'seatCount', subscriptionId: id, quantity: -1 })).toThrow(/billing.script.quantity/);
  });
});

describe('prorate, credit and annual lines as Pax8 issues them, over HTTP (#19)', () => {
  const start = useHttpSimulators();
  // May 20th: May's invoices (issued on the 5th) are out, and May's draft items are the same month's.
  const MAY = Date.parse('2026-05-20T12:00:00Z');
  const world = { seed: 19, companies: 6, subscriptions: 150, now: () => MAY };
  const spec = createSpecValidator('partner-endpoints.json', '/v1');
  const monthly = (sim: { world: { subscriptions: { list(q: { filter: (s: Pax8SimSubscription) => boolean }): Pax8SimSubscription[] } } }) =>
    sim.world.subscriptions.list({ filter: (s) => s.status === 'Active' && s.billingTerm === 'Monthly' && !usageTerm(s) && s.price > 0 && s.quantity >= 3 && Date.parse(s.billingStart ?? '') < Date.parse('2026-03-01') });

  /** Every item of the company's invoice of a month (valid against the OpenAPI's closed schema), and the invoice. */
  async function invoiceOf(get: HttpGet, companyId: string, invoiceDate: string): Promise<{ invoice: Pax8SimInvoice; items: Pax8SimInvoiceItem[] }> {
    const invoice = (await all<Pax8SimInvoice>(get, `/v1/invoices?companyId=${companyId}&invoiceDate=${invoiceDate}`))[0] as Pax8SimInvoice;
    const body = await (await get(`/v1/invoices/${invoice.id}/items?size=200`)).json();
    expect(spec.validate('GET /v1/invoices/{invoiceId}/items', 200, body)).toEqual([]);
    return { invoice, items: (body as { content: Pax8SimInvoiceItem[] }).content };
  }

  it('a mid-month seat increase: the month after charges the new quantity and a prorate line for the added seats over the rest of the month', async () => {
    const { sim, get } = await start(world);
    const s = monthly(sim)[0] as Pax8SimSubscription;
    const company = sim.world.companies.get(s.companyId);
    const scripted = sim.billing.change({ kind: 'prorate', subscriptionId: s.id, quantity: s.quantity + 3, date: '2026-04-20' });
    expect(scripted).toMatchObject({ previousQuantity: s.quantity, seats: 3, daysLeft: 11, daysInMonth: 30, invoicedIn: '2026-05', amount: round2(3 * s.price * (11 / 30)) });
    expect(sim.world.subscriptions.get(s.id)?.quantity).toBe(s.quantity + 3);

    const april = (await invoiceOf(get, s.companyId, '2026-04-05')).items.filter((i) => i.subscriptionId === s.id);
    expect(april.map((i) => [i.type, i.quantity])).toEqual([['subscription', s.quantity]]);
    const { invoice, items } = await invoiceOf(get, s.companyId, '2026-05-05');
    const lines = items.filter((i) => i.subscriptionId === s.id);
    expect(lines.map((i) => [i.type, i.quantity])).toEqual([['subscription', s.quantity + 3], ['prorate', 3]]);
    const prorate = lines[1] as Pax8SimInvoiceItem;
    const fee = company?.billOnBehalfOfEnabled ? 0.03 : 0;
    expect(prorate).toMatchObject({ chargeType: 'per', term: 'Monthly', startPeriod: '2026-04-20', endPeriod: '2026-04-30', productId: s.productId, currencyCode: s.currencyCode, subTotal: scripted.amount, billingFee: round2(scripted.amount * fee) });
    expect(prorate.price).toBeCloseTo((s.price * 11) / 30, 10);
    expect(prorate.amountDue).toBe(round2(scripted.amount + round2(scripted.amount * fee)));
    expect(prorate.id).not.toBe(lines[0]?.id);
    expect(invoice.total).toBe(round2(items.reduce((t, i) => t + i.amountDue, 0)));
    expect(sim.billing.changes.map((c) => c.kind)).toEqual(['prorate']);
  });

  it('a mid-month decrease: a credit line (negative amount) for the removed seats', async () => {
    const { sim, get } = await start(world);
    const s = monthly(sim)[1] as Pax8SimSubscription;
    const scripted = sim.billing.change({ kind: 'credit', subscriptionId: s.id, quantity: s.quantity - 2, date: '2026-04-10' });
    expect(scripted).toMatchObject({ seats: -2, daysLeft: 21, daysInMonth: 30, amount: round2(-2 * s.price * (21 / 30)) });
    expect(scripted.amount).toBeLessThan(0);
    const { invoice, items } = await invoiceOf(get, s.companyId, '2026-05-05');
    const lines = items.filter((i) => i.subscriptionId === s.id);
    expect(lines.map((i) => [i.type, i.quantity])).toEqual([['subscription', s.quantity - 2], ['prorate', -2]]);
    expect(lines[1]).toMatchObject({ chargeType: 'per', term: 'Monthly', startPeriod: '2026-04-10', endPeriod: '2026-04-30', subTotal: scripted.amount });
    expect(lines[1]!.amountDue).toBeLessThan(0);
    expect(lines[1]!.costTotal).toBeLessThan(0);
    expect(invoice.total).toBe(round2(items.reduce((t, i) => t + i.amountDue, 0)));
  });

  it('draft items of the month agree with its final invoice, prorate and credit lines included', async () => {
    const { sim, get } = await start(world);
    const [up, down] = monthly(sim) as [Pax8SimSubscription, Pax8SimSubscription];
    sim.billing.change({ kind: 'prorate', subscriptionId: up.id, quantity: up.quantity + 1, date: '2026-04-01' });
    sim.billing.change({ kind: 'credit', subscriptionId: down.id, quantity: down.quantity - 1, date: '2026-04-30' });
    const body = await (await get(`/v1/invoices/draftItems?monthOffset=0&size=200&companyId=${up.companyId}`)).json();
    expect(spec.validate('GET /v1/invoices/draftItems', 200, body)).toEqual([]);
    const strip = ({ id: _id, ...rest }: Pax8SimInvoiceItem) => rest;
    const drafts = (body as { content: Pax8SimInvoiceItem[] }).content.map(strip);
    const final = (await invoiceOf(get, up.companyId, '2026-05-05')).items.filter((i) => i.term !== 'Arrears').map(strip);
    expect(drafts).toEqual(final);
    const prorate = final.find((i) => i.type === 'prorate' && i.subscriptionId === up.id);
    expect(prorate).toMatchObject({ quantity: 1, startPeriod: '2026-04-01', subTotal: round2(up.price) }); // the whole month
    const downFinal = (await invoiceOf(get, down.companyId, '2026-05-05')).items.find((i) => i.type === 'prorate' && i.subscriptionId === down.id);
    expect(downFinal).toMatchObject({ quantity: -1, startPeriod: '2026-04-30', endPeriod: '2026-04-30', subTotal: round2(-down.price / 30) }); // one day
  });

  it('annual subscriptions are charged their whole annual amount in their anniversary month only, for a year', async () => {
    const { sim, get } = await start(world);
    const s = sim.world.subscriptions.list({ filter: (r) => r.status === 'Active' && r.billingTerm === 'Annual' && !usageTerm(r) && r.price > 0 })[0] as Pax8SimSubscription;
    sim.world.subscriptions.update(s.id, { billingStart: '2025-03-12', startDate: '2025-03-12' });
    const months = ['2025-12-05', '2026-01-05', '2026-02-05', '2026-03-05', '2026-04-05', '2026-05-05'];
    const charged: Record<string, Pax8SimInvoiceItem[]> = {};
    for (const date of months) charged[date] = (await invoiceOf(get, s.companyId, date)).items.filter((i) => i.subscriptionId === s.id);
    expect(Object.entries(charged).filter(([, lines]) => lines.length > 0).map(([date]) => date)).toEqual(['2026-03-05']);
    const [line] = charged['2026-03-05'] as Pax8SimInvoiceItem[];
    expect(line).toMatchObject({ type: 'subscription', term: 'Annual', chargeType: 'per', startPeriod: '2026-03-01', endPeriod: '2027-02-28', quantity: s.quantity, price: s.price, subTotal: round2(s.quantity * s.price) });
    const { invoice, items } = await invoiceOf(get, s.companyId, '2026-03-05');
    expect(invoice.total).toBe(round2(items.reduce((t, i) => t + i.amountDue, 0)));
    const monthlyPrice = sim.world.subscriptions.list({ filter: (r) => r.productId === s.productId && r.billingTerm === 'Monthly' })[0]?.price;
    if (monthlyPrice !== undefined) expect(s.price).toBeGreaterThan(monthlyPrice * 6); // an annual price, not a month's
  });

  it('is the same on every run of the same seed', async () => {
    const ids = async () => {
      const { sim, get } = await start(world);
      const s = monthly(sim)[0] as Pax8SimSubscription;
      sim.billing.change({ kind: 'prorate', subscriptionId: s.id, quantity: s.quantity + 2, date: '2026-04-15' });
      return (await invoiceOf(get, s.companyId, '2026-05-05')).items.filter((i) => i.type === 'prorate');
    };
    const [a, b] = [await ids(), await ids()];
    expect(a).toHaveLength(1);
    expect(a).toEqual(b);
  });

  it('refuses a change it cannot script, naming the field and the fix', async () => {
    const { sim } = await start(world);
    const s = monthly(sim)[0] as Pax8SimSubscription;
    const annual = sim.world.subscriptions.list({ filter: (r) => r.billingTerm === 'Annual' })[0] as Pax8SimSubscription;
    const change = (c: Partial<Parameters<typeof sim.billing.change>[0]>) => () => sim.billing.change({ kind: 'prorate', subscriptionId: s.id, quantity: s.quantity + 1, date: '2026-04-20', ...c } as Parameters<typeof sim.billing.change>[0]);
    expect(change({ subscriptionId: 'nope' })).toThrow(/billing\.change\.subscriptionId.*world\.subscriptions\.ids/);
    expect(change({ subscriptionId: annual.id })).toThrow(/billing\.change\.subscriptionId.*Monthly/);
    expect(change({ date: '20 April' })).toThrow(/billing\.change\.date.*YYYY-MM-DD/);
    expect(change({ date: '2026-06-01' })).toThrow(/billing\.change\.date.*clock/);
    expect(change({ quantity: s.quantity })).toThrow(/billing\.change\.quantity.*more than/);
    expect(change({ kind: 'credit', quantity: s.quantity })).toThrow(/billing\.change\.quantity.*fewer than/);
    expect(change({ quantity: 1.5 })).toThrow(/billing\.change\.quantity.*whole number/);
    sim.billing.change({ kind: 'prorate', subscriptionId: s.id, quantity: s.quantity + 1, date: '2026-04-20' });
    expect(change({ quantity: s.quantity + 2, date: '2026-04-10' })).toThrow(/billing\.change\.date.*oldest first/);
    sim.billing.clear();
    expect(sim.billing.changes).toEqual([]);
  });
});
