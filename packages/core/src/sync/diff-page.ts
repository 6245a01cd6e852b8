import type { NewChangeEvent } from '../storage/changes';
import type { Pax8SyncEntity } from '../storage/entity';
import type { QuarantinedRecord } from '../storage/quarantine';
import type { SyncedRecordBase } from '../storage/records';
import type { RunCounts } from '../storage/runs';
import { eventsFor } from './diff-record';
import type { PreparedPage } from './prepare-page';
import type { SyncPlan } from './sync-types';

/** What one page writes. @internal */
export interface PageWork<R extends SyncedRecordBase> {
  /** Rows to upsert (changed or new), with the events of each. */
  rows: { row: R; events: NewChangeEvent[] }[];
  quarantined: QuarantinedRecord[];
  /** Ids stored as valid on this page (to take out of quarantine when they were there). */
  validIds: string[];
  counts: RunCounts;
  plan: SyncPlan;
}

/** A row as the diff sees it: stored, or written by a page before this one in the same run. @internal */
export type KnownRow<R extends SyncedRecordBase> = Pick<R, keyof SyncedRecordBase> & Partial<R>;

/** Where the page's rows go. @internal */
export interface DiffTarget {
  connectionId: string;
  entity: Pax8SyncEntity;
  runId: string;
  now: number;
}

/** Zero counts. @internal */
export const zeroCounts = (): RunCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 });

/**
 * Compares a prepared page with what storage holds (`known`: stored rows, and rows written by the
 * pages before it): only rows whose content hash changed are written, each with its change
 * events. An id twice on the page is written once, as its last record. Pure. @internal
 */
export function diffPage<R extends SyncedRecordBase>(prepared: PreparedPage<R>, known: (id: string) => KnownRow<R> | undefined, target: DiffTarget): PageWork<R> {
  const work: PageWork<R> = {
    rows: [],
    quarantined: prepared.quarantined,
    validIds: [],
    counts: { ...zeroCounts(), quarantined: prepared.quarantined.length },
    plan: { create: [], update: [], remove: [], quarantine: prepared.quarantined.map((q) => q.key) },
  };
  const written = new Map<string, { row: R; events: NewChangeEvent[] }>();
  for (const { id, data, columns, hash } of prepared.valid) {
    work.validIds.push(id);
    const previous = written.get(id)?.row ?? known(id);
    if (previous && previous.removedAt === null && previous.hash === hash) {
      work.counts.unchanged += 1;
      continue;
    }
    // The spec's columns go last: a spread followed by more keys takes V8's slow path on Node 20
    // (a microsecond or more a key, for every row). Columns hold none of the common keys.
    const row = {
      connectionId: target.connectionId,
      id,
      hash,
      data,
      createdRunId: previous?.createdRunId ?? target.runId,
      updatedRunId: target.runId,
      createdAt: previous?.createdAt ?? target.now,
      updatedAt: target.now,
      removedAt: null,
      ...columns,
    } as R;
    const isNew = !previous || previous.removedAt !== null;
    if (isNew) {
      work.counts.created += 1;
      work.plan.create.push(id);
    } else {
      work.counts.updated += 1;
      work.plan.update.push(id);
    }
    const events = eventsFor({ connectionId: target.connectionId, runId: target.runId, entity: target.entity, entityId: id, at: target.now }, previous as SyncedRecordBase | undefined, row);
    // A later record of the same id replaces the earlier one's row, and its events follow them.
    const earlier = written.get(id);
    written.set(id, { row, events: earlier ? [...earlier.events, ...events] : events });
  }
  work.rows = [...written.values()];
  return work;
}
