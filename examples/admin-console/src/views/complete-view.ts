import type { SyncJob } from '../sdk/sync-jobs';
import type { ScheduleRow } from '../sdk/schedule';
import { h, type Html } from './html';
import { progressView } from './progress-view';
import { scheduleView } from './schedule-view';

/** What the Complete screen shows. */
export interface CompleteViewModel {
  /** The schedule table's rows. */
  schedule: readonly ScheduleRow[];
  /** The subscription sync started by Next, if any. */
  subscriptions: SyncJob | undefined;
  /** How many companies are mapped. */
  mapped: number;
}

/** The Complete screen: the subscription sync with its live progress bar, and the schedule. */
export function completeView(model: CompleteViewModel): Html {
  return h`<p class="summary">The integration is set up: ${model.mapped} companies are mapped, and their subscriptions are syncing now.</p>
<section class="card" aria-labelledby="sync-title">
  <h2 id="sync-title">First subscription sync</h2>
  ${progressView('subscriptions', model.subscriptions)}
</section>
<section class="card" aria-labelledby="schedule-title">
  <h2 id="schedule-title">From now on</h2>
  ${scheduleView(model.schedule)}
</section>
<div class="wizard-nav">
  <a href="/map" class="button">Back</a>
  <a href="/manage" class="button primary">Go to Manage</a>
</div>`;
}
