import type { ScheduleRow } from '../sdk/schedule';
import { h, type Html } from './html';
import { entityLabel, formatEvery, formatTime, outcomeLabel } from './words';

const dueWords: Record<NonNullable<ScheduleRow['due']>, string> = {
  'never-synced': 'due now (never synced)',
  'interval-elapsed': 'due now',
  'last-run-failed': 'due now (the last run failed: it resumes)',
  'invoices-issued': 'due now (last month\'s invoices were issued)',
};

function lastRunCell(row: ScheduleRow): Html {
  if (row.lastRun === null) return h`Never`;
  return h`<time datetime="${new Date(row.lastRun.startedAt).toISOString()}">${formatTime(row.lastRun.startedAt)}</time> · ${outcomeLabel[row.lastRun.outcome]}`;
}

/** The sync schedule: each entity's cadence, last run and next run. */
export function scheduleView(rows: readonly ScheduleRow[]): Html {
  return h`<table class="schedule">
  <caption>Sync schedule</caption>
  <thead><tr><th scope="col">Sync</th><th scope="col">Runs</th><th scope="col">Last run</th><th scope="col">Next run</th></tr></thead>
  <tbody>${rows.map(
    (row) => h`<tr data-entity="${row.entity}">
    <th scope="row">${entityLabel[row.entity]}</th>
    <td>${formatEvery(row.everyMs)}</td>
    <td>${lastRunCell(row)}</td>
    <td>${row.due === null ? h`<time datetime="${new Date(row.nextAt).toISOString()}">${formatTime(row.nextAt)}</time>` : dueWords[row.due]}</td>
  </tr>`,
  )}</tbody>
</table>
<p class="hint">Your scheduler runs each sync when it is due (see <code>dueSyncs</code> and <code>examples/scheduled-worker</code>); every sync can also be run by hand from Manage.</p>`;
}
