import { systemClock } from '../../engine/clock';
import { validateEngineDeps } from '../../engine/validate-engine-deps';
import { Pax8SyncConfigError } from '../../errors/config-error';
import { everything } from '../pull-scope';
import { runSync } from '../run-sync';
import type { SyncOptions, SyncResult, SyncSkipped } from '../sync-types';
import { parsePeriod, pax8PeriodOf, periodOf } from './billing-period';
import { billingPipeline } from './billing-pipeline';
import { billingStages } from './billing-stages';

/** Options of {@link syncInvoices}. */
export interface SyncInvoicesOptions extends SyncOptions {
  /** The month to pull, `YYYY-MM`; default the current month (UTC, by the engine's clock). Draft items and usage are pulled only for the current month. */
  period?: string;
}

/**
 * Syncs a month's billing into `storage.billing`, on the same path as the other syncs (one lease
 * `sync:invoices`, one run of entity `invoices`, pages written with their checkpoint, quarantine,
 * change events of entity `invoices`, removal behind the mass-deletion breaker). Four stages, each
 * checkpointed, so a failed run is resumed by the next call for the same month at the stage and
 * page it stood:
 * 1. the invoices dated in the month (`GET /v1/invoices?invoiceDateRangeStart&invoiceDateRangeEnd`),
 *    scope `invoices:YYYY-MM`; invoices of unmapped companies are not stored, partner invoices
 *    without a company are;
 * 2. the items of each stored invoice of the month (`GET /v1/invoices/{id}/items`), scope `invoice:<id>`;
 * 3. the draft items (`GET /v1/invoices/draftItems?monthOffset=0`), scope `draft:YYYY-MM`, when
 *    Pax8's own clock (taken at -0700) is in the month: for the first hours of a UTC month Pax8 still
 *    lists the month before, which is not stored as the new month's;
 * 4. the usage summaries (`GET /v1/subscriptions/{id}/usage-summaries`) of the mapped companies'
 *    usage-billed subscriptions (those a stored invoice line of the month or the month before bills
 *    as usage, term `Arrears` or a markup rate, and those without a unit price), scope
 *    `usage:<subscriptionId>:YYYY-MM`, when the month is the current one: Pax8's summaries take no
 *    month and hold the current month's charges, so usage can only be captured while its month is current.
 *
 * Only charges of companies with a confirmed mapping are stored (like subscriptions: other companies'
 * lines stay unsynced). Each stage removes only unseen rows of the scopes it listed, never rows of
 * other months or invoices. Item and usage ids are `<scope>#<Pax8 id>` (`<scope>#~<content hash>`
 * for a line Pax8 sends without an id, `~<hash>~<n>` for the n-th alike one, numbered across the
 * listing's pages even when a crash resumed it mid-listing); Pax8's own id is kept in `data.pax8Id`. Run `syncSubscriptions`
 * first: usage stages read the stored subscriptions. With no confirmed mapping it runs nothing and
 * returns `{ outcome: 'skipped', reason: 'no-mapped-companies' }`.
 * @throws `Pax8SyncConfigError` when the storage does not declare `capabilities.billing`, or `period` is not `YYYY-MM`.
 */
export async function syncInvoices(options: SyncInvoicesOptions): Promise<SyncResult> {
  validateEngineDeps(options);
  if (options.storage.capabilities.billing !== true || !options.storage.billing) {
    throw new Pax8SyncConfigError('storage', 'does not declare capabilities.billing, so it has no billing stores for syncInvoices: use an adapter with billing (memory, Postgres).');
  }
  const now = (options.clock ?? systemClock).now();
  const current = periodOf(now);
  const period = options.period ?? current;
  parsePeriod(period, 'period');
  const mappedIds = async () => (await options.storage.mappings.list(options.connectionId, { state: 'confirmed' })).map((m) => m.pax8CompanyId);
  const mapped = new Set(await mappedIds());
  const preflight = async (): Promise<SyncSkipped | undefined> => {
    if (mapped.size > 0) return undefined;
    return {
      outcome: 'skipped',
      connectionId: options.connectionId,
      entity: 'invoices',
      reason: 'no-mapped-companies',
      message: 'No company is mapped yet, so there are no charges to sync: map at least one company first (suggestMappings then confirmMappings, or setMapping), then sync again.',
    };
  };
  const pipeline = billingPipeline({ period, current: period === current, drafts: period === pax8PeriodOf(now), mapped });
  return runSync(billingStages[0]!.spec(period), options, async () => everything, preflight, pipeline);
}
