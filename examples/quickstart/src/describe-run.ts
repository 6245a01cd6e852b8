import type { SyncRunResult } from '@pax8-sync/core';

/** What each flag a run can carry means, and what to do about it, in words. */
const FLAG_MEANINGS: Record<string, (entity: string) => string> = {
  'mass-deletion-breaker': (entity) =>
    `Pax8 listed far fewer ${entity} than this connection stores: removing the missing ones would remove more than the mass-deletion threshold (half of them by default), so the breaker removed none. ` +
    'Usually a passing Pax8 incident, sometimes a real mass cancellation. What to do: check the account in Pax8; if the removals are real, sync once with a higher massDeletionThreshold. Nothing stored was lost.',
  'removal-deferred': (entity) =>
    `Pax8's listing of ${entity} changed size during the pull, so records may have moved out of view: nothing was removed this run. ` +
    'What to do: nothing; the next run removes what is really gone. Everything created or changed was stored as usual.',
};

/** The words for one flag; a flag this version does not know is still named, with the run's reason. */
export function describeFlag(flag: string, entity: string): string {
  const meaning = FLAG_MEANINGS[flag];
  return meaning ? `flag ${flag}: ${meaning(entity)}` : `flag ${flag}: see docs/troubleshooting.md for what it means.`;
}

/**
 * A run's outcome and flags in words, one line each: `succeeded` (with what its flags mean),
 * `flagged` (the breaker tripped: what it means, what to do), or `failed` (why, and that the next
 * run resumes).
 */
export function describeRun(entity: string, result: Pick<SyncRunResult, 'outcome' | 'flags' | 'error'>): string[] {
  const reason = result.error ? ` Reason given: ${result.error.replace(/\.$/, '')}.` : '';
  const head =
    result.outcome === 'failed'
      ? `Outcome: failed.${reason} Nothing stored was lost or half-written: run the quickstart again and the sync resumes from its last complete page.`
      : result.outcome === 'flagged'
        ? `Outcome: flagged: what Pax8 listed was stored, nothing was removed.${reason}`
        : `Outcome: succeeded${result.flags.length === 0 ? ', no flags.' : ', with flags:'}`;
  return [head, ...result.flags.map((flag) => `  ${describeFlag(flag, entity)}`)];
}
