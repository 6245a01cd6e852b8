import { authStatusWords } from './connect-view';
import type { ConnectionView, SyncRun } from '@pax8-sync/core';
import type { ChangeFeedPage } from '../sdk/change-feed';
import type { ScheduleRow } from '../sdk/schedule';
import { scheduleOrder } from '../sdk/schedule';
import type { SyncJob } from '../sdk/sync-jobs';
import { changeFeedView } from './change-feed-view';
import { h, type Html } from './html';
import { progressView } from './progress-view';
import { runHistoryView } from './run-history-view';
import { scheduleView } from './schedule-view';
import { entityLabel } from './words';

/** What the Manage screen shows. */
export interface ManageViewModel {
  /** The connection. */
  connection: ConnectionView;
  /** The newest console job of each entity. */
  jobs: Partial<Record<SyncJob['entity'], SyncJob>>;
  /** The schedule table. */
  schedule: readonly ScheduleRow[];
  /** The newest runs. */
  runs: readonly SyncRun[];
  /** One page of the change feed. */
  changes: ChangeFeedPage;
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

function connectionCard(connection: ConnectionView): Html {
  const d = connection.companyDefaults;
  return h`<section class="card" aria-labelledby="connection-title">
  <h2 id="connection-title">Connection</h2>
  <dl class="facts">
    <dt>Name</dt><dd>${connection.name}</dd>
    <dt>Environment</dt><dd>${connection.environment}${connection.environment === 'Sandbox' ? ' (never changes anything in Pax8)' : ''}</dd>
    <dt>Endpoint</dt><dd><code>${connection.baseUrl}</code></dd>
    <dt>Country, currency</dt><dd>${connection.country}, ${connection.currency}</dd>
    <dt>Sign-in</dt><dd id="auth-status">${authStatusWords(connection)}</dd>
    <dt>New companies</dt><dd>self-service allowed: ${yesNo(d.selfServiceAllowed)}; bill on behalf of: ${yesNo(d.billOnBehalfOfEnabled)}; order approval required: ${yesNo(d.orderApprovalRequired)}</dd>
  </dl>
  ${connection.auth.kind === 'authorization-code' && connection.auth.status !== 'connected' ? h`<p><a href="/pax8/start?connection=${connection.id}" class="button primary">Re-authenticate</a></p>` : ''}
  <p><a href="/connect" class="button">Configure</a> <a href="/map" class="button">Map companies</a></p>
</section>`;
}

function syncCard(model: ManageViewModel): Html {
  return h`<section class="card" aria-labelledby="sync-title">
  <h2 id="sync-title">Sync now</h2>
  <div class="sync-grid">${scheduleOrder.map(
    (entity) => h`<div class="sync-now">
    <form method="post" action="/manage/sync/${entity}"><button type="submit">Sync ${entityLabel[entity]}</button></form>
    ${progressView(entity, model.jobs[entity])}
  </div>`,
  )}</div>
  <p><a href="/manage">Refresh the run history</a></p>
  ${scheduleView(model.schedule)}
</section>`;
}

/** The Manage screen: Configure, Sync now for each sync, the run history, the change feed, the place of write-back approvals, and Remove Integration. */
export function manageView(model: ManageViewModel): Html {
  return h`${connectionCard(model.connection)}
${syncCard(model)}
<section class="card" aria-labelledby="runs-title">
  <h2 id="runs-title">Run history</h2>
  ${runHistoryView(model.runs)}
</section>
<section class="card" id="changes" aria-labelledby="changes-title">
  <h2 id="changes-title">Change feed</h2>
  <p class="hint">What the syncs found, oldest first: the feed your billing reads from its own saved cursor (<code>listChanges</code>).</p>
  ${changeFeedView(model.changes)}
</section>
<section class="card" aria-labelledby="approvals-title">
  <h2 id="approvals-title">Write-back approvals</h2>
  <p>Not available yet. The engine only reads Pax8 today; when it can write back (quantity changes, cancellations, new companies, orders), the changes waiting for a person's approval are listed here, with what Pax8 would do.</p>
</section>
<section class="card danger" aria-labelledby="remove-title">
  <h2 id="remove-title">Remove Integration</h2>
  <p>Deletes this connection and everything synced through it from this product. Nothing in Pax8 is changed.</p>
  <p><a href="/manage/remove" class="button danger">Remove Integration…</a></p>
</section>`;
}
