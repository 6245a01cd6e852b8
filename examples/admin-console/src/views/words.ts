import type { Pax8SyncEntity, RunCounts, RunOutcome } from '@pax8-sync/core';
import type { SyncJob } from '../sdk/sync-jobs';

/** The entity as the screens name it. */
export const entityLabel: Record<Pax8SyncEntity, string> = { companies: 'Companies', products: 'Products', subscriptions: 'Subscriptions', invoices: 'Invoices' };

/** A time as `2026-06-01 10:00 UTC` (the console runs on a server: one zone for everyone). */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A cadence in words: `every hour`, `every 4 hours`, `every day`, `every 30 minutes`. */
export function formatEvery(ms: number): string {
  const hour = 3_600_000;
  if (ms % (24 * hour) === 0) return ms === 24 * hour ? 'every day' : `every ${ms / (24 * hour)} days`;
  if (ms % hour === 0) return ms === hour ? 'every hour' : `every ${ms / hour} hours`;
  return `every ${Math.round(ms / 60_000)} minutes`;
}

/** A run's outcome in words. */
export const outcomeLabel: Record<RunOutcome, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  flagged: 'Flagged: nothing was removed',
  failed: 'Failed',
};

/** What a run flag means and what to do about it. */
export interface FlagWords {
  /** Short name. */
  title: string;
  /** What happened. */
  meaning: string;
  /** What the admin should do. */
  action: string;
}

/** The words for a run flag; an unknown flag is named as it is, with where to read about it. */
export function flagWords(flag: string): FlagWords {
  if (flag === 'mass-deletion-breaker') {
    return {
      title: 'Mass-deletion breaker',
      meaning: 'Pax8 listed far fewer records than are stored: more than half would have been removed, so nothing was removed. This is often a Pax8 incident, sometimes a real mass cancellation.',
      action: 'Check in Pax8. If the records really are gone, run this sync once allowing the removal; nothing was lost meanwhile.',
    };
  }
  if (flag === 'removal-deferred') {
    return {
      title: 'Removal deferred',
      meaning: "Pax8's listing changed size during the sync, so records may have shifted out of view: nothing was removed this time.",
      action: 'Nothing to do: the next run removes what is really gone.',
    };
  }
  return { title: flag, meaning: `The engine set the flag "${flag}".`, action: 'See docs/troubleshooting.md.' };
}

/** Counts in words: `12 new, 3 changed, 40 unchanged, 0 removed, 0 quarantined`. */
export function countsText(counts: RunCounts): string {
  return `${counts.created} new, ${counts.updated} changed, ${counts.unchanged} unchanged, ${counts.removed} removed, ${counts.quarantined} quarantined`;
}

/** A background sync's state in one sentence (the progress bar's caption). */
export function jobText(job: SyncJob): string {
  const label = entityLabel[job.entity];
  const last = job.events.at(-1);
  if (job.running) return last ? `${label}: page ${last.pagesDone} of ${last.pagesTotal}` : `${label}: starting…`;
  if (job.error !== null) return `${label}: could not run: ${job.error}`;
  const result = job.result;
  if (result === null) return `${label}: finished`;
  if (result.outcome === 'already-running') return `${label}: another worker is syncing this right now (its lease ends ${formatTime(result.leaseExpiresAt)}).`;
  if (result.outcome === 'dry-run') return `${label}: dry run, nothing written.`;
  if (result.outcome === 'skipped') return `${label}: nothing to sync. ${result.message}`;
  if (result.outcome === 'failed') return `${label}: failed: ${result.error ?? 'unknown reason'}. The next run resumes where this one stopped.`;
  const flags = result.flags.map((flag) => ` ${flagWords(flag).title}: ${flagWords(flag).action}`).join('');
  return `${label} ${result.outcome}: ${countsText(result.counts)}.${flags}`;
}

/** Why Remove Integration was refused: the syncs of the connection running now (here or in another process). */
export function removalRefusedText(entities: readonly Pax8SyncEntity[]): string {
  const names = [...new Set(entities)].map((entity) => entityLabel[entity].toLowerCase()).join(', ');
  return `A sync of this connection is running (${names}), here or in another worker: nothing was deleted. Wait until it has finished (see Manage), then remove the integration.`;
}
