import type { SyncRun } from '@pax8-sync/core';
import { h, type Html } from './html';
import { countsText, entityLabel, flagWords, formatTime, outcomeLabel } from './words';

function flagsCell(run: SyncRun): Html {
  const notes = run.flags.map((flag) => {
    const words = flagWords(flag);
    const retry =
      flag === 'mass-deletion-breaker'
        ? h`<form method="post" action="/manage/sync/${run.entity}" class="inline"><input type="hidden" name="allowRemoval" value="on"><button type="submit">Run ${entityLabel[run.entity].toLowerCase()} again, allowing the removal</button></form>`
        : '';
    return h`<div class="flag" data-flag="${flag}"><strong>${words.title}.</strong> ${words.meaning} <em>What to do:</em> ${words.action} ${retry}</div>`;
  });
  const failure =
    run.outcome === 'failed'
      ? h`<div class="flag" data-flag="failed"><strong>Failed:</strong> ${run.error ?? 'unknown reason'}. <em>What to do:</em> run it again (Sync now or the schedule): it resumes where it stopped, and nothing was removed.</div>`
      : '';
  return notes.length === 0 && failure === '' ? h`<span class="muted">None</span>` : h`${failure}${notes}`;
}

/** The run history: when, what, outcome, counts, and every flag in words with what to do. */
export function runHistoryView(runs: readonly SyncRun[]): Html {
  if (runs.length === 0) return h`<p>No runs yet.</p>`;
  return h`<table class="runs">
  <caption class="sr-only">Sync runs, newest first</caption>
  <thead><tr><th scope="col">Started</th><th scope="col">Sync</th><th scope="col">Outcome</th><th scope="col">Counts</th><th scope="col">Flags and what to do</th></tr></thead>
  <tbody>${runs.map(
    (run) => h`<tr data-run-id="${run.id}" data-outcome="${run.outcome}">
    <td><time datetime="${new Date(run.startedAt).toISOString()}">${formatTime(run.startedAt)}</time></td>
    <td>${entityLabel[run.entity]}</td>
    <td>${outcomeLabel[run.outcome]}</td>
    <td>${countsText(run.counts)}</td>
    <td>${flagsCell(run)}</td>
  </tr>`,
  )}</tbody>
</table>`;
}
