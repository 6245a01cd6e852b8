import type { ChangeEvent, JsonValue } from '@pax8-sync/core';
import type { ChangeFeedPage } from '../sdk/change-feed';
import { h, type Html } from './html';
import { formatTime } from './words';

const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

const kindLabel: Record<ChangeEvent['kind'], string> = {
  created: 'Created',
  updated: 'Updated',
  removed: 'Removed',
  status_changed: 'Status changed',
  quantity_changed: 'Quantity changed',
  write_transition: 'Write-back',
};

/** What a change event is about, e.g. `Acme Dental / Microsoft 365 E3`. */
export function changeSubject(event: ChangeEvent, companyName: (id: string) => string): string {
  const row = event.after ?? event.before ?? {};
  if (event.entity !== 'subscriptions') return text(row.name) || event.entityId;
  const companyId = text(event.detail.companyId) || text(row.companyId);
  return `${companyName(companyId)} / ${text(row.productName) || text(row.productId) || event.entityId}`;
}

/** What changed, in words: `9 → 11 seats`, `Active (Active) → Cancelled (Inactive)`, the changed fields. */
export function changeDetail(event: ChangeEvent): string {
  const detail = event.detail as Record<string, JsonValue | undefined>;
  if (event.kind === 'quantity_changed') return `${text(detail.from)} → ${text(detail.to)} seats`;
  if (event.kind === 'status_changed') {
    const side = (value: JsonValue | undefined) => {
      const v = (value ?? {}) as Record<string, JsonValue>;
      return `${text(v.status)} (${text(v.mappedState)})`;
    };
    return `${side(detail.from)} → ${side(detail.to)}`;
  }
  if (event.kind === 'updated') return event.fields.map((f) => f.field).join(', ');
  if (event.entity === 'subscriptions') return `qty ${text(detail.quantity)}, ${text(detail.status)}`;
  return '';
}

/** The change feed, one page, with links to the next page and back to the start. */
export function changeFeedView(page: ChangeFeedPage): Html {
  const companyName = (id: string) => page.companyNames.get(id) ?? id;
  const pager = h`<p class="pager">${page.after === null ? '' : h`<a href="/manage#changes">From the start</a> `}${page.next === null ? '' : h`<a href="/manage?after=${page.next}#changes">Next ${page.events.length} changes</a>`}</p>`;
  if (page.events.length === 0) return h`<p>No changes${page.after === null ? ' yet' : ' after this point'}.</p>${pager}`;
  return h`<table class="changes">
  <caption class="sr-only">Change feed, oldest first</caption>
  <thead><tr><th scope="col">#</th><th scope="col">Found</th><th scope="col">What</th><th scope="col">Change</th><th scope="col">Detail</th></tr></thead>
  <tbody>${page.events.map(
    (event) => h`<tr data-cursor="${event.cursor}" data-kind="${event.kind}" data-entity="${event.entity}">
    <td>${event.cursor}</td>
    <td><time datetime="${new Date(event.at).toISOString()}">${formatTime(event.at)}</time></td>
    <td>${changeSubject(event, companyName)}</td>
    <td>${event.entity === 'subscriptions' ? 'Subscription' : event.entity === 'companies' ? 'Company' : 'Product'} ${kindLabel[event.kind].toLowerCase()}</td>
    <td>${changeDetail(event)}</td>
  </tr>`,
  )}</tbody>
</table>${pager}`;
}
