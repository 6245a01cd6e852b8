import type { Pax8PageLike } from '../engine/client-port';
import { sha256Base64url, stableStringify } from '../engine/content-hash';
import type { JsonObject } from '../storage/json';
import type { RecordHash, SyncedRecordBase } from '../storage/records';
import type { EntitySpec } from './entity-specs';
import type { PullScope } from './pull-scope';
import type { SyncRunContext } from './sync-run-context';

/**
 * Page marks: a re-sync skips the diff of a page that is exactly as an earlier pull listed it and
 * whose rows storage still holds as that pull left them. A mark is `<content>.<rows>`:
 * - `content`: a digest of the listing page as Pax8 sent it (its records' JSON text) and of what
 *   else decides the rows made from it: the entity, the spec's and the scope's `markKey`, the row the
 *   spec makes of a fixed record ({@link rowProbe}), the page size, the listing's parameters, the page
 *   number and {@link MARK_VERSION};
 * - `rows`: a digest of the ids and content hashes of the rows the page stored.
 * A page with the content of a mark is skipped when `RecordStore.getHashes` of its ids gives that
 * rows digest back: no row read in full, no diff, only its checkpoint (its ids, the same mark)
 * written. Anything else (a changed record, a row changed or removed in storage, another mapping or
 * status setting, a page with records quarantined) diffs the page as before.
 */

/** Bump when the row the engine makes of a record changes in a way {@link rowProbe} cannot see: older marks then match no page. */
const MARK_VERSION = 1;

/** What of a spec the mark reads. */
interface MarkedSpec {
  entity: string;
  markKey?: string;
  columns(data: JsonObject): { ok: true; columns: object } | { ok: false };
}

/** A record with the fields every spec reads, to see what row a spec makes of it. */
const PROBE_RECORD: JsonObject = { id: 'probe', name: 'Probe', vendorName: 'Probe', companyId: 'c', productId: 'p', quantity: 3, status: 'Active', price: 1, currencyCode: 'USD' };
const probes = new WeakMap<object, string>();

/**
 * The text of the row a spec makes of a fixed record, as hashed: when the engine's columns, their
 * values or its hashing change in a release, this changes, and marks written before it match no page.
 */
function rowProbe(spec: MarkedSpec): string {
  let probe = probes.get(spec);
  if (probe === undefined) {
    const columns = spec.columns(PROBE_RECORD);
    probe = stableStringify({ data: PROBE_RECORD, ...(columns.ok ? (columns.columns as JsonObject) : {}) });
    probes.set(spec, probe);
  }
  return probe;
}

/** The marks a pull may match, by content digest. @internal */
export interface PageMarks {
  /** Whether pages are marked (storage declares `capabilities.pageMarks`, the spec and scope have a `markKey`, no dry run). */
  enabled: boolean;
  /** The rows digest of the mark with this content digest, or `undefined`. */
  rowsOf(content: string): string | undefined;
}

/** Pages are neither marked nor skipped. @internal */
export const noPageMarks: PageMarks = { enabled: false, rowsOf: () => undefined };

/** The marks storage holds for the pull's entity, when pages may be marked at all. @internal */
export async function loadPageMarks<R extends SyncedRecordBase>(ctx: SyncRunContext<R>, spec: EntitySpec<R>, scope: PullScope): Promise<PageMarks> {
  const runs = ctx.storage.runs;
  if (ctx.dryRun || ctx.storage.capabilities.pageMarks !== true || !runs.pageMarks || !spec.store(ctx.storage).getHashes) return noPageMarks;
  if (spec.markKey === undefined || scope.markKey === undefined) return noPageMarks;
  const byContent = new Map<string, string>();
  for (const { mark } of await runs.pageMarks(ctx.connectionId, ctx.entity)) {
    const dot = mark.indexOf('.');
    if (dot > 0) byContent.set(mark.slice(0, dot), mark.slice(dot + 1));
  }
  return { enabled: true, rowsOf: (content) => byContent.get(content) };
}

/** Where a page was listed, for its content digest. @internal */
export interface ListedAt {
  spec: MarkedSpec;
  scope: Pick<PullScope, 'markKey' | 'listings'>;
  listing: number;
  pageSize: number;
  number: number;
}

/** The content digest of a listed page (see the module's comment). @internal */
export function pageContent(origin: ListedAt, page: Pax8PageLike): string {
  const head = JSON.stringify([MARK_VERSION, rowProbe(origin.spec), origin.spec.entity, origin.spec.markKey, origin.scope.markKey, origin.pageSize, origin.scope.listings[origin.listing] ?? {}, origin.number]);
  return sha256Base64url(`${head}\n${JSON.stringify(page.content)}`);
}

/** The rows digest of a page's stored rows: their ids and hashes, in id order. @internal */
export function rowsDigest(rows: readonly RecordHash[]): string {
  const sorted = rows.map((r) => [r.id, r.hash]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
  // JSON text: ids may hold any character, so no separator could tell two lists apart.
  return sha256Base64url(JSON.stringify(sorted));
}

/** A page's record as the mark check reads it (fields only: nothing is copied). @internal */
export const recordFields = (record: unknown): JsonObject | undefined => (typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as JsonObject) : undefined);
