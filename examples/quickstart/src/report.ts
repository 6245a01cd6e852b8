import type { ChangeEvent, JsonValue, SubscriptionRecord } from '@pax8-sync/core';

/** A function that prints one line. */
export type Print = (line: string) => void;

const state = (mapped: string): string => (mapped === 'active' ? 'Active' : mapped === 'inactive' ? 'Inactive' : mapped);
const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

/** The product's display name: the subscription's own `productName` when Pax8 sends it, else the product id. */
export function productOf(subscription: { data: Record<string, JsonValue>; productId: string }): string {
  return text(subscription.data.productName) || subscription.productId;
}

/** Prints the synced subscriptions of the mapped companies, grouped by PSA company, with their PSA state. */
export function printSubscriptions(
  print: Print,
  rows: readonly SubscriptionRecord[],
  psaNameOf: (pax8CompanyId: string) => string,
  maxRows: number,
): { active: number; inactive: number } {
  const active = rows.filter((r) => r.mappedState === 'active').length;
  const inactive = rows.length - active;
  print(`Subscriptions of mapped companies: ${rows.length} (${active} Active, ${inactive} Inactive)`);
  const sorted = [...rows].sort((a, b) => psaNameOf(a.companyId).localeCompare(psaNameOf(b.companyId)) || productOf(a).localeCompare(productOf(b)) || a.id.localeCompare(b.id));
  for (const row of sorted.slice(0, maxRows)) {
    print(`  ${psaNameOf(row.companyId).padEnd(30)} ${productOf(row).padEnd(38)} qty ${String(row.quantity).padStart(3)}  ${row.status.padEnd(17)} -> ${state(row.mappedState)}`);
  }
  if (sorted.length > maxRows) print(`  ... and ${sorted.length - maxRows} more (QUICKSTART_ROWS=${sorted.length} shows them all)`);
  return { active, inactive };
}

/** One line of the change feed, as a PSA would describe it. */
export function describeChange(event: ChangeEvent, psaNameOf: (pax8CompanyId: string) => string): string {
  const row = event.after ?? event.before ?? {};
  if (event.entity === 'companies') {
    const name = text(row.name) || event.entityId;
    return `company ${event.kind}: ${name}${event.kind === 'created' ? ' (not mapped yet: map it to sync its subscriptions)' : ''}`;
  }
  const companyId = text(event.detail.companyId) || text(row.companyId);
  const what = `${psaNameOf(companyId)} / ${text(row.productName) || text(row.productId)}`;
  switch (event.kind) {
    case 'created':
      return `new subscription:      ${what}, qty ${text(row.quantity)}, ${text(row.status)}`;
    case 'removed':
      return `subscription removed:  ${what} (Pax8 no longer lists it)`;
    case 'quantity_changed':
      return `quantity changed:      ${what}, ${text(event.detail.from)} -> ${text(event.detail.to)}`;
    case 'status_changed': {
      const from = event.detail.from as { status?: string; mappedState?: string } | undefined;
      const to = event.detail.to as { status?: string; mappedState?: string } | undefined;
      return `status changed:        ${what}, ${from?.status} (${state(from?.mappedState ?? '')}) -> ${to?.status} (${state(to?.mappedState ?? '')})`;
    }
    default:
      return `subscription updated:  ${what}, fields ${event.fields.map((f) => f.field).join(', ')}`;
  }
}

/**
 * The events worth a line: an `updated` event is dropped when the same record also has a
 * `status_changed` or `quantity_changed` event in the same run (those say it better).
 */
export function eventsToShow(events: readonly ChangeEvent[]): ChangeEvent[] {
  const specific = new Set(events.filter((e) => e.kind === 'status_changed' || e.kind === 'quantity_changed').map((e) => `${e.runId}/${e.entityId}`));
  return events.filter((e) => !(e.kind === 'updated' && specific.has(`${e.runId}/${e.entityId}`)));
}

/** Counts events by entity and kind, e.g. `subscriptions created: 243`. */
export function summarizeChanges(events: readonly ChangeEvent[]): string[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(`${e.entity} ${e.kind}`, (counts.get(`${e.entity} ${e.kind}`) ?? 0) + 1);
  return [...counts].map(([key, n]) => `${key}: ${n}`);
}
