import type { EngineDeps } from '../engine/engine-deps';

/**
 * One line the PSA bills for the month, as the caller gives it to `reconcile`. Checked line by line:
 * a bad one is a `Pax8SyncConfigError` naming `psaLines[<index>].<field>`.
 */
export interface PsaBillingLine {
  /** The PSA company billed (as in the company mapping). */
  psaCompanyId: string;
  /** The Pax8 product the line resells. */
  pax8ProductId: string;
  /** The Pax8 subscription, when the PSA knows it (findings then name it even when a product has several). */
  pax8SubscriptionId?: string;
  /** Seats or units billed (0 or more). */
  quantity: number;
  /** Price per unit billed to the customer for the month (0 or more): Pax8's multi-month terms are compared at a month's share. */
  unitPrice: number;
  /** ISO 4217 code billed in, e.g. `USD`. */
  currency: string;
  /** The PSA's own id of the line, passed through to the findings and billing lines. */
  lineId?: string;
}

/**
 * The PSA lines: an array, an iterable or an async iterable of every line of the month, or a function
 * giving the lines of one PSA company when the pass reaches it. Only the function form keeps memory
 * flat: an (async) iterable is read whole and kept grouped by PSA company before the first finding
 * (a stream sorted by PSA company does not help: the pass walks companies in Pax8 id order). A
 * `lineId` given twice is refused.
 */
export type PsaBillingLines = Iterable<PsaBillingLine> | AsyncIterable<PsaBillingLine> | ((psaCompanyId: string) => Promise<readonly PsaBillingLine[]> | readonly PsaBillingLine[]);

/** Options of `reconcile`: the engine's dependencies, `codec` optional (reconcile seals nothing). */
export interface ReconcileOptions extends Omit<EngineDeps, 'codec'>, Partial<Pick<EngineDeps, 'codec'>> {
  /** The connection. */
  connectionId: string;
  /** The month, `YYYY-MM` (its charges must be synced: `syncInvoices({ period })`, after `syncSubscriptions`). */
  period: string;
  /** What the PSA bills for the month. */
  psaLines: PsaBillingLines;
}

/** Pax8's side of one company and product for the month. */
export interface Pax8ChargeFigures {
  /** Where the charges come from: final invoice items (the company's invoices and partner invoices naming it, `Void` ones left out), or, when it has no invoice of the month and no partner invoice item names it, the draft items plus usage summaries. */
  source: 'invoice' | 'draft';
  /**
   * Seats charged: the quantities of the recurring lines only (item type `subscription`). Prorates,
   * credits, rebates, one-time, service and usage lines are money, not seats. `0` when the product
   * has no recurring line this month (it is then not compared in seats).
   */
  quantity: number;
  /**
   * Customer money charged for the month, summed over every line (credits negative as Pax8 sends
   * them): quantity × price per line (`price` alone for a `flat` charge type; a usage summary's
   * current charges). A recurring line of a multi-month term counts at a month's share, its amount
   * ÷ the term's months (`Annual` 12, `2 Year` 24, `3 Year` 36), since the PSA lines compared are
   * monthly: an annual line of 10 seats at 120 a seat is 10 seats at 10 a month.
   */
  amount: number;
  /** Partner cost for the month, summed and normalised like `amount` (quantity × cost; a usage summary's partner total). */
  cost: number;
  /** Customer price a month per seat of the recurring lines (per unit of all lines when there is no recurring line); `null` with no units. */
  unitPrice: number | null;
  /** Partner cost a month per seat, like `unitPrice`; `null` with no units. */
  unitCost: number | null;
  /** Currency of the charges: a figure is always of one currency (a product charged in several is compared per currency). */
  currency: string;
}

/** The synced subscriptions' side of one company and product. */
export interface SubscriptionFigures {
  /** Seats of the active (not cancelled, not removed) subscriptions. */
  quantity: number;
  /** Each subscription: id, status, mapped state, seats, and whether it is removed in Pax8. */
  subscriptions: { id: string; status: string; mappedState: string; quantity: number; removed: boolean }[];
}

/** The PSA's side of one company and product. */
export interface PsaFigures {
  /** Units billed. */
  quantity: number;
  /** Σ quantity × unitPrice. */
  amount: number;
  /** Currency of the lines: a figure is always of one currency (a product billed in several is compared per currency). */
  currency: string;
  /** The PSA line ids (those given). */
  lineIds: string[];
}

/** What every finding carries: the ids to act on, the three views' figures, the money at stake. */
export interface FindingBase {
  /** The connection. */
  connectionId: string;
  /** The month. */
  period: string;
  /** Pax8 company: with several mapped to the PSA company, the one of the finding's subscription (else the one the product's subscriptions all belong to, else the first in id order). */
  pax8CompanyId: string;
  /** PSA company (from the confirmed mapping). */
  psaCompanyId: string;
  /** Pax8 product. */
  productId: string;
  /** The subscription the finding is about, when one is (one subscription of the product, or named by the PSA line); else `null`. */
  subscriptionId: string | null;
  /** The first PSA line id of the product, when the lines have ids; else `null`. */
  psaLineId: string | null;
  /** Pax8's charges (`null`: Pax8 charges nothing for it this month). */
  pax8: Pax8ChargeFigures | null;
  /** The synced subscriptions of the product in the company. */
  synced: SubscriptionFigures;
  /** The PSA's lines (`null`: the PSA bills nothing for it). */
  psa: PsaFigures | null;
  /** Money at stake, in `currency` (see each kind), rounded to cents; never negative. */
  amountAtStake: number;
  /** The currency of `amountAtStake`. */
  currency: string;
}

/** Pax8's recurring lines charge another number of seats than the PSA bills (prorate, credit, one-time and usage lines are not seats; a product without a recurring line this month is not compared in seats). `amountAtStake`: |Pax8 seats − PSA units| × Pax8's monthly unit price (`pax8.unitPrice`). */
export interface SeatCountDiffersFinding extends FindingBase {
  kind: 'seat-count-differs';
}
/** Pax8 charges it, the PSA bills nothing for the product. `amountAtStake`: Pax8's charged amount. Not raised for lines Pax8 bills the end customer for itself (`billedByPax8`, bill on behalf): the PSA is right not to bill them (a PSA line for them is compared like any other; it is not reported as double billing). */
export interface ChargedNotBilledFinding extends FindingBase {
  kind: 'charged-not-billed';
}
/** The PSA bills a product whose subscriptions are all cancelled: ended before the month, or (any end date) Pax8 charges nothing for it. `amountAtStake`: Pax8's charge for it, or what the PSA bills when Pax8 charges nothing. */
export interface BilledButCancelledFinding extends FindingBase {
  kind: 'billed-but-cancelled';
}
/** The PSA bills a product whose subscriptions are all gone from Pax8 (removed in storage, or none synced: a product Pax8 does not know for the company). `amountAtStake`: as for `billed-but-cancelled`. With the PSA side empty, a charge is `charged-not-billed` instead. */
export interface BilledButRemovedFinding extends FindingBase {
  kind: 'billed-but-removed';
}
/** The price the customer pays is below Pax8's partner unit cost: the PSA's unit price when the PSA bills (over the same units as Pax8 charges), Pax8's customer price when Pax8 bills the customer (`billedByPax8`) or the PSA bills nothing. `amountAtStake`: (unit cost − unit price) × units. Pax8's unit cost and price are a month's, per seat of its recurring lines (`pax8.unitCost`, `pax8.unitPrice`). */
export interface PriceBelowCostFinding extends FindingBase {
  kind: 'price-below-cost';
}
/** A trial converted to paid: Pax8 charges it and the PSA bills less (or nothing). `amountAtStake`: Pax8's amount − the PSA's amount. The product then gets no `seat-count-differs` besides it (that would count the same money twice). */
export interface TrialConvertedFinding extends FindingBase {
  kind: 'trial-converted';
}
/**
 * The PSA bills in another currency than Pax8 charges. `amountAtStake`: Pax8's charged amount, in
 * Pax8's currency. When a side holds several currencies for the product, one finding per currency
 * present on one side only: that side's figures of it (the other side `null`), its amount at stake in it.
 */
export interface CurrencyDiffersFinding extends FindingBase {
  kind: 'currency-differs';
}

/** A difference between what Pax8 charges, what is synced and what the PSA bills (discriminated on `kind`). */
export type ReconcileFinding =
  | SeatCountDiffersFinding
  | ChargedNotBilledFinding
  | BilledButCancelledFinding
  | BilledButRemovedFinding
  | PriceBelowCostFinding
  | TrialConvertedFinding
  | CurrencyDiffersFinding;

/** The kinds of finding, in the order they are reported within a product. */
export const reconcileFindingKinds = ['billed-but-removed', 'billed-but-cancelled', 'trial-converted', 'charged-not-billed', 'seat-count-differs', 'currency-differs', 'price-below-cost'] as const satisfies readonly ReconcileFinding['kind'][];

/** Money at stake per company. */
export interface ReconcileCompanySummary {
  /** Pax8 company. */
  pax8CompanyId: string;
  /** PSA company. */
  psaCompanyId: string;
  /** Findings of the company. */
  findings: number;
  /** Σ amountAtStake of its findings when they are all in one currency; `null` when there are several (read `byCurrency`: amounts of different currencies are never added). */
  amountAtStake: number | null;
  /** Σ amountAtStake per currency. */
  byCurrency: Record<string, number>;
}

/** The whole pass: companies with at least one finding, in Pax8 id order, and the totals. */
export interface ReconcileSummary {
  /** The month. */
  period: string;
  /** Companies compared (every confirmed mapping). */
  companiesCompared: number;
  /**
   * PSA lines whose `psaCompanyId` has no confirmed mapping, so they were never compared: how many
   * lines, of how many PSA companies. `null` when `psaLines` is a function (it is asked about mapped
   * companies only, by design).
   */
  unmappedPsaLines: { lines: number; psaCompanies: number } | null;
  /** Companies with findings. */
  companies: ReconcileCompanySummary[];
  /** Totals over every company. */
  total: {
    /** Findings. */
    findings: number;
    /** Σ amountAtStake when every finding is in one currency (`0` with none); `null` when there are several: read `byCurrency`. */
    amountAtStake: number | null;
    /** Σ amountAtStake per currency. */
    byCurrency: Record<string, number>;
    /** Findings per kind. */
    byKind: Partial<Record<ReconcileFinding['kind'], number>>;
  };
}

/**
 * One reconciliation pass. Iterate `findings` (once) to stream them company by company (companies in
 * Pax8 id order; storage is read a page at a time per company); `summary()` resolves once the pass
 * ended. Called before `findings` is iterated, it runs the pass itself (a later iteration throws);
 * called while or after `findings` is iterated, it waits for that iteration to end and never takes
 * findings from it (after a `break` out of the iteration the pass is closed, so the summary covers
 * the companies reached; when the iteration fails, the summary rejects with the same error).
 */
export interface Reconciliation {
  /** The findings, streamed; a second iteration throws. */
  readonly findings: AsyncIterable<ReconcileFinding>;
  /** The money at stake per company and in total. */
  summary(): Promise<ReconcileSummary>;
}
