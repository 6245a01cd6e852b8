import { changeItem, type Pax8BillingChange, type Pax8ScriptedChange, type SeatChange, scriptedChange, seatChange } from './billing-changes';
import { billingItem, chargePeriod, type ItemInput, monthStart, usageTotals } from './billing-rules';
import { addMonths, formatDate } from './dates';
import { Pax8SimulatorError } from './errors';
import { createIdCodec, type IdCodec } from './ids';
import { latestInvoiceMonth, usageSummaries } from './generate-more';
import type { ProductTraits } from './generate';
import type { Pax8SimInvoiceItem, Pax8SimProduct, Pax8SimSubscription } from './records';
import type { World } from './world';

/** A difference between what Pax8 charges and what its subscriptions say, scripted for reconciliation tests. */
export type Pax8BillingDiscrepancy =
  /** Pax8 charges `quantity` seats; the subscription says otherwise. */
  | { kind: 'seatCount'; subscriptionId: string; quantity: number }
  /** The subscription is cancelled (or, with `removed`, gone from the listing), but Pax8 still charges it. */
  | { kind: 'chargedAfterCancel'; subscriptionId: string; removed?: boolean }
  /** The customer price is set below the partner cost (default 80 % of it). */
  | { kind: 'priceBelowCost'; subscriptionId: string; price?: number }
  /** A trial converted to a paid subscription (status Trial, then Converted; a Trial term becomes Monthly at the product's price), which Pax8 now charges. */
  | { kind: 'trialConverted'; subscriptionId: string }
  /** Pax8 charges in another currency than the company's. */
  | { kind: 'currency'; subscriptionId: string; currencyCode: string };

/** A scripted discrepancy with the facts a reconciliation should report. */
export type Pax8ScriptedDiscrepancy = Pax8BillingDiscrepancy & {
  /** Company of the subscription. */
  companyId: string;
  /** Product of the subscription. */
  productId: string;
  /** The subscription as the partner API now serves it (undefined when removed). */
  subscription: { status: string; quantity: number; price: number; partnerCost: number | undefined; currencyCode: string } | undefined;
};

interface Override {
  quantity?: number;
  currencyCode?: string;
  keepCharging?: boolean;
}

/** Item ids of a listing: of a subscription's line, of a seat change's line. */
interface ItemIds {
  item: (subscriptionIndex: number) => string;
  change: (n: number) => string;
}
const NO_IDS: ItemIds = { item: () => '', change: () => '' };

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A world's charges: invoices and draft items from the subscriptions as they stand (the simulator keeps no
 * billing history: to have Pax8 charge what the subscriptions do not say, script a discrepancy).
 */
export class Billing {
  private readonly overrides = new Map<string, Override>();
  private readonly ghosts = new Map<string, { index: number; record: Pax8SimSubscription }>();
  private totals: { key: string; byIndex: Map<number, number> } = { key: '', byIndex: new Map() };
  private drafts: { key: string; items: Pax8SimInvoiceItem[] } | undefined;
  private version = 0;
  /** Discrepancies scripted so far, oldest first. */
  readonly discrepancies: Pax8ScriptedDiscrepancy[] = [];
  /** Seat changes scripted so far, oldest first. */
  readonly changesScripted: Pax8ScriptedChange[] = [];
  private readonly changes: SeatChange[] = [];
  private readonly changeIds: IdCodec;

  constructor(private readonly world: World) {
    this.changeIds = createIdCodec(world.gen.seed, 'changeItem');
  }

  /** The month (first day, UTC) an invoice at a position is for. */
  invoiceMonth(index: number): number {
    const { invoices, companies } = this.world.options;
    return addMonths(latestInvoiceMonth(this.world.options.reference), Math.floor(index / Math.max(1, companies)) - invoices + 1);
  }

  /** The recurring (or usage, or one-time) line Pax8 charges a subscription in a month, as built (none, or one). */
  private line(index: number, s: Pax8SimSubscription, month: number, id: string, draft: boolean): ItemInput | undefined {
    const product = this.world.products.get(s.productId);
    const traits = product ? this.world.traitsOf(product) : undefined;
    if (draft && traits?.usage) return undefined; // draft items leave out usage billed in arrears
    const override = this.overrides.get(s.id);
    const period = chargePeriod(s, traits, month) ?? (override?.keepCharging && !traits?.usage ? { start: month, end: addMonths(month, 1) - 86_400_000 } : undefined);
    if (!period) return undefined;
    const usage = traits?.usage && product ? usageTotals(usageSummaries(this.world.gen, index, s, product, traits)) : undefined;
    if (usage && usage.charges === 0) return undefined;
    const pricingType = product && traits ? this.pricingType(product, traits, String(s.billingTerm)) : undefined;
    const quantity = override?.quantity ?? this.quantityIn(s.id, month);
    return {
      id,
      subscription: s,
      company: this.world.companies.get(s.companyId),
      product,
      traits,
      pricingType,
      period,
      ...(usage ? { usage } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(override?.currencyCode !== undefined ? { currencyCode: override.currencyCode } : {}),
    };
  }

  /** Seats Pax8 charged in a month before a later seat change (scripted with `change`); undefined: the subscription's. */
  private quantityIn(subscriptionId: string, month: number): number | undefined {
    if (this.changes.length === 0) return undefined;
    return this.changes.find((c) => c.subscriptionId === subscriptionId && c.month >= month)?.from;
  }

  /** The lines of a subscription in a month: its charge, then the prorate and credit lines of last month's seat changes. */
  private lines(index: number, s: Pax8SimSubscription, month: number, ids: ItemIds, draft: boolean): Pax8SimInvoiceItem[] {
    const input = this.line(index, s, month, ids.item(index), draft);
    if (!input) return [];
    const out = [billingItem(input)];
    for (const change of this.changes) if (change.subscriptionId === s.id && addMonths(change.month, 1) === month) out.push({ ...changeItem(change, input), id: ids.change(change.n) });
    return out;
  }

  private readonly pricingTypes = new Map<string, string | undefined>();

  private pricingType(product: Pax8SimProduct, traits: ProductTraits, term: string): string | undefined {
    const key = `${product.id}:${term}`;
    if (!this.pricingTypes.has(key)) this.pricingTypes.set(key, this.world.gen.pricing(product, traits).find((p) => p.billingTerm === term)?.type);
    return this.pricingTypes.get(key);
  }

  /** The subscriptions a charge listing goes over: of one company, or of all, with the removed ones still charged. */
  private charged(companyId: string | undefined): { index: number; record: Pax8SimSubscription }[] {
    const positions = companyId === undefined ? this.world.subscriptions.positions() : this.world.subscriptionsOf(companyId);
    const out: { index: number; record: Pax8SimSubscription }[] = [];
    for (let k = 0; k < positions.length; k++) out.push({ index: positions[k] as number, record: this.world.subscriptions.at(positions[k] as number) });
    for (const ghost of this.ghosts.values()) if (companyId === undefined || ghost.record.companyId === companyId) out.push(ghost);
    return out;
  }

  /** What Pax8 charges for a month: of one company, or of all. */
  private charges(month: number, companyId: string | undefined, draft: boolean, ids: ItemIds, subscriptions = this.charged(companyId)): Pax8SimInvoiceItem[] {
    const out: Pax8SimInvoiceItem[] = [];
    for (const { index, record } of subscriptions) out.push(...this.lines(index, record, month, ids, draft));
    return out;
  }

  /** The items of the invoice at a position, from the subscriptions as they stand. */
  invoiceItems(index: number): Pax8SimInvoiceItem[] {
    const { companies, invoices, subscriptions } = this.world.options;
    if (index >= invoices * companies || subscriptions === 0) return [];
    const month = Math.floor(index / companies);
    return this.charges(this.invoiceMonth(index), this.world.companies.idAt(index % companies), false, {
      item: (i) => this.world.gen.codecs.invoiceItem.encode(month * 0x1000000 + (i % 0x1000000)),
      change: (n) => this.changeIds.encode(n * 4),
    });
  }

  /** What the items of the invoice at a position add up to (kept per state of the world; every month of a company at once). */
  invoiceTotal(index: number): number {
    const { companies, invoices, subscriptions } = this.world.options;
    if (index >= invoices * companies || subscriptions === 0) return 0;
    const w = this.world;
    const key = [w.subscriptions.version, w.companies.version, w.products.version, this.version].join(':');
    if (this.totals.key !== key) this.totals = { key, byIndex: new Map() };
    let total = this.totals.byIndex.get(index);
    if (total === undefined) {
      // Every month of the company at once: its subscriptions are generated once for all of them.
      const c = index % companies;
      const records = this.charged(w.companies.idAt(c));
      for (let m = 0; m < invoices; m++) {
        const at = m * companies + c;
        const items = this.charges(this.invoiceMonth(at), undefined, false, NO_IDS, records);
        this.totals.byIndex.set(at, round2(items.reduce((t, item) => t + item.amountDue, 0)));
      }
      total = this.totals.byIndex.get(index) as number;
    }
    return total;
  }

  /** Draft items of the current month (`monthOffset` 0) or the next (1), as the world stands now. */
  draftItems(offset: 0 | 1, companyId: string | undefined): Pax8SimInvoiceItem[] {
    const month = monthStart(this.world.options.now(), offset);
    // Pages of one listing are asked one by one: compute the list once per state of the world.
    const w = this.world;
    const key = [offset, companyId, month, w.subscriptions.version, w.companies.version, w.products.version, this.version].join(':');
    if (this.drafts?.key !== key) this.drafts = { key, items: this.charges(month, companyId, true, { item: (i) => w.gen.codecs.draftItem.encode(i * 2 + offset), change: (n) => this.changeIds.encode(n * 4 + 1 + offset) }) };
    return this.drafts.items;
  }

  /** Scripts a discrepancy; invoices and draft items show it at once. */
  script(d: Pax8BillingDiscrepancy): Pax8ScriptedDiscrepancy {
    const index = this.world.subscriptions.indexOf(d.subscriptionId);
    if (index === undefined) throw new Pax8SimulatorError('billing.script.subscriptionId', `no subscription has id '${d.subscriptionId}'; pick one from world.subscriptions.ids()`);
    const before = this.world.subscriptions.at(index);
    const api = this.world.api.subscriptions;
    const override = { ...this.overrides.get(d.subscriptionId) };
    if (d.kind === 'seatCount') {
      if (!Number.isInteger(d.quantity) || d.quantity < 0) throw new Pax8SimulatorError('billing.script.quantity', 'must be a whole number >= 0');
      override.quantity = d.quantity;
    } else if (d.kind === 'currency') {
      if (!/^[A-Z]{3}$/.test(d.currencyCode)) throw new Pax8SimulatorError('billing.script.currencyCode', `must be an ISO 4217 code such as EUR, got '${d.currencyCode}'`);
      override.currencyCode = d.currencyCode;
    } else if (d.kind === 'priceBelowCost') {
      const cost = before.partnerCost ?? 0;
      if (!(cost > 0)) throw new Pax8SimulatorError('billing.script.subscriptionId', `subscription ${d.subscriptionId} has no partner cost to go below (a usage-billed product?)`);
      const price = d.price ?? round2(cost * 0.8);
      if (!(price < cost)) throw new Pax8SimulatorError('billing.script.price', `must be below the partner cost ${cost}`);
      api.update(d.subscriptionId, { price });
    } else if (d.kind === 'trialConverted') {
      if (before.status !== 'Trial') api.update(d.subscriptionId, { status: 'Trial' });
      api.update(d.subscriptionId, { status: 'Converted', ...this.paidTerms(before) });
    } else {
      override.keepCharging = true;
      api.update(d.subscriptionId, { status: 'Cancelled', endDate: formatDate(monthStart(this.world.options.now(), -1)) });
      if (d.removed) {
        this.ghosts.set(d.subscriptionId, { index, record: this.world.subscriptions.at(index) });
        api.remove(d.subscriptionId);
      }
    }
    this.overrides.set(d.subscriptionId, override);
    this.version += 1;
    const now = this.world.subscriptions.get(d.subscriptionId);
    const scripted: Pax8ScriptedDiscrepancy = {
      ...d,
      companyId: before.companyId,
      productId: before.productId,
      subscription: now ? { status: String(now.status), quantity: now.quantity, price: now.price, partnerCost: now.partnerCost, currencyCode: now.currencyCode } : undefined,
    };
    this.discrepancies.push(structuredClone(scripted));
    return scripted;
  }

  /** A trial billed on the Trial term converts to monthly billing at the product's monthly price. */
  private paidTerms(s: Pax8SimSubscription): Partial<Pax8SimSubscription> {
    if (s.billingTerm !== 'Trial' && s.price > 0) return {};
    const product = this.world.products.get(s.productId);
    const monthly = product ? this.world.gen.pricing(product, this.world.traitsOf(product)).find((p) => p.billingTerm === 'Monthly')?.rates[0] : undefined;
    return { billingTerm: 'Monthly', ...(monthly ? { price: monthly.suggestedRetailPrice, partnerCost: monthly.partnerBuyRate } : {}) };
  }

  /**
   * Scripts a mid-month seat change as Pax8 bills it: the subscription takes the new quantity, the
   * months up to the change's are charged the old one, and the month after carries a prorate (or credit) line.
   */
  change(c: Pax8BillingChange): Pax8ScriptedChange {
    const before = this.world.subscriptions.get(c.subscriptionId);
    if (!before) throw new Pax8SimulatorError('billing.change.subscriptionId', `no subscription has id '${c.subscriptionId}'; pick one from world.subscriptions.ids()`);
    const change = seatChange(c, before, this.world.options.now(), this.changes.length);
    const later = this.changes.find((k) => k.subscriptionId === c.subscriptionId && k.at >= change.at);
    if (later) throw new Pax8SimulatorError('billing.change.date', `subscription ${c.subscriptionId} already has a change scripted on ${formatDate(later.at)}; script changes oldest first`);
    this.world.api.subscriptions.update(c.subscriptionId, { quantity: c.quantity });
    this.changes.push(change);
    this.version += 1;
    const scripted = scriptedChange(c, change, before);
    this.changesScripted.push(structuredClone(scripted));
    return scripted;
  }

  /** Removes the scripted charges (world changes made by scripting stay). */
  clear(): void {
    this.changes.length = 0;
    this.changesScripted.length = 0;
    this.overrides.clear();
    this.ghosts.clear();
    this.version += 1;
    this.discrepancies.length = 0;
  }
}
