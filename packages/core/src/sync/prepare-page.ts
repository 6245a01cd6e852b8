import { sha256Base64url, stableStringify, toJsonObject } from '../engine/content-hash';
import type { Pax8PageLike } from '../engine/client-port';
import type { Pax8SyncEntity } from '../storage/entity';
import type { JsonObject, JsonValue } from '../storage/json';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { SyncedRecordBase } from '../storage/records';
import { findUnstorableText, isStorableString, storableCopy, storableText } from '../storage/storable-text';
import type { EntitySpec } from './entity-specs';

/** A record that passed every check, ready to diff. @internal */
export interface PreparedRecord<R extends SyncedRecordBase> {
  id: string;
  data: JsonObject;
  columns: Omit<R, keyof SyncedRecordBase>;
  /** The content hash of `{ data, ...columns }` (see `contentHash`). */
  hash: string;
}

/** One page sorted out: what to store, what to quarantine, and what it listed. @internal */
export interface PreparedPage<R extends SyncedRecordBase> {
  valid: PreparedRecord<R>[];
  quarantined: QuarantinedRecord[];
  /** Every usable id the page listed, in the synced set or not (for the seen set and the completeness check). */
  listedIds: string[];
  /** Records listed without an id storage can hold. */
  idless: number;
  /** Records on the page, valid or not. */
  received: number;
}

/** Where a page comes from, for quarantine keys and records. @internal */
export interface PageOrigin {
  connectionId: string;
  entity: Pax8SyncEntity;
  runId: string;
  now: number;
  pageNumber: number;
  /** Whether a record belongs to the synced set (subscriptions of unmapped companies do not). */
  keep(record: JsonObject): boolean;
}

/** How JSON text writes U+0000 or a surrogate: a text without it holds neither (a false alarm only costs the exact check). */
const mayHoldUnstorable = /\\u(?:0000|d[89a-f])/i;

/** Pax8 ids are UUIDs; a longer "id" is a mangled field, not an id one could look up. */
const MAX_ID_LENGTH = 256;

/** The record's id when storage can hold it and it can be looked up, else `undefined`. @internal */
export const usableId = (data: JsonObject): string | undefined =>
  typeof data.id === 'string' && data.id !== '' && data.id.length <= MAX_ID_LENGTH && isStorableString(data.id) ? data.id : undefined;

/**
 * Sorts one page out. No value Pax8 sends can fail the page: a record without a usable id, one the
 * client rejected, one whose columns are missing, and one holding a string storage cannot hold
 * (U+0000, lone surrogates) each go to quarantine with its reason; the quarantined copy has those
 * characters replaced by U+FFFD. Pure. @internal
 */
export function preparePage<R extends SyncedRecordBase>(spec: EntitySpec<R>, page: Pax8PageLike, origin: PageOrigin): PreparedPage<R> {
  const out: PreparedPage<R> = { valid: [], quarantined: [], listedIds: [], idless: 0, received: 0 };
  const quarantine = (key: string, record: unknown, reason: string, issues: readonly { path: string; message: string }[]) => {
    const raw = toJsonObject({ record }).record ?? null;
    out.quarantined.push({
      connectionId: origin.connectionId,
      entity: origin.entity,
      key,
      runId: origin.runId,
      reason: storableText(reason),
      issues: issues.map((i) => ({ path: storableText(i.path), message: storableText(i.message) })),
      record: storableCopy(raw as JsonValue),
      at: origin.now,
    });
  };
  const positional = (index: number) => `page:${origin.pageNumber}:index:${index}`;

  page.content.forEach((record, index) => {
    out.received += 1;
    const data = toJsonObject(record);
    const id = usableId(data);
    if (id === undefined) out.idless += 1;
    else out.listedIds.push(id);
    if (!origin.keep(data)) return;
    if (id === undefined) {
      const why = typeof data.id !== 'string' || data.id === '' ? 'missing' : data.id.length > MAX_ID_LENGTH ? `longer than ${MAX_ID_LENGTH} characters` : 'contains U+0000 (NUL) or a lone surrogate, which storage cannot hold';
      quarantine(positional(index), record, why === 'missing' ? 'id: a record needs an id' : `id: not a usable id (${why})`, [{ path: 'id', message: why }]);
      return;
    }
    const columns = spec.columns(data);
    // The hash's JSON text doubles as the storability check: JSON.stringify escapes NUL and lone
    // surrogates, so a text without such escapes holds neither, and the walk that names the path
    // runs only for the rare record whose text has one (or a column check failed).
    const text = columns.ok ? stableStringify({ data, ...(columns.columns as JsonObject) }) : undefined;
    const bad = text !== undefined && !mayHoldUnstorable.test(text) ? undefined : findUnstorableText(data);
    if (bad) {
      quarantine(id, record, `${bad.path}: ${bad.message} (replaced by U+FFFD in this quarantined copy)`, [{ path: bad.path, message: bad.message }]);
      return;
    }
    if (columns.ok && text !== undefined) out.valid.push({ id, data, columns: columns.columns, hash: sha256Base64url(text) });
    else if (!columns.ok) quarantine(id, record, columns.reason, columns.issues);
  });

  for (const rejected of page.rejected ?? []) {
    out.received += 1;
    const data = typeof rejected.record === 'object' && rejected.record !== null ? toJsonObject(rejected.record) : {};
    const id = usableId(data);
    // An invalid record still exists in Pax8: it is listed, so it is not removed.
    if (id === undefined) out.idless += 1;
    else out.listedIds.push(id);
    if (typeof data.companyId === 'string' && !origin.keep(data)) continue;
    quarantine(id ?? positional(rejected.index), rejected.record, rejected.reason, rejected.issues);
  }
  return out;
}
