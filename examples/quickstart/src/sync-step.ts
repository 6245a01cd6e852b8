import type { RunCounts, SyncResult, SyncRunResult } from '@pax8-sync/core';
import { describeRun } from './describe-run';
import type { Print } from './report';

/** What one sync of the run did, with its outcome and flags. */
export interface SyncReport {
  /** `companies` or `subscriptions`. */
  entity: string;
  /** The run's outcome. */
  outcome: SyncRunResult['outcome'];
  /** Its flags (`mass-deletion-breaker`, `removal-deferred`, ...). */
  flags: string[];
  /** Its counts. */
  counts: RunCounts;
}

/**
 * Runs one sync and prints what it did: `headline` (the counts) when it ran, then its outcome and
 * flags in words (what they mean and what to do). Another process holding the lease is an error
 * that says so.
 */
export async function runSync(print: Print, entity: string, sync: () => Promise<SyncResult>, headline: (counts: RunCounts) => Promise<string> | string): Promise<SyncReport> {
  const result = await sync();
  if (result.outcome === 'already-running') {
    throw new Error(`the ${entity} sync is running in another process right now (its lease ends ${new Date(result.leaseExpiresAt).toISOString()}): wait for it, then run the quickstart again.`);
  }
  if (result.outcome === 'dry-run') throw new Error(`the ${entity} sync answered with a dry run, which the quickstart never asks for.`);
  if (result.outcome === 'skipped') throw new Error(`the ${entity} sync did not run: ${result.message}`);
  print(result.outcome === 'failed' ? `The ${entity} sync failed` : await headline(result.counts));
  for (const line of describeRun(entity, result)) print(`  ${line}`);
  return { entity, outcome: result.outcome, flags: [...result.flags], counts: result.counts };
}
