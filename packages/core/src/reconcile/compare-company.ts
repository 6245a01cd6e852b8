import type { SubscriptionRecord } from '../storage/records';
import type { CompanyViews } from './company-views';
import { cents, groupByProduct, isCancelled, type ProductGroup, pax8Figures, priceBasis, psaFigures, syncedFigures } from './product-group';
import type { FindingBase, Pax8ChargeFigures, PsaBillingLine, PsaFigures, ReconcileFinding } from './reconcile-types';

/** The company being compared. @internal */
export interface CompanyInput {
  connectionId: string;
  period: string;
  pax8CompanyId: string;
  psaCompanyId: string;
}

/** The subscription a group's finding is about: the one a PSA line names (when it is of the group), else the group's only one, else its only charged one. */
function subscriptionOf(g: ProductGroup): string | null {
  const ids = new Set(g.subscriptions.map((s) => s.id));
  const named = g.lines.find((l) => l.pax8SubscriptionId !== undefined && ids.has(l.pax8SubscriptionId))?.pax8SubscriptionId;
  if (named) return named;
  if (g.subscriptions.length === 1) return g.subscriptions[0]!.id;
  const charged = [...new Set(g.charges.map((c) => c.subscriptionId).filter((id): id is string => id !== null))];
  return charged.length === 1 ? charged[0]! : null;
}

const chargedFor = (g: ProductGroup, s: SubscriptionRecord) => cents(g.charges.filter((c) => c.subscriptionId === s.id).reduce((t, c) => t + c.amount, 0));

/**
 * A product the PSA bills that Pax8 should no longer charge nor the PSA bill: every subscription of it
 * removed in Pax8 (or none synced at all), or every one cancelled (before the month began, or at any
 * time when Pax8 charges nothing for it). Only when the PSA bills it: with the PSA side empty, what
 * Pax8 charges is charged-not-billed. Returns the finding kind and the subscription.
 */
function stopped(g: ProductGroup, period: string): { kind: 'billed-but-removed' | 'billed-but-cancelled'; subscription: SubscriptionRecord | null } | undefined {
  if (g.lines.length === 0) return undefined;
  if (g.subscriptions.some((s) => s.removedAt === null && !isCancelled(s))) return undefined;
  const removed = g.subscriptions.filter((s) => s.removedAt !== null);
  const charged = (s: SubscriptionRecord) => chargedFor(g, s) > 0;
  if (g.subscriptions.length === 0 || removed.length > 0) return { kind: 'billed-but-removed', subscription: removed.find(charged) ?? removed[0] ?? null };
  const ended = g.subscriptions.filter((s) => typeof s.data.endDate === 'string' && s.data.endDate.slice(0, 10) < `${period}-01`);
  if (ended.length === g.subscriptions.length || g.charges.length === 0) return { kind: 'billed-but-cancelled', subscription: ended.find(charged) ?? ended[0] ?? g.subscriptions[0] ?? null };
  return undefined;
}

/** Builds the common part of a group's findings. */
type BaseOf = (subscriptionId: string | null, amountAtStake: number, currency: string) => FindingBase;

/** Whether Pax8 bills the end customer itself for every charge of the group (bill on behalf): the PSA is not meant to bill it. */
const billedByPax8 = (g: ProductGroup) => g.charges.length > 0 && g.charges.every((c) => c.billedByPax8);

/**
 * trial-converted, else charged-not-billed (neither for a bill-on-behalf group: Pax8 bills the
 * customer, the PSA is right not to), else seat-count-differs (not for usage charges). A trial-converted finding already holds the seats' money, so the group gets
 * no seat-count-differs besides it (the same money would count twice).
 */
function chargeFindings(g: ProductGroup, pax8: Pax8ChargeFigures, psa: PsaFigures | null, base: BaseOf): ReconcileFinding[] {
  const subscriptionId = subscriptionOf(g);
  if (pax8.amount > 0 && !billedByPax8(g)) {
    const converted = g.subscriptions.find((s) => s.status === 'Converted');
    if (converted && (!psa || psa.amount < pax8.amount - 0.005)) return [{ kind: 'trial-converted', ...base(converted.id, pax8.amount - (psa?.amount ?? 0), pax8.currency) }];
    if (!psa) return [{ kind: 'charged-not-billed', ...base(subscriptionId, pax8.amount, pax8.currency) }];
  }
  // A usage charge's quantity is no seat count: never compared in seats, never turned into a quantity write.
  if (g.charges.some((c) => c.usage)) return [];
  // Seats come from recurring lines only: a product charged only prorates, credits or one-time lines this month has no seat count to compare.
  if (!g.charges.some((c) => c.recurring)) return [];
  const basis = priceBasis(g.charges);
  const unitPrice = basis.units > 0 ? basis.amount / basis.units : 0;
  if (psa && Math.abs(pax8.quantity - psa.quantity) > 1e-9) return [{ kind: 'seat-count-differs', ...base(subscriptionId, Math.abs(pax8.quantity - psa.quantity) * unitPrice, pax8.currency) }];
  return [];
}

/**
 * price-below-cost: the price the customer pays against Pax8's unit cost a month (of its recurring lines, see `priceBasis`). That is the PSA's price when
 * the PSA bills (compared only over the same units: a seat count off changes the mix), Pax8's customer
 * price when Pax8 bills the customer or the PSA bills nothing.
 */
function priceFinding(g: ProductGroup, pax8: Pax8ChargeFigures, psa: PsaFigures | null, base: BaseOf): ReconcileFinding[] {
  // Unit price and cost a month, per seat of the recurring lines (a prorate or credit would skew a per-unit figure of all lines).
  const basis = priceBasis(g.charges);
  if (!(basis.units > 0 && basis.cost > 0)) return [];
  const unitCost = basis.cost / basis.units;
  const psaBills = psa !== null && !billedByPax8(g);
  if (psaBills && !(psa.quantity > 0 && Math.abs(psa.quantity - basis.units) <= 1e-9)) return [];
  const price = psaBills ? psa.amount / psa.quantity : basis.amount / basis.units;
  if (!(price < unitCost - 0.005)) return [];
  return [{ kind: 'price-below-cost', ...base(subscriptionOf(g), (unitCost - price) * (psaBills ? psa.quantity : basis.units), pax8.currency) }];
}

/** The findings of a group whose charges are of one currency and whose lines are of one currency, in `reconcileFindingKinds` order. */
function oneCurrencyFindings(input: CompanyInput, g: ProductGroup): ReconcileFinding[] {
  const pax8 = pax8Figures(g);
  const psa = psaFigures(g);
  if (!pax8 && !psa) return [];
  const base: BaseOf = (subscriptionId, amountAtStake, currency) => ({
    ...input,
    productId: g.productId,
    subscriptionId,
    psaLineId: psa?.lineIds[0] ?? null,
    pax8,
    synced: syncedFigures(g),
    psa,
    amountAtStake: cents(Math.max(0, amountAtStake)),
    currency,
  });
  const stop = stopped(g, input.period);
  if (stop) {
    const charged = stop.subscription ? chargedFor(g, stop.subscription) : (pax8?.amount ?? 0);
    return [{ kind: stop.kind, ...base(stop.subscription?.id ?? subscriptionOf(g), charged > 0 ? charged : (psa?.amount ?? 0), pax8?.currency ?? psa?.currency ?? '') }];
  }
  if (!pax8) return [];
  if (psa && psa.currency !== pax8.currency) return [...chargeFindings(g, pax8, psa, base), { kind: 'currency-differs', ...base(subscriptionOf(g), pax8.amount, pax8.currency) }];
  return [...chargeFindings(g, pax8, psa, base), ...priceFinding(g, pax8, psa, base)];
}

const currenciesOf = (items: readonly { currency: string }[]) => new Set(items.map((i) => i.currency));
const inCurrency = (g: ProductGroup, currency: string): ProductGroup => ({ ...g, charges: g.charges.filter((c) => c.currency === currency), lines: g.lines.filter((l) => l.currency === currency) });

/**
 * The findings of one product group. Amounts of different currencies are never added: when either
 * side holds more than one currency, each currency is compared on its own (subscriptions shared), and
 * a currency present on one side only while the other side has lines in other currencies is a
 * `currency-differs` finding with that side's figures in it (the other side `null`).
 */
function groupFindings(input: CompanyInput, g: ProductGroup): ReconcileFinding[] {
  const pax8 = currenciesOf(g.charges);
  const psa = currenciesOf(g.lines);
  if (pax8.size <= 1 && psa.size <= 1) return oneCurrencyFindings(input, g);
  const out: ReconcileFinding[] = [];
  for (const currency of [...new Set([...pax8, ...psa])].sort()) {
    const sub = inCurrency(g, currency);
    const oneSided = pax8.has(currency) !== psa.has(currency) && pax8.size > 0 && psa.size > 0;
    if (!oneSided) out.push(...oneCurrencyFindings(input, sub));
    else out.push(currencyOnOneSide(input, sub, currency));
  }
  return out;
}

/** A currency only one side has (the other side bills or charges the product in other currencies). */
function currencyOnOneSide(input: CompanyInput, g: ProductGroup, currency: string): ReconcileFinding {
  const pax8 = pax8Figures(g);
  const psa = psaFigures(g);
  return { kind: 'currency-differs', ...input, productId: g.productId, subscriptionId: subscriptionOf(g), psaLineId: psa?.lineIds[0] ?? null, pax8, synced: syncedFigures(g), psa, amountAtStake: cents(pax8?.amount ?? psa?.amount ?? 0), currency };
}

/** The findings of one company: its products in id order, each product's findings in kind order. @internal */
export function compareCompany(input: CompanyInput, views: CompanyViews, lines: readonly PsaBillingLine[]): ReconcileFinding[] {
  return groupByProduct(views.charges, views.subscriptions, lines).flatMap((g) => groupFindings(input, g));
}
