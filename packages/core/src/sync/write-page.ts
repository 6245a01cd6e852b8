import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { NewChangeEvent } from '../storage/changes';
import type { Pax8SyncEntity } from '../storage/entity';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { RecordStore, SyncedRecordBase } from '../storage/records';
import type { RunCheckpointInput } from '../storage/runs';
import type { Pax8SyncStorage, Pax8SyncStores } from '../storage/storage';
import { storableText } from '../storage/storable-text';
import type { LeaseFence } from './sync-run-context';

/** A row with its change events, and whether it is new. @internal */
export interface RowWrite<R extends SyncedRecordBase> {
  row: R;
  events: NewChangeEvent[];
}

/** Everything one page transaction writes. @internal */
export interface PageWrite<R extends SyncedRecordBase> {
  rows: RowWrite<R>[];
  quarantined: QuarantinedRecord[];
  /** Quarantine keys to delete (records that are valid again). */
  resolved: string[];
  /** The run's checkpoint, given the rows storage refused (none, unless it refused some). */
  checkpoint: (refused: readonly RowWrite<R>[]) => RunCheckpointInput;
}

/** How a page is written. @internal */
export interface PageWriter<R extends SyncedRecordBase> {
  storage: Pax8SyncStorage;
  store(stores: Pax8SyncStores): RecordStore<R>;
  connectionId: string;
  entity: Pax8SyncEntity;
  /** The fence (and lease renewal) of the transactions. */
  lease: LeaseFence;
}

/** What a page commit did: the rows storage refused (now quarantined instead). @internal */
export interface PageCommit<R extends SyncedRecordBase> {
  refused: RowWrite<R>[];
}

const rollback = Symbol('probe rollback');

async function commit<R extends SyncedRecordBase>(writer: PageWriter<R>, tx: Pax8SyncStores, write: PageWrite<R>, refused: readonly RowWrite<R>[] = []): Promise<void> {
  if (write.rows.length > 0) await writer.store(tx).upsertMany(write.rows.map((r) => r.row));
  const events = write.rows.flatMap((r) => r.events);
  if (events.length > 0) await tx.changes.append(events);
  if (write.quarantined.length > 0) await tx.quarantine.putMany(write.quarantined);
  if (write.resolved.length > 0) await tx.quarantine.deleteMany(writer.connectionId, writer.entity, write.resolved);
  await tx.runs.checkpoint(write.checkpoint(refused));
}

/**
 * Writes one page in one fenced transaction. When storage refuses it for a reason that is not the
 * engine's (not a `Pax8SyncError`: no lease lost, no closed transaction), the page is probed in
 * transactions that always roll back: if even an empty one fails, the store itself is failing
 * (a lost connection) and the error goes up; otherwise the rows it refuses are found by halving,
 * quarantined with storage's reason, and the rest of the page commits. @internal
 */
export async function writePage<R extends SyncedRecordBase>(writer: PageWriter<R>, write: PageWrite<R>, quarantineOf: (refused: RowWrite<R>, reason: string) => QuarantinedRecord): Promise<PageCommit<R>> {
  const fenced = async (body: (tx: Pax8SyncStores) => Promise<void>, checkpointOnly = false) => {
    const options = await writer.lease.options();
    await writer.storage.transaction(body, checkpointOnly ? { ...options, checkpointOnly } : options);
    writer.lease.committed(options);
  };
  try {
    // A page where nothing changed writes only its checkpoint: storage may commit it without waiting for the disk.
    await fenced((tx) => commit(writer, tx, write), write.rows.length === 0 && write.quarantined.length === 0 && write.resolved.length === 0);
    return { refused: [] };
  } catch (failure) {
    if (Pax8SyncError.isInstance(failure)) throw failure;
    const probe = async (part: (tx: Pax8SyncStores) => Promise<void>): Promise<unknown> => {
      try {
        await writer.storage.transaction(async (tx) => {
          await part(tx);
          throw rollback;
        }, await writer.lease.options());
      } catch (error) {
        if (error === rollback) return undefined;
        if (Pax8SyncError.isInstance(error)) throw error;
        return error;
      }
      return undefined;
    };
    if ((await probe(async () => undefined)) !== undefined) throw failure;
    const rowFails = (rows: RowWrite<R>[]) =>
      probe(async (tx) => {
        await writer.store(tx).upsertMany(rows.map((r) => r.row));
        const events = rows.flatMap((r) => r.events);
        if (events.length > 0) await tx.changes.append(events);
      });
    const refused = await findRefused(write.rows, rowFails);
    const quarantined = [...write.quarantined, ...refused.map(({ item, error }) => quarantineOf(item, reasonOf(error)))];
    const badQuarantine = await findRefused(quarantined, (entries) => probe((tx) => tx.quarantine.putMany(entries)));
    // A quarantine entry storage refuses too keeps its key and reason, without the record.
    const safeQuarantine = quarantined.map((q) => {
      const bad = badQuarantine.find((b) => b.item === q);
      return bad ? { ...q, record: null, reason: storableText(`${q.reason} (the record itself could not be stored either: ${reasonOf(bad.error)})`).slice(0, 2_000) } : q;
    });
    const kept = write.rows.filter((r) => !refused.some((bad) => bad.item === r));
    const refusedRows = refused.map((r) => r.item);
    await fenced((tx) => commit(writer, tx, { ...write, rows: kept, quarantined: safeQuarantine }, refusedRows));
    return { refused: refusedRows };
  }
}

/** Storage's reason, in words storage can hold, bounded. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return storableText(text).slice(0, 1_000);
}

/** The items whose write alone fails, found by halving: a handful of probes for one bad row among 200. */
async function findRefused<T>(items: readonly T[], fails: (items: T[]) => Promise<unknown>): Promise<{ item: T; error: unknown }[]> {
  if (items.length === 0) return [];
  const error = await fails([...items]);
  if (error === undefined) return [];
  if (items.length === 1) return [{ item: items[0] as T, error }];
  const middle = Math.ceil(items.length / 2);
  return [...(await findRefused(items.slice(0, middle), fails)), ...(await findRefused(items.slice(middle), fails))];
}
