import type { ClientFactory, CredentialCodec, EngineClientOptions, IdGenerator, Pax8SyncStorage, SyncCadence, SyncClock, SyncEngineOptions, SyncLogger } from '@pax8-sync/core';
import type { Pool } from 'pg';
import type { WorkerInstruments } from './metrics/meter';
import type { AccountKey } from './rate-limit/account-key';
import type { WorkerRateLimitOptions, WorkerWriteBackOptions } from './worker-options';
import type { ResolvedFairShare } from './schedule/fair-share';
import type { JobsDb } from './schedule/sync-jobs';

/** Everything the tasks share, resolved from the options once. @internal */
export interface WorkerContext {
  pool: Pool;
  storage: Pax8SyncStorage;
  codec: CredentialCodec;
  clock: SyncClock;
  ids: IdGenerator | undefined;
  logger: Required<SyncLogger>;
  /** The user's client factory, or `undefined` for core's default with `clientOptions`. */
  createClient: ClientFactory | undefined;
  clientOptions: EngineClientOptions;
  fetch: typeof fetch | undefined;
  syncDefaults: NonNullable<SyncEngineOptions['syncDefaults']>;
  lockTtlMs: number;
  /** The shared limit, or `null` when off. */
  rateLimit: (Required<Pick<WorkerRateLimitOptions, 'store'>> & Omit<WorkerRateLimitOptions, 'store' | 'accountKey'>) | null;
  accountKey: AccountKey;
  jobs: JobsDb;
  /** The worker's own schema, quoted. */
  workerSchema: string;
  cadence: SyncCadence;
  /** Whether billing (`invoices`) is scheduled and run. */
  billing: boolean;
  fairShare: ResolvedFairShare;
  webhookDebounceMs: number;
  webhookSweepEveryMs: number;
  instruments: WorkerInstruments;
  /** The write-back tasks' settings, or `null` when off (or the storage has no outbox). */
  writeBack: Required<WorkerWriteBackOptions> | null;
}
