import { iterateRecords } from '../../storage/iterate-records';
import type { JsonObject } from '../../storage/json';
import type { QuarantinedRecord } from '../../storage/quarantine';
import type { SyncedRecordBase } from '../../storage/records';
import type { Pax8SyncStorage } from '../../storage/storage';
import type { EntitySpec } from '../entity-specs';
import type { PullScope } from '../pull-scope';
import { billingStores } from './billing-client';
import { chargeKind } from '../../reconcile/charge-kinds';
import { periodDays, previousPeriod } from './billing-period';
import { billingScope, invoiceSpec, itemSpec, usageSpec } from './billing-specs';

/** What the stages of one billing pull share. @internal */
export interface BillingPull {
  storage: Pax8SyncStorage;
  connectionId: string;
  /** The month pulled, `YYYY-MM`. */
  period: string;
  /** Whether it is the current month (UTC, by the engine's clock): only then is its usage listed. */
  current: boolean;
  /** Whether Pax8's own clock is in this month (see `pax8PeriodOf`): only then are its draft items the ones `monthOffset=0` lists. */
  drafts: boolean;
  /** Pax8 ids of the companies with a confirmed mapping. */
  mapped: ReadonlySet<string>;
}

/** One stage: its spec, and its listings (`undefined`: nothing to pull this time), derived again when a stage resumes. @internal */
export interface BillingStage {
  name: string;
  spec(period: string): EntitySpec<SyncedRecordBase>;
  scope(pull: BillingPull): Promise<PullScope | undefined>;
}

/** Quarantine entries of charge lines of these scopes (their keys are `<scope>#…`): the only ones a stage answers for, not other months'. */
const ownsLinesOf = (scopes: readonly string[]) => {
  const set = new Set(scopes);
  return (entry: QuarantinedRecord) => set.has(entry.key.slice(0, entry.key.lastIndexOf('#')));
};

const ofMapped = (pull: BillingPull) => (record: JsonObject) => typeof record.companyId === 'string' && pull.mapped.has(record.companyId);

/**
 * A stage with one listing per key (an invoice's items, a subscription's usage). The keys are stored
 * rows, so they are not kept in the checkpoint (one copy per page would grow with the square of the
 * tenant): a resumed stage derives them again and goes on by key (`PullScope.keys`).
 */
function perKey(pull: BillingPull, stored: readonly string[], listing: (key: string) => PullScope['listings'][number], scope: (key: string) => string, label: (key: string) => string): PullScope {
  const keys = [...stored].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const scopes = keys.map(scope);
  return { mode: 'per-company', listings: keys.map(listing), companyIds: [], keys, keep: ofMapped(pull), removal: { scopes }, labels: keys.map(label), owns: ownsLinesOf(scopes) };
}

/** Subscriptions a stored charge line of these months bills as usage (term `Arrears`, or a `markup` rate over a cost Pax8 works out later). */
async function chargedAsUsage(pull: BillingPull, periods: string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const item of iterateRecords(billingStores(pull.storage).invoiceItems, pull.connectionId, { periods, companyIds: [...pull.mapped] })) {
    if (item.subscriptionId !== null && (chargeKind(item).usage || /^markup\b/i.test(String(item.data.rateType ?? '')))) ids.add(item.subscriptionId);
  }
  return ids;
}

/**
 * Usage-billed subscriptions of the mapped companies, stored and not removed, in id order: those a
 * charge line of this month or the one before bills as usage (its invoice items are pulled before
 * this stage), and those with no unit price (a new one, not invoiced yet). A usage subscription
 * with a price is still found by its invoice lines; a priced seat subscription is never asked.
 */
async function usageSubscriptions(pull: BillingPull): Promise<string[]> {
  const charged = await chargedAsUsage(pull, [previousPeriod(pull.period), pull.period]);
  const ids: string[] = [];
  for await (const row of iterateRecords(pull.storage.subscriptions, pull.connectionId, { companyIds: [...pull.mapped] })) {
    if (charged.has(row.id) || !(typeof row.data.price === 'number' && row.data.price > 0)) ids.push(row.id);
  }
  return ids;
}

/** The month's stored invoices of mapped companies, and partner invoices without a company (a company unmapped since keeps its rows, but its items are no longer listed). */
async function invoicesInScope(pull: BillingPull): Promise<string[]> {
  const ids: string[] = [];
  for await (const row of iterateRecords(billingStores(pull.storage).invoices, pull.connectionId, { scopes: [billingScope.invoices(pull.period)] })) {
    if (row.companyId === null || pull.mapped.has(row.companyId)) ids.push(row.id);
  }
  return ids;
}

const asRows = <R extends SyncedRecordBase>(spec: EntitySpec<R>) => spec as unknown as EntitySpec<SyncedRecordBase>;

/**
 * The stages of a billing pull, in order: the month's invoices (by invoice date; those of unmapped
 * companies are left out, partner invoices without a company kept), the items of each stored
 * invoice of the month, the draft items of the month (while Pax8's own clock is in it), the usage summaries of
 * the mapped companies' usage-billed subscriptions (current month only: usage can only be captured
 * while its month is current). Each removes only unseen rows of the scopes it listed. @internal
 */
export const billingStages: readonly BillingStage[] = [
  {
    name: 'invoices',
    spec: (period) => asRows(invoiceSpec(period)),
    scope: async (pull) => {
      const { first, last } = periodDays(pull.period);
      const keep = (record: JsonObject) => typeof record.companyId !== 'string' || record.companyId === '' || pull.mapped.has(record.companyId);
      // An invoice's quarantine entry is this month's when its record is dated in it.
      const owns = (entry: QuarantinedRecord) => !entry.key.includes('#') && typeof entry.record === 'object' && entry.record !== null && !Array.isArray(entry.record) && String(entry.record.invoiceDate ?? '').startsWith(pull.period);
      return { mode: 'global', listings: [{ invoiceDateRangeStart: first, invoiceDateRangeEnd: last }], companyIds: [], keep, removal: { scopes: [billingScope.invoices(pull.period)] }, labels: [`the invoices of ${pull.period}`], owns };
    },
  },
  {
    name: 'invoice items',
    spec: (period) => asRows(itemSpec(period)),
    scope: async (pull) => {
      const invoices = await invoicesInScope(pull);
      return perKey(pull, invoices, (invoiceId) => ({ invoiceId }), billingScope.invoice, (id) => `the items of invoice ${id}`);
    },
  },
  {
    name: 'draft items',
    spec: (period) => asRows(itemSpec(period)),
    scope: async (pull) => {
      // Pax8's "current month" is its own (-0600/-0700): for the first hours of a UTC month it still
      // lists the month before, whose lines must not be stored as this month's. Lines of an earlier
      // startPeriod in this month's listing (prorates of last month's seat changes) are this month's charges.
      if (!pull.drafts) return undefined;
      const scopes = [billingScope.draft(pull.period)];
      return { mode: 'global', listings: [{ monthOffset: 0 }], companyIds: [], keep: ofMapped(pull), removal: { scopes }, labels: [`the draft items of ${pull.period}`], owns: ownsLinesOf(scopes) };
    },
  },
  {
    name: 'usage summaries',
    spec: (period) => asRows(usageSpec(period)),
    scope: async (pull) => {
      // Pax8's usage summaries are of the current month only (they take no month): a past month's pull would store another month's usage as its own.
      if (!pull.current) return undefined;
      const subscriptions = await usageSubscriptions(pull);
      return perKey(pull, subscriptions, (subscriptionId) => ({ subscriptionId }), (id) => billingScope.usage(id, pull.period), (id) => `the usage summaries of subscription ${id}`);
    },
  },
];
