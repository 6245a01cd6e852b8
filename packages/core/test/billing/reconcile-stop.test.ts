import { findingToWriteRequest } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, ran } from '../support/harness';
import { collectFindings, eligibleSubscriptions, isRecurringItem, PERIOD, psaLinesFromCharges, storedItems, syncedBilling } from './billing-harness';

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


describe('reconcile: stop findings and write requests only where they are true (over HTTP against the simulator)', () => {
  it('Pax8 charging a removed subscription the PSA does not bill is charged-not-billed, not a "stop billing" finding', async () => {
    const { connectionId } = await synced();
    const [gone] = await eligibleSubscriptions(h!, connectionId);
    const psaLines = (await psaLinesFromCharges(h!, connectionId)).filter((l) => l.pax8SubscriptionId !== gone!.id);
    h!.sim.billing.script({ kind: 'chargedAfterCancel', subscriptionId: gone!.id, removed: true });
    ran(await h!.engine.syncSubscriptions({ connectionId }));
    ran(await h!.engine.syncInvoices({ connectionId }));
    const findings = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(findings.map((f) => [f.kind, f.subscriptionId])).toEqual([['charged-not-billed', gone!.id]]);
  });

  it('a PSA line naming the right subscription under a wrong product id is compared with that subscription\'s product', async () => {
    const { connectionId } = await synced();
    const [typo] = await eligibleSubscriptions(h!, connectionId);
    const psaLines = (await psaLinesFromCharges(h!, connectionId)).map((l) => (l.pax8SubscriptionId === typo!.id ? { ...l, pax8ProductId: 'no-such-product' } : l));
    expect(await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings)).toEqual([]);
  });

  it('a Cancelled subscription without an end date that Pax8 no longer charges but the PSA bills is billed-but-cancelled', async () => {
    const { connectionId } = await synced();
    const [cancelled] = await eligibleSubscriptions(h!, connectionId);
    const psaLines = await psaLinesFromCharges(h!, connectionId);
    h!.sim.world.subscriptions.update(cancelled!.id, { status: 'Cancelled', endDate: undefined });
    ran(await h!.engine.syncSubscriptions({ connectionId }));
    ran(await h!.engine.syncInvoices({ connectionId }));
    const findings = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(findings).toEqual([expect.objectContaining({ kind: 'billed-but-cancelled', subscriptionId: cancelled!.id, pax8: null })]);
  });

  it('no quantity write for a product with several live subscriptions, nor for a subscription the PSA names outside the group', async () => {
    const { connectionId } = await synced();
    const items = (await storedItems(h!, connectionId)).filter((i) => i.invoiceId !== null && i.period === PERIOD && isRecurringItem(i));
    const subs = new Map((await h!.storage.subscriptions.list(connectionId, { limit: 10_000 })).items.map((s) => [s.id, s]));
    const live = (id: string | null) => id !== null && ['Active', 'Activated'].includes(subs.get(id)?.status ?? '');
    const groups = new Map<string, string[]>();
    for (const i of items) if (live(i.subscriptionId)) groups.set(`${i.companyId}/${i.productId}`, [...(groups.get(`${i.companyId}/${i.productId}`) ?? []), i.subscriptionId!]);
    const [a] = [...groups.values()].find((ids) => ids.length >= 2)!;
    const psaLines = await psaLinesFromCharges(h!, connectionId);
    const at = psaLines.findIndex((l) => l.pax8SubscriptionId === a);
    psaLines[at] = { ...psaLines[at]!, quantity: psaLines[at]!.quantity + 1 };
    const [finding] = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines }).findings);
    expect(finding).toMatchObject({ kind: 'seat-count-differs', subscriptionId: a });
    expect(findingToWriteRequest(finding!, { requestedBy: 'review' })).toBeUndefined();

    // A line of a single-subscription product naming another company's subscription: the finding names the group's own.
    const [own] = await eligibleSubscriptions(h!, connectionId);
    const elsewhere = [...subs.values()].find((s) => s.companyId !== own!.companyId)!;
    const lines = (await psaLinesFromCharges(h!, connectionId)).map((l) => (l.pax8SubscriptionId === own!.id ? { ...l, pax8SubscriptionId: elsewhere.id, quantity: l.quantity + 2 } : l));
    const found = await collect(h!.engine.reconcile({ connectionId, period: PERIOD, psaLines: lines }).findings);
    const mine = found.filter((f) => f.pax8CompanyId === own!.companyId && f.productId === own!.productId);
    expect(mine.map((f) => [f.kind, f.subscriptionId])).toEqual([['seat-count-differs', own!.id]]);
    expect(findingToWriteRequest(mine[0]!, { requestedBy: 'review' })?.change).toEqual({ kind: 'subscription.quantity', subscriptionId: own!.id, quantity: own!.quantity + 2 });
  });
});
