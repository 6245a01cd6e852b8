import { validateEngineDeps } from '../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { BillingStores } from '../storage/billing';
import { parsePeriod } from '../sync/billing/billing-period';
import { type CompanyViews, companyViews, partnerInvoiceScopes } from './company-views';
import { compareCompany } from './compare-company';
import { cents } from './product-group';
import { attributeFindings, groupByPsaCompany, mergeViews } from './psa-company-groups';
import { psaLinesSource } from './psa-lines';
import type { ReconcileCompanySummary, ReconcileFinding, ReconcileOptions, ReconcileSummary, Reconciliation } from './reconcile-types';

const add = (into: Record<string, number>, key: string, value: number) => {
  into[key] = cents((into[key] ?? 0) + value);
};

/** The one amount of a by-currency total: `0` with none, `null` when there are several currencies (amounts of different currencies are never added). */
const singleCurrency = (byCurrency: Record<string, number>): number | null => {
  const amounts = Object.values(byCurrency);
  return amounts.length === 0 ? 0 : amounts.length === 1 ? amounts[0]! : null;
};

/** Checks what can be checked before the pass: deps, capability, period. */
function billingOf(options: ReconcileOptions): BillingStores {
  // Reconcile reads charges and subscriptions only: it seals nothing, so it needs no codec.
  validateEngineDeps(options, { codec: false });
  if (options.storage.capabilities.billing !== true || !options.storage.billing) {
    throw new Pax8SyncConfigError('storage', 'does not declare capabilities.billing, so there are no synced charges to reconcile: use an adapter with billing (memory, Postgres).');
  }
  parsePeriod(options.period, 'period');
  return options.storage.billing;
}

/** Counts one Pax8 company's findings into the summary. */
function count(summary: ReconcileSummary, pax8CompanyId: string, psaCompanyId: string, findings: readonly ReconcileFinding[]): void {
  if (findings.length === 0) return;
  const company: ReconcileCompanySummary = { pax8CompanyId, psaCompanyId, findings: findings.length, amountAtStake: null, byCurrency: {} };
  for (const f of findings) {
    add(company.byCurrency, f.currency, f.amountAtStake);
    add(summary.total.byCurrency, f.currency, f.amountAtStake);
    summary.total.byKind[f.kind] = (summary.total.byKind[f.kind] ?? 0) + 1;
  }
  company.amountAtStake = singleCurrency(company.byCurrency);
  summary.companies.push(company);
  summary.total.findings += findings.length;
  summary.total.amountAtStake = singleCurrency(summary.total.byCurrency);
}

/**
 * The pass: per PSA company of the confirmed mappings (in the order of its first Pax8 company id),
 * the findings of all the Pax8 companies mapped to it against its lines, read once; counted into
 * `summary` per Pax8 company.
 */
async function* pass(options: ReconcileOptions, billing: BillingStores, summary: ReconcileSummary): AsyncGenerator<ReconcileFinding> {
  const { storage, connectionId, period } = options;
  const source = await psaLinesSource(options.psaLines);
  const mappings = await storage.mappings.list(connectionId, { state: 'confirmed' });
  summary.unmappedPsaLines = source.unmatched(new Set(mappings.map((m) => m.psaCompanyId)));
  const partnerScopes = await partnerInvoiceScopes(billing, connectionId, period);
  for (const group of groupByPsaCompany(mappings)) {
    const { psaCompanyId, pax8CompanyIds } = group;
    const each: CompanyViews[] = [];
    for (const pax8CompanyId of pax8CompanyIds) each.push(await companyViews(storage, billing, connectionId, period, pax8CompanyId, partnerScopes));
    const views = each.length === 1 ? each[0]! : mergeViews(each);
    const input = { connectionId, period, pax8CompanyId: pax8CompanyIds[0]!, psaCompanyId };
    const findings = attributeFindings(compareCompany(input, views, await source.of(psaCompanyId)), views, group);
    summary.companiesCompared += pax8CompanyIds.length;
    for (const pax8CompanyId of pax8CompanyIds) count(summary, pax8CompanyId, psaCompanyId, findings.filter((f) => f.pax8CompanyId === pax8CompanyId));
    yield* findings;
  }
}

/**
 * Compares, for each company with a confirmed mapping and each product, what Pax8 charges for the
 * month (the final items when the company has an invoice dated in the month, or partner invoice
 * items name it: of its own invoices and of the month's partner invoices without a company,
 * `Void` invoices left out; else the draft items
 * plus usage summaries), the synced subscriptions (quantity, status, mapped state, removed) and what
 * the PSA bills (`psaLines`), and names every difference as a typed {@link ReconcileFinding} with the
 * ids to act on and the money at stake. Several Pax8 companies mapped to one PSA company are
 * compared together against its lines (each PSA line counted once; a finding names the Pax8 company
 * of its subscription), at the place of the first of them in Pax8 id order. Storage is read per company, a page at a time; with
 * `psaLines` as a function, memory stays flat for any tenant size. Sync first:
 * `syncSubscriptions`, then `syncInvoices({ period })`.
 * @throws `Pax8SyncConfigError` at once when the storage lacks `billing` or `period` is not `YYYY-MM`;
 *   while iterating, when a PSA line is malformed (naming `psaLines[<index>].<field>`) or repeats
 *   another's `lineId` (naming both).
 * @example
 * const pass = reconcile({ storage, connectionId, period: '2026-06', psaLines });
 * for await (const finding of pass.findings) console.log(finding.kind, finding.amountAtStake);
 * const { total } = await pass.summary();
 */
export function reconcile(options: ReconcileOptions): Reconciliation {
  const billing = billingOf(options);
  const summary: ReconcileSummary = { period: options.period, companiesCompared: 0, unmappedPsaLines: null, companies: [], total: { findings: 0, amountAtStake: 0, byCurrency: {}, byKind: {} } };
  const run = pass(options, billing, summary);
  let started = false;
  let done: Promise<ReconcileSummary> | undefined;
  // Once the caller iterates, summary() waits for that iteration to end (never pulls findings from it).
  let iterated: () => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const iteration = new Promise<ReconcileSummary>((resolve, reject) => {
    iterated = () => resolve(summary);
    failed = reject;
  });
  iteration.catch(() => undefined);
  async function* tracked(): AsyncGenerator<ReconcileFinding> {
    try {
      yield* run;
      iterated();
    } catch (error) {
      failed(error);
      throw error;
    } finally {
      iterated();
    }
  }
  const drain = async () => {
    for await (const _ of run) {
      // Counted into the summary by the pass.
    }
    return summary;
  };
  return {
    findings: {
      [Symbol.asyncIterator]() {
        if (started || done) throw new Pax8SyncError('invalid-input', 'reconcile(...).findings can be iterated once: call reconcile again for another pass.');
        started = true;
        return tracked();
      },
    },
    summary() {
      done ??= started ? iteration : drain();
      return done;
    },
  };
}
