import { dueBillingSyncs, latestRuns, type SyncEngine, type SyncResult } from '@pax8-sync/core';
import { cadenceOf, overridesOf } from '../schedule/plan-sync';
import type { WorkerContext } from '../worker-context';

/**
 * One billing job: every month `dueBillingSyncs` says is due, oldest first (the previous month once
 * its invoices are issued after the 5th, a failed month resumed, the current month daily), each by
 * `syncInvoices({ period })`. With nothing due (a "sync now" within the day) the current month is
 * pulled. The first result that did not end well is returned (the job retries it and it resumes);
 * otherwise the last one. @internal
 */
export async function runBilling(ctx: WorkerContext, engine: SyncEngine, connectionId: string): Promise<SyncResult> {
  const override = (await overridesOf(ctx, connectionId)).get('invoices');
  const runs = await latestRuns(ctx.storage, connectionId, { billing: true });
  const periods = [...new Set(dueBillingSyncs(runs, ctx.clock.now(), cadenceOf(ctx, 'invoices', override)).map((d) => d.period))].sort();
  let result = await engine.syncInvoices(periods[0] ? { connectionId, period: periods[0] } : { connectionId });
  for (const period of periods.slice(1)) {
    if (result.outcome !== 'succeeded' && result.outcome !== 'flagged') return result;
    result = await engine.syncInvoices({ connectionId, period });
  }
  return result;
}
