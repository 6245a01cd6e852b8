import type { SyncRun } from '../storage/runs';
import { periodOf, previousPeriod } from '../sync/billing/billing-period';
import { billingPosition } from '../sync/sync-checkpoint';

/** The day of the month (UTC) Pax8 issues the final invoices. */
export const invoiceDay = 5;

/**
 * The billing cadence: the current month's pull (`syncInvoices()`: draft items, the month's
 * invoices once issued, usage) every `intervalMs`, default daily; and once after the
 * {@link invoiceDay}th of a month, one more pull of the previous month
 * (`syncInvoices({ period })`), so its invoices, items and usage are stored as final.
 */
export const defaultBillingCadence = Object.freeze({ intervalMs: 24 * 3_600_000, invoiceDay });

/** One billing sync that is due: which month to pull, and why. */
export interface DueBillingSync {
  /** Always `invoices`. */
  entity: 'invoices';
  /** `never-synced`, `interval-elapsed`, `last-run-failed` (resume it), or `invoices-issued` (the previous month, once after the 5th). */
  reason: 'never-synced' | 'interval-elapsed' | 'last-run-failed' | 'invoices-issued';
  /** The month to pass as `syncInvoices({ period })`, `YYYY-MM`. */
  period: string;
}

/** The month a billing run pulled (from its checkpoint), or `undefined` for a run of an older version. */
export function periodOfRun(run: SyncRun): string | undefined {
  return billingPosition(run.checkpoint?.billing)?.period;
}

/**
 * The billing syncs due for one connection, from its recent `invoices` runs (newest first or not;
 * pass a month's worth, e.g. `latestRuns(storage, id, { billing: true })`). Pure: pass `now`.
 */
export function dueBillingSyncs(runs: readonly SyncRun[], now: number, intervalMs: number = defaultBillingCadence.intervalMs): DueBillingSync[] {
  const sorted = runs.filter((r) => r.entity === 'invoices').sort((a, b) => b.startedAt - a.startedAt);
  const current = periodOf(now);
  const due: DueBillingSync[] = [];
  const latest = sorted[0];
  if (!latest) due.push({ entity: 'invoices', reason: 'never-synced', period: current });
  else if (latest.outcome === 'failed') due.push({ entity: 'invoices', reason: 'last-run-failed', period: periodOfRun(latest) ?? current });
  // A run still marked running within the interval may be alive; older, its holder crashed.
  else if (now - latest.startedAt >= intervalMs) due.push({ entity: 'invoices', reason: 'interval-elapsed', period: current });
  const day = new Date(now);
  const issuedAt = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), invoiceDay);
  const previous = previousPeriod(current);
  const pulledSinceIssue = sorted.some((r) => r.startedAt >= issuedAt && periodOfRun(r) === previous && r.outcome !== 'failed');
  if (now >= issuedAt && !pulledSinceIssue && !due.some((d) => d.period === previous)) due.push({ entity: 'invoices', reason: 'invoices-issued', period: previous });
  return due;
}
