import type { ChangeEvent, JsonObject } from '@pax8-sync/core';
import { type MapStatusOptions, mapSubscriptionStatus } from '@pax8-sync/status';
import { type BillingLineChange, type LineState, lineOf } from './billing-line-change';

/** Finds the PSA company a Pax8 company is mapped to (`undefined`: not mapped, so not billed here). */
export type PsaCompanyOf = (pax8CompanyId: string) => string | undefined;

/** Options of {@link toBillingChanges}. */
export interface ToBillingChangesOptions {
  /** Your mapping lookup. */
  psaCompanyOf: PsaCompanyOf;
  /** The same status options your `syncSubscriptions` uses, so a new line gets the state the sync stored. */
  statusOptions?: MapStatusOptions;
}

interface StateChange {
  status?: string;
  mappedState?: string;
}

/**
 * Turns change-feed events into billing line changes, in feed order:
 * - a subscription `created` → `new-line` (its state says whether it bills yet);
 * - `quantity_changed` → `quantity-change`;
 * - `status_changed` into an inactive state → `line-stopped`; back into an active one → `line-restarted`;
 * - `removed` (Pax8 no longer lists it) → `line-stopped`, unless it was not billing anyway;
 * - anything else (`updated` of other fields, companies, products) → nothing.
 * Events of companies that are not mapped are skipped: they have no PSA company to bill.
 */
export function toBillingChanges(events: readonly ChangeEvent[], options: ToBillingChangesOptions): BillingLineChange[] {
  const { psaCompanyOf, statusOptions } = options;
  const out: BillingLineChange[] = [];
  for (const event of events) {
    if (event.entity !== 'subscriptions') continue;
    const data: JsonObject = event.after ?? event.before ?? {};
    const companyId = typeof event.detail.companyId === 'string' ? event.detail.companyId : typeof data.companyId === 'string' ? data.companyId : '';
    const psaCompanyId = psaCompanyOf(companyId);
    if (psaCompanyId === undefined) continue;
    const id = event.entityId;
    const stateOf = (row: JsonObject): LineState => mapSubscriptionStatus(typeof row.status === 'string' ? row.status : '', statusOptions).state;
    const line = lineOf(id, psaCompanyId, data, stateOf(data));
    const base = { cursor: event.cursor, subscriptionId: id, psaCompanyId };
    switch (event.kind) {
      case 'created':
        out.push({ kind: 'new-line', cursor: event.cursor, line });
        break;
      case 'quantity_changed':
        out.push({ kind: 'quantity-change', ...base, from: Number(event.detail.from), to: Number(event.detail.to), line });
        break;
      case 'status_changed': {
        const from = event.detail.from as StateChange;
        const to = event.detail.to as StateChange;
        const pax8Status = to.status ?? '';
        const lineNow = { ...line, state: to.mappedState ?? line.state };
        if (from.mappedState === 'active' && to.mappedState !== 'active') out.push({ kind: 'line-stopped', ...base, reason: 'status', pax8Status, line: lineNow });
        else if (from.mappedState !== 'active' && to.mappedState === 'active') out.push({ kind: 'line-restarted', ...base, pax8Status, line: lineNow });
        break;
      }
      case 'removed':
        if (event.before && stateOf(event.before) === 'active') {
          out.push({ kind: 'line-stopped', ...base, reason: 'removed-in-pax8', pax8Status: null, line: { ...line, state: 'inactive' } });
        }
        break;
      default:
        break;
    }
  }
  return out;
}
