import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { ListRecordsOptions, RecordPage, SyncedRecordBase } from './records';

/** Options of {@link iterateRecords} and {@link collectRecords}: a listing's filters, without the cursor. */
export type IterateRecordsOptions = Omit<ListRecordsOptions, 'after'>;

/** Anything with a keyset `list` (every `RecordStore`). */
interface Listable<T> {
  list(connectionId: string, options?: ListRecordsOptions): Promise<RecordPage<T>>;
}

/**
 * Every row of a listing, page after page (`limit` rows per request, default 1000), ascending by
 * id: it follows `nextCursor` until the listing says it is done, so it never stops at a page size.
 * @example
 * for await (const row of iterateRecords(storage.subscriptions, connectionId, { companyIds })) bill(row);
 */
export async function* iterateRecords<T extends SyncedRecordBase>(store: Listable<T>, connectionId: string, options: IterateRecordsOptions = {}): AsyncGenerator<T> {
  let after: string | undefined;
  for (;;) {
    const page = await store.list(connectionId, { ...options, ...(after === undefined ? {} : { after }) });
    yield* page.items;
    if (page.nextCursor === null) return;
    if (page.items.length === 0 || page.nextCursor === after) {
      // A cursor that does not move would loop forever: an adapter bug, said plainly.
      throw new Pax8SyncError('invalid-storage-page', `The storage adapter returned a page with nextCursor ${JSON.stringify(page.nextCursor)} that does not advance the listing; check its list() against the conformance suite.`);
    }
    after = page.nextCursor;
  }
}

/**
 * Every row of a listing in one array (see {@link iterateRecords}). With `max`, refuses a listing
 * holding more rows than that, instead of loading it all: a `Pax8SyncConfigError` naming `max`.
 * @example
 * const rows = await collectRecords(storage.subscriptions, connectionId, { max: 50_000 });
 */
export async function collectRecords<T extends SyncedRecordBase>(store: Listable<T>, connectionId: string, options: IterateRecordsOptions & { max?: number } = {}): Promise<T[]> {
  const { max, ...listing } = options;
  const rows: T[] = [];
  for await (const row of iterateRecords(store, connectionId, listing)) {
    if (max !== undefined && rows.length >= max) {
      throw new Pax8SyncConfigError('max', `the listing holds more than ${max} rows; raise max, or walk it with iterateRecords() instead of loading it at once.`);
    }
    rows.push(row);
  }
  return rows;
}
