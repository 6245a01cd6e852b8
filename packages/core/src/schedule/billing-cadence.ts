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

/** Whether the newest run of `runs` (newest first) is due again: never run, failed, or older than the interval. */
function dueOf(runs: readonly SyncRun[], now: number, intervalMs: number): DueBillingSync['reason'] | undefined {
  const latest = runs[0];
  if (!latest) return 'never-synced';
  if (latest.outcome === 'failed') return 'last-run-failed';
  // A run still marked running within the interval may be alive; older, its holder crashed.
  return now - latest.startedAt >= intervalMs ? 'interval-elapsed' : undefined;
}

/**
 * The billing syncs due for one connection, from its recent `invoices` runs (newest first or not;
 * pass a month's worth, e.g. `latestRuns(storage, id, { billing: true })`). Due-ness is worked out per
 * month, so a month that keeps failing never holds up another: the current month from its own newest
 * run (daily); the previous month resumed when its newest run failed, else pulled once after the
 * {@link invoiceDay}th; and any other month whose newest run failed resumed. Pure: pass `now`.
 */
export function dueBillingSyncs(runs: readonly SyncRun[], now: number, intervalMs: number = defaultBillingCadence.intervalMs): DueBillingSync[] {
  const sorted = runs.filter((r) => r.entity === 'invoices').sort((a, b) => b.startedAt - a.startedAt);
  const current = periodOf(now);
  const previous = previousPeriod(current);
  const of = (period: string) => sorted.filter((r) => (periodOfRun(r) ?? current) === period);
  const due: DueBillingSync[] = [];
  const currentReason = dueOf(of(current), now, intervalMs);
  if (currentReason) due.push({ entity: 'invoices', reason: currentReason, period: current });
  const day = new Date(now);
  const issuedAt = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), invoiceDay);
  const previousRuns = of(previous);
  const pulledSinceIssue = previousRuns.some((r) => r.startedAt >= issuedAt && r.outcome !== 'failed');
  if (previousRuns[0]?.outcome === 'failed') due.push({ entity: 'invoices', reason: 'last-run-failed', period: previous });
  else if (now >= issuedAt && !pulledSinceIssue) due.push({ entity: 'invoices', reason: 'invoices-issued', period: previous });
  // A month pulled on request (older than the previous one) whose newest run failed: resumed too.
  const older = sorted[0] ? periodOfRun(sorted[0]) : undefined;
  if (older !== undefined && older !== current && older !== previous && sorted[0]!.outcome === 'failed') due.push({ entity: 'invoices', reason: 'last-run-failed', period: older });
  return due;
}
