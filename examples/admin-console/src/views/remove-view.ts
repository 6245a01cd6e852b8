import type { ConnectionView } from '@pax8-sync/core';
import type { RemovalSummary } from '../sdk/removal';
import { fieldError } from './form-fields';
import { h, type Html } from './html';

/** The Remove Integration confirmation: what is deleted, counted, and that Pax8 is untouched. */
export function removeView(connection: ConnectionView, summary: RemovalSummary, error?: string): Html {
  return h`<section class="card danger" aria-labelledby="confirm-title">
  <h2 id="confirm-title">Remove "${connection.name}"?</h2>
  <p>This deletes from this product's database, for this connection only:</p>
  <ul class="removal">
    <li>the connection's settings and its sealed credentials and token;</li>
    <li data-count="companies">${summary.companies} Pax8 companies and their ${summary.mappings} mappings to your PSA companies;</li>
    <li data-count="subscriptions">${summary.subscriptions} subscriptions and ${summary.products} products;</li>
    <li data-count="runs">${summary.runs} runs of the history, the whole change feed, the quarantine and the sync locks.</li>
  </ul>
  <p><strong>Nothing in Pax8 is changed:</strong> no company, subscription or order there is touched, and the Pax8 API credentials stay valid. You can connect again later; the companies will have to be mapped again.</p>
  <form method="post" action="/manage/remove">
    <div class="actions">
      <a href="/manage" class="button">Cancel</a>
      <button type="submit" class="danger"${error ? h` aria-describedby="remove-error"` : ''}>Remove Integration</button>
    </div>
    ${fieldError('remove', error)}
  </form>
</section>`;
}
