import type { Pax8SyncEntity } from './entity';
import type { JsonObject, JsonValue } from './json';

/** The kinds of change event. A status or quantity change also produces an `updated` event. */
export type ChangeKind = 'created' | 'updated' | 'removed' | 'status_changed' | 'quantity_changed' | 'write_transition';

/** One changed field of an `updated` event. */
export interface FieldChange {
  /** Dotted path of the field in the Pax8 record, e.g. `billingTerm`. */
  field: string;
  /** Value before (`null` if absent). */
  before: JsonValue;
  /** Value after (`null` if absent). */
  after: JsonValue;
}

/** A change event to append (storage assigns the cursor). */
export interface NewChangeEvent {
  /** The connection. */
  connectionId: string;
  /** Run that found the change. */
  runId: string;
  /** Entity of the changed row. */
  entity: Pax8SyncEntity;
  /** Pax8 id of the changed row. */
  entityId: string;
  /** What happened. */
  kind: ChangeKind;
  /** When the engine found it, epoch ms. */
  at: number;
  /** Changed fields (for `updated`); empty otherwise. */
  fields: FieldChange[];
  /**
   * Kind-specific detail, never secrets:
   * - `created` / `removed` of a subscription: `{ companyId, status, mappedState, quantity }` — the
   *   new values on `created`, the last known (stored) values on `removed` — so a billing consumer
   *   can start or stop a line without re-reading or re-mapping the row;
   * - `created` / `removed` of a company or product: `{}`;
   * - `status_changed`: `{ companyId, from: { status, mappedState }, to: { status, mappedState } }`;
   * - `quantity_changed`: `{ companyId, from, to }` (seat counts);
   * - `updated`: `{ companyId }` for a subscription, `{}` otherwise (the changes are in `fields`);
   * - `write_transition` (write-back, only with `capabilities.writeBack`): one write intent changed
   *   state: `{ intentId, intentKind, from, to, by, reason }` (`from` is `null` when it was made);
   *   `entity`/`entityId` are the intent's target, `runId` is `write:<intentId>`, `before`/`after` `null`.
   */
  detail: JsonObject;
  /** The row's data before (`null` for created). */
  before: JsonObject | null;
  /** The row's data after (`null` for removed). */
  after: JsonObject | null;
}

/** A stored change event. */
export interface ChangeEvent extends NewChangeEvent {
  /**
   * Position in the connection's feed, assigned by storage: a string of digits, strictly increasing
   * in commit order per connection (compare with {@link compareCursors}).
   */
  cursor: string;
}

/** One page of the change feed. */
export interface ChangePage {
  /** Events after the requested cursor, ascending. */
  events: ChangeEvent[];
  /** Cursor to pass as `after` next time (the last event's cursor, or the given `after` if none). */
  nextCursor: string | null;
}

/** The append-only change feed. */
export interface ChangeStore {
  /**
   * Appends events in the given order; each gets a cursor greater than every cursor already
   * visible for its connection. Inside a transaction, events become visible only on commit, and
   * no event can become visible with a cursor lower than one a reader has already seen.
   */
  append(events: readonly NewChangeEvent[]): Promise<void>;
  /** Events of the connection with cursor after `after` (all when absent), ascending, at most `limit` (default 100). */
  list(connectionId: string, options?: { after?: string | null; limit?: number }): Promise<ChangePage>;
}

/** Orders two feed cursors (digit strings of any length): negative, zero or positive. */
export function compareCursors(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
