import type { JsonObject } from './json';

/**
 * What a write intent asks Pax8 to do:
 * - `subscription.quantity`: `PUT /v1/subscriptions/{id}` with an absolute quantity;
 * - `subscription.cancel`: `DELETE /v1/subscriptions/{id}?cancelDate=…`;
 * - `company.create`: `POST /v1/companies` (with the connection's company defaults and contacts);
 * - `order.create`: `POST /v1/orders` (`isMock=true` on a Sandbox connection).
 */
export type WriteIntentKind = 'subscription.quantity' | 'subscription.cancel' | 'company.create' | 'order.create';

/**
 * Where an intent stands. `pending-approval` → `approved` → `sending` → one final state:
 * - `applied`: Pax8 confirmed it (by its answer, or by reading it back);
 * - `failed`: Pax8 refused it, or it was rejected by a person (see `outcome.reason`);
 * - `conflict`: Pax8 changed since the intent was made (Pax8-wins policy), both values in `outcome`;
 * - `unknown`: the outcome could not be told even by reading Pax8 back; a person decides.
 * `scheduled` is `approved` with a `dueAt` in the future (it stays `approved` in storage).
 */
export type WriteIntentState =
  | 'pending-approval'
  | 'approved'
  | 'sending'
  | 'applied'
  | 'failed'
  | 'conflict'
  | 'unknown';

/** The intent's final states: no transition leaves them. */
export const finalWriteIntentStates: readonly WriteIntentState[] = ['applied', 'failed', 'conflict', 'unknown'];

/** What an intent changes. */
export interface WriteIntentTarget {
  /** `subscriptions` for quantity and cancel, `companies` for company create and orders. */
  entity: 'companies' | 'subscriptions';
  /**
   * The Pax8 id of the target: the subscription, or the company an order is for. For
   * `company.create` it is the PSA company id until Pax8 assigns one (then `outcome.pax8Id`).
   */
  id: string;
}

/**
 * One write-back intent, as storage holds it. Opaque JSON fields (`payload`, `basedOn`, `outcome`)
 * are stored and returned as given; an adapter never interprets them. Never holds a secret.
 */
export interface StoredWriteIntent {
  /** Intent id (engine-generated, unique per storage). */
  id: string;
  /** The connection it writes through. */
  connectionId: string;
  /** What it asks. */
  kind: WriteIntentKind;
  /** What it changes. */
  target: WriteIntentTarget;
  /** The kind's input, e.g. `{ quantity: 12 }` or an order's line items. */
  payload: JsonObject;
  /**
   * The Pax8 values the intent was based on (e.g. `{ quantity: 10, status: 'Active' }` from the
   * stored subscription), compared with a fresh read before sending; `null` for creates.
   */
  basedOn: JsonObject | null;
  /** Who asked (a PSA user id or a system name). */
  requestedBy: string;
  /** Why, in the asker's words. */
  reason: string;
  /** Where it stands. */
  state: WriteIntentState;
  /** When it may be sent, epoch ms (a scheduled change); `null` for as soon as it is approved. */
  dueAt: number | null;
  /** How many times it was sent to Pax8 (0 or 1 automatically; a person's retry adds one). */
  attempts: number;
  /** When it was last sent, epoch ms; `null` before. Read-back looks for effects after it. */
  sentAt: number | null;
  /**
   * What happened, set with the final state (or a rejection): at least `{ reason }` in plain words;
   * `conflict` adds `{ expected, actual }`; `applied` may add `{ pax8Id }` (a created company or order).
   */
  outcome: JsonObject | null;
  /** When it was created, epoch ms. */
  createdAt: number;
  /** When it last changed state, epoch ms. */
  updatedAt: number;
  /** Write counter: 1 on `add`, one more on each {@link OutboxStore.update}. */
  version: number;
}

/** Options of {@link OutboxStore.list}, keyset-paginated by id. */
export interface ListWriteIntentsOptions {
  /** Only intents in these states (all when absent). */
  states?: readonly WriteIntentState[];
  /** Only intents whose id sorts after this (code-point order, exclusive). */
  after?: string;
  /** Most intents returned (whole number ≥ 1); default 100. */
  limit?: number;
}

/**
 * The write-back outbox. Present when the adapter declares `capabilities.writeBack`; it is also
 * available on the transaction's stores, so a state change and its change event commit together.
 */
export interface OutboxStore {
  /** Stores a new intent (`version` 1); rejects if its id exists. */
  add(intent: StoredWriteIntent): Promise<void>;
  /** The intent of the connection with that id, or `undefined`. */
  get(connectionId: string, id: string): Promise<StoredWriteIntent | undefined>;
  /** The connection's intents ascending by id, filtered by `options`. */
  list(connectionId: string, options?: ListWriteIntentsOptions): Promise<StoredWriteIntent[]>;
  /**
   * The connection's `approved` intents whose `dueAt` is `null` or at most `now`, ascending by
   * (`dueAt` with `null` first, then id), at most `limit` (default 100).
   */
  listDue(connectionId: string, now: number, limit?: number): Promise<StoredWriteIntent[]>;
  /**
   * Compare-and-swap: replaces the stored intent with `intent` only if the stored version is
   * `expectedVersion` and `intent.version` is `expectedVersion + 1`; returns whether it wrote.
   * Atomic: of concurrent writers with one `expectedVersion` at most one writes, so an intent is
   * claimed for sending (`approved` → `sending`) by exactly one process.
   */
  update(intent: StoredWriteIntent, expectedVersion: number): Promise<boolean>;
}
