import type { JsonObject } from './json';
import type { isStorableString } from './storable-text';

/** Fields every synced row has, whatever the entity. */
export interface SyncedRecordBase {
  /** The connection the row belongs to. */
  connectionId: string;
  /** The Pax8 id of the record; unique per connection and entity. */
  id: string;
  /** Content hash of `data` (engine-computed); equal hashes mean nothing changed. */
  hash: string;
  /** The Pax8 record, as validated by the client. */
  data: JsonObject;
  /** Run that first wrote the row. */
  createdRunId: string;
  /** Run that last wrote the row. */
  updatedRunId: string;
  /** First write time, epoch ms. */
  createdAt: number;
  /** Last write time, epoch ms. */
  updatedAt: number;
  /** When the row was marked removed (soft delete), epoch ms; `null` while it exists in Pax8. */
  removedAt: number | null;
}

/** A Pax8 company as stored. */
export interface CompanyRecord extends SyncedRecordBase {
  /** Company name, kept as a column for listing and matching. */
  name: string;
  /** Pax8 company status (e.g. `Active`). */
  status: string;
}

/** A Pax8 product as stored. */
export interface ProductRecord extends SyncedRecordBase {
  /** Product name. */
  name: string;
  /** Vendor name, e.g. `Microsoft`. */
  vendorName: string;
}

/** A Pax8 subscription as stored. */
export interface SubscriptionRecord extends SyncedRecordBase {
  /** Pax8 company id the subscription belongs to. */
  companyId: string;
  /** Pax8 product id. */
  productId: string;
  /** Pax8 status as received (unknown statuses pass through). */
  status: string;
  /** The PSA state the status maps to (see `@pax8-sync/status`). */
  mappedState: string;
  /** Seat quantity. */
  quantity: number;
}

/**
 * Which rows of an entity a call is about. Each filter is ignored by the stores it does not apply
 * to; an empty array matches nothing.
 */
export interface RecordFilter {
  /**
   * Only rows of these Pax8 company ids: subscriptions, and the billing stores (invoice items and
   * usage summaries by their company, invoices by theirs); ignored for companies and products.
   */
  companyIds?: readonly string[];
  /** Only rows of these scopes (billing stores only, see `BillingRecordBase.scope`). */
  scopes?: readonly string[];
  /** Only rows of these months, `YYYY-MM` (billing stores only, see `BillingRecordBase.period`). */
  periods?: readonly string[];
}

/** Options of {@link RecordStore.list}. Listing is keyset-paginated by id. */
export interface ListRecordsOptions extends RecordFilter {
  /**
   * The `nextCursor` of the previous page: only rows whose id sorts after it (exclusive; code-point
   * order, see {@link RecordStore.list}). Absent for the first page.
   */
  after?: string;
  /** Most rows in the page (a whole number, 1 or more); default 1000. */
  limit?: number;
  /** Include rows marked removed; default `false`. */
  includeRemoved?: boolean;
}

/**
 * One page of a keyset listing. A page never ends a listing silently: `nextCursor` says whether
 * more rows follow. Walk every page with `iterateRecords` (or pass `nextCursor` as `after`).
 */
export interface RecordPage<T> {
  /** The rows of this page, ascending by id. */
  items: T[];
  /**
   * `null` when this page holds the last matching row; otherwise the value to pass as `after` for
   * the next page (the last item's id). A full page followed by nothing has `nextCursor: null`.
   */
  nextCursor: string | null;
}

/**
 * One entity's rows. Every method is scoped to one connection; rows of other connections are never
 * returned or touched. Writes are batched per page so an SQL adapter can do one statement per call.
 *
 * **Strings.** An adapter must accept, and give back verbatim, every string without U+0000 (NUL)
 * and without a lone surrogate ({@link isStorableString}), in every field — ids, columns, object
 * keys and values inside `data` — of any length Pax8 may send (1 MB and more): right-to-left marks,
 * combining characters, zero-width characters, emoji and other characters beyond U+FFFF, control
 * characters, U+2028 and U+FEFF included. The engine never hands storage any other string: a Pax8
 * record holding U+0000 or a lone surrogate is quarantined before it reaches storage (the
 * quarantined copy has those characters replaced by U+FFFD and the reason says where they were),
 * and connection settings holding them are refused with `Pax8SyncConfigError`.
 *
 * **Refusing a row.** An adapter may still refuse a row for its own reasons (a column size, a
 * constraint): the write must then reject and leave nothing of the call (inside a transaction the
 * whole transaction rolls back). The engine then isolates the rows of the page one by one (in
 * transactions it rolls back), quarantines the refused ones with the adapter's error as the reason,
 * and commits the rest of the page. A failure that is not about one row (a lost connection, a lease
 * taken over) fails the run as before, and the next run resumes.
 */
export interface RecordStore<TRecord extends SyncedRecordBase> {
  /**
   * Returns the rows with these ids (removed ones included), in any order; ids not stored are
   * simply absent. Duplicate ids are returned once.
   */
  getMany(connectionId: string, ids: readonly string[]): Promise<TRecord[]>;
  /**
   * Inserts or fully replaces each row by (connectionId, id). After it resolves, `getMany` returns
   * exactly these values (deeply equal; the key order of `data` need not be kept, so a `jsonb`
   * column is fine). An id given twice in one batch is stored once, as its last row. Concurrent
   * calls whose batches overlap, in any order, must neither deadlock nor duplicate rows (e.g. write
   * each batch in id order). An empty array is a no-op.
   */
  upsertMany(records: readonly TRecord[]): Promise<void>;
  /**
   * One page of rows ordered by id ascending, after `options.after`, at most `options.limit`
   * (default 1000), with the cursor of the next page or `null` when no matching row follows (an
   * adapter typically reads `limit + 1` rows to know). Ids compare by Unicode code point — the same
   * as UTF-8 byte order, Postgres `COLLATE "C"` or SQLite `BINARY` — never by locale, and not by
   * JavaScript's UTF-16 code-unit `<` (which differs for characters beyond U+FFFF).
   */
  list(connectionId: string, options?: ListRecordsOptions): Promise<RecordPage<TRecord>>;
  /** Ids of every row not marked removed (only of the {@link RecordFilter}'s rows), ascending by code point as in `list`. */
  listActiveIds(connectionId: string, options?: RecordFilter): Promise<string[]>;
  /**
   * Number of rows: removed ones only with `includeRemoved`; only of the {@link RecordFilter}'s rows;
   * with `notSeenBy`, only rows not marked removed whose id is not in the seen set of that pull (see
   * `RunStore.checkpoint`): the rows a complete pull would remove. Count it in the database.
   */
  count(connectionId: string, options?: CountRecordsOptions): Promise<number>;
  /**
   * One page of the rows not marked removed (only of the {@link RecordFilter}'s rows) whose
   * id is not in the seen set of pull `pullId`, ascending by id (code point), after `after`, at most
   * `limit` (default 1000): the removal candidates of a complete pull, as a set difference done by
   * storage, never by loading both sets into the engine.
   */
  listUnseen(connectionId: string, pullId: string, options?: Omit<ListRecordsOptions, 'includeRemoved'>): Promise<RecordPage<TRecord>>;
  /**
   * The id and content hash of each row with these ids that is not marked removed, in any order;
   * removed and unknown ids are absent, duplicate ids returned once. The cheap read a re-sync does
   * for a page whose mark matches (no `data` is loaded). Required with `capabilities.pageMarks` on
   * the companies, products and subscriptions stores, absent otherwise.
   */
  getHashes?(connectionId: string, ids: readonly string[]): Promise<RecordHash[]>;
}

/** One row's id and content hash, as {@link RecordStore.getHashes} returns them. */
export interface RecordHash {
  /** The Pax8 id of the row. */
  id: string;
  /** Its `hash`. */
  hash: string;
}

/** Options of {@link RecordStore.count}. */
export interface CountRecordsOptions extends RecordFilter {
  /** Count rows marked removed too; default `false` (ignored with `notSeenBy`). */
  includeRemoved?: boolean;
  /** Only rows not marked removed whose id the pull with this id did not see. */
  notSeenBy?: string;
}
