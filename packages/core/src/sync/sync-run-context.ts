import type { SyncClock } from '../engine/clock';
import type { CompleteSyncLogger } from '../engine/logger';
import { Pax8SyncLeaseLostError } from '../errors/lease-lost-error';
import type { Pax8SyncEntity } from '../storage/entity';
import type { LockLease, TransactionOptions } from '../storage/locks';
import type { RecordStore, SyncedRecordBase } from '../storage/records';
import type { RunCounts } from '../storage/runs';
import type { Pax8SyncStorage, Pax8SyncStores } from '../storage/storage';
import type { SyncOptions, SyncPlan } from './sync-types';

/** Everything one sync run shares between its steps. @internal */
export interface SyncRunContext<R extends SyncedRecordBase> {
  options: SyncOptions;
  storage: Pax8SyncStorage;
  store: (stores: Pax8SyncStores) => RecordStore<R>;
  connectionId: string;
  entity: Pax8SyncEntity;
  clock: SyncClock;
  log: CompleteSyncLogger;
  dryRun: boolean;
  /** The run id (`dry-run` for a dry run). */
  runId: string;
  /** The pull's id (the seen set's key). */
  pullId: string;
  pageSize: number;
  prefetch: number;
  threshold: number;
  counts: RunCounts;
  plan: SyncPlan;
  flags: string[];
  /** Pages processed and known, for progress events. */
  progress: { done: number; total: number };
  /** Ids seen by a dry run (it writes no seen set). */
  seenInMemory: Set<string>;
  /** Quarantine keys stored before this run. */
  knownQuarantine: Set<string>;
  /** This run and the runs of the same pull it resumes: their quarantine entries are current. */
  pullRunIds: Set<string>;
  /** The fence of write transactions, renewing the lease when it is due. */
  lease: LeaseFence;
}

/** The fence of write transactions, and the note that one committed. @internal */
export interface LeaseFence {
  /** Options for the next write transaction: the fence, plus a renewal when the lease is half gone. */
  options(): Promise<TransactionOptions>;
  /** A transaction written with `options` committed (its renewal, if any, took effect). */
  committed(options: TransactionOptions): void;
}

/**
 * The lease's fence for write transactions. The lease is renewed only once less than half of it is
 * left, so a page taking less than half the lease writes no renewal of its own: inside the
 * transaction when the adapter can (`renewInTransaction`, counted once the transaction committed),
 * else with `locks.renew` first. @internal
 */
export function leaseFence(storage: Pax8SyncStorage, lease: LockLease | null, ttlMs: number, clock: SyncClock): LeaseFence {
  if (!lease) return { options: async () => ({}), committed: () => undefined };
  const renewInTransaction = storage.capabilities.renewInTransaction === true;
  const fence = { connectionId: lease.connectionId, name: lease.name, token: lease.token };
  let expiresAt = lease.expiresAt;
  return {
    async options() {
      const now = clock.now();
      if (expiresAt - now > ttlMs / 2) return { fence };
      if (renewInTransaction) return { fence: { ...fence, renew: { ttlMs, now } } };
      const renewed = await storage.locks.renew({ ...fence, ttlMs, now });
      if (!renewed) throw new Pax8SyncLeaseLostError(lease.name, lease.token);
      expiresAt = renewed.expiresAt;
      return { fence };
    },
    committed(options) {
      const renew = options.fence?.renew;
      if (renew) expiresAt = Math.max(expiresAt, renew.now + renew.ttlMs);
    },
  };
}
