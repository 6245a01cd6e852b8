import { jsonEqual } from '../engine/content-hash';
import type { NewChangeEvent, FieldChange } from '../storage/changes';
import type { JsonObject } from '../storage/json';
import type { SubscriptionRecord, SyncedRecordBase } from '../storage/records';

/** Top-level fields whose value differs, with before and after (`null` when absent). @internal */
export function changedFields(before: JsonObject, after: JsonObject): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => !jsonEqual(before[key], after[key]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

type EventBase = Omit<NewChangeEvent, 'kind' | 'fields' | 'detail' | 'before' | 'after'>;

/**
 * One event, as a literal: a spread followed by more keys (`{ ...base, kind }`) takes V8's slow
 * path on Node 20 (a microsecond or more a key), and a sync makes one event a record or more.
 */
function event(base: EventBase, kind: NewChangeEvent['kind'], fields: FieldChange[], detail: JsonObject, before: JsonObject | null, after: JsonObject | null): NewChangeEvent {
  return { connectionId: base.connectionId, runId: base.runId, entity: base.entity, entityId: base.entityId, at: base.at, kind, fields, detail, before, after };
}

/**
 * The change events of one row. A row absent or removed before is `created`; otherwise an
 * `updated` event lists the changed fields, and a subscription adds `status_changed` and/or
 * `quantity_changed`. @internal
 */
export function eventsFor(base: EventBase, stored: SyncedRecordBase | undefined, next: SyncedRecordBase): NewChangeEvent[] {
  const detail = companyDetail(next);
  if (!stored || stored.removedAt !== null) {
    return [event(base, 'created', [], billingDetail(base, next), null, next.data)];
  }
  const events: NewChangeEvent[] = [event(base, 'updated', changedFields(stored.data, next.data), detail, stored.data, next.data)];
  if (base.entity === 'subscriptions') {
    const a = stored as SubscriptionRecord;
    const b = next as SubscriptionRecord;
    if (a.status !== b.status || a.mappedState !== b.mappedState) {
      const change = { ...detail, from: { status: a.status, mappedState: a.mappedState }, to: { status: b.status, mappedState: b.mappedState } };
      events.push(event(base, 'status_changed', [], change, stored.data, next.data));
    }
    if (a.quantity !== b.quantity) {
      events.push(event(base, 'quantity_changed', [], { ...detail, from: a.quantity, to: b.quantity }, stored.data, next.data));
    }
  }
  return events;
}

/** The removal event of a row. @internal */
export function removedEvent(base: EventBase, stored: SyncedRecordBase): NewChangeEvent {
  return event(base, 'removed', [], billingDetail(base, stored), stored.data, null);
}

/** A subscription's `{ companyId, status, mappedState, quantity }` (see `NewChangeEvent.detail`); other entities' `companyDetail`. */
function billingDetail(base: EventBase, row: SyncedRecordBase): JsonObject {
  if (base.entity !== 'subscriptions') return companyDetail(row);
  const { companyId, status, mappedState, quantity } = row as SubscriptionRecord;
  return { companyId, status, mappedState, quantity };
}

/** `{ companyId }` of a row that has one, and a billing row's `scope` (which listing it came from: `invoice:<id>`, `draft:YYYY-MM`, ...). */
function companyDetail(row: SyncedRecordBase): JsonObject {
  const { companyId, scope } = row as Partial<SubscriptionRecord> & { companyId?: string | null; scope?: string };
  return { ...(companyId === undefined ? {} : { companyId }), ...(scope === undefined ? {} : { scope }) };
}
