import type { JsonValue, WriteIntent } from '@pax8-sync/core';
import type { ApprovalsPage, PendingApproval } from '../sdk/approvals';
import { h, type Html } from './html';
import { formatTime } from './words';

const value = (v: JsonValue | undefined): string => (v === undefined || v === null ? '?' : typeof v === 'string' ? v : JSON.stringify(v));

/** What an intent asks, in words: `Seats of subscription s-1: 10 → 15`. */
export function intentInWords(intent: WriteIntent): string {
  const p = intent.payload;
  switch (intent.kind) {
    case 'subscription.quantity':
      return `Seats of subscription ${intent.target.id}: ${value(intent.basedOn?.quantity)} → ${value(p.quantity)}`;
    case 'subscription.cancel':
      return `Cancel subscription ${intent.target.id}${typeof p.cancelDate === 'string' ? ` on ${p.cancelDate}` : ''}`;
    case 'company.create':
      return `Create company ${value((p.company as { name?: JsonValue } | undefined)?.name)} in Pax8 for PSA company ${intent.target.id}`;
    case 'order.create':
      return `Order ${Array.isArray(p.lineItems) ? p.lineItems.length : 0} line(s) for company ${intent.target.id}`;
  }
}

function pax8Today(row: PendingApproval): Html {
  if (!row.preview) return h`<p class="field-error">Pax8 could not be asked: ${row.previewError ?? ''}</p>`;
  const { preview } = row;
  const blockers = preview.blockers.map((b) => h`<li>${b.message}</li>`);
  const later = preview.scheduleFor === null ? '' : h`<p>Pax8 accepts it from ${formatTime(preview.scheduleFor)}.</p>`;
  return h`<p>${preview.effect}</p>${blockers.length > 0 ? h`<ul class="blockers">${blockers}</ul>` : ''}${later}`;
}

function decisionForm(row: PendingApproval): Html {
  const id = row.intent.id;
  const later = row.preview?.scheduleFor ?? null;
  return h`<form method="post" action="/approvals/${id}" class="decision">
    <label for="by-${id}">Your name</label><input id="by-${id}" name="by" required autocomplete="name">
    <label for="reason-${id}">Reason</label><input id="reason-${id}" name="reason" required>
    ${later === null || row.preview?.blockers.length === 0 ? h`<button type="submit" name="action" value="approve">Approve</button>` : h`<button type="submit" name="action" value="approve-later">Approve for ${formatTime(later)}</button>`}
    <button type="submit" name="action" value="reject">Reject</button>
  </form>`;
}

function pendingRow(row: PendingApproval): Html {
  const i = row.intent;
  return h`<tr id="intent-${i.id}"><td>${intentInWords(i)}</td><td>${i.requestedBy}<br>${formatTime(i.createdAt)}</td><td>${i.reason}</td><td>${pax8Today(row)}</td><td>${decisionForm(row)}</td></tr>`;
}

const stateLabel: Record<WriteIntent['state'], string> = {
  'pending-approval': 'Waiting for approval',
  approved: 'Approved',
  sending: 'Sending',
  applied: 'Applied in Pax8',
  failed: 'Failed',
  conflict: 'Conflict: Pax8 changed',
  unknown: 'Unknown: check Pax8',
};

function recentRow(i: WriteIntent): Html {
  const due = i.state === 'approved' && i.dueAt !== null ? h` (held until ${formatTime(i.dueAt)})` : '';
  const why = typeof i.outcome?.reason === 'string' ? i.outcome.reason : i.reason;
  return h`<tr id="intent-${i.id}"><td>${intentInWords(i)}</td><td class="state">${stateLabel[i.state]}${due}</td><td>${why}</td><td>${formatTime(i.updatedAt)}</td></tr>`;
}

/** The Approvals screen: changes waiting for a person (with Pax8's preview and the decision form), Send now, and the latest decided or sent changes. */
export function approvalsView(page: ApprovalsPage): Html {
  const pending =
    page.pending.length === 0
      ? h`<p id="no-pending">Nothing waits for approval.</p>`
      : h`<table id="pending"><caption>Waiting for approval</caption><thead><tr><th scope="col">Change</th><th scope="col">Asked by</th><th scope="col">Why</th><th scope="col">Pax8 today</th><th scope="col">Decision</th></tr></thead><tbody>${page.pending.map(pendingRow)}</tbody></table>`;
  const recent =
    page.recent.length === 0
      ? ''
      : h`<table id="recent"><caption>Decided and sent</caption><thead><tr><th scope="col">Change</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col">When</th></tr></thead><tbody>${page.recent.map(recentRow)}</tbody></table>`;
  return h`<section aria-labelledby="pending-heading"><h2 id="pending-heading">Changes for Pax8</h2>
  <p>Changes your PSA asked to make in Pax8 wait here for the approval your policy asks for. Approved changes are sent once, then read back from Pax8.</p>
  ${pending}
  <form method="post" action="/approvals/send"><button type="submit">Send approved changes now</button></form>
  ${recent}</section>`;
}
