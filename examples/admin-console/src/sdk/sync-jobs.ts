import type { Pax8SyncEntity, SyncEngine, SyncProgressEvent, SyncResult } from '@pax8-sync/core';

/** One sync started from the console, running in this process. */
export interface SyncJob {
  /** The connection. */
  readonly connectionId: string;
  /** What it syncs. */
  readonly entity: Pax8SyncEntity;
  /** Every progress event so far, in order (one per page), so a late watcher can replay them. */
  readonly events: readonly SyncProgressEvent[];
  /** The engine's typed result once it finished, else `null`. */
  readonly result: SyncResult | null;
  /** The message of an error the sync threw (bad input, storage down), else `null`. */
  readonly error: string | null;
  /** True until the sync settled. */
  readonly running: boolean;
  /** Settles when the sync settled (never rejects). */
  readonly done: Promise<void>;
  /** Settles at the next progress event or when the sync settles, whichever comes first. */
  changed(): Promise<void>;
}

/** Options of {@link SyncJobs.start}. */
export interface StartSyncOptions {
  /** Passed to the engine: the largest share of stored rows this run may remove (the mass-deletion breaker); default the engine's 0.5. */
  massDeletionThreshold?: number;
}

/** The console's background syncs: at most one per connection and entity. */
export interface SyncJobs {
  /** Starts a sync unless one is already running for that connection and entity (then returns that one). */
  start(connectionId: string, entity: Pax8SyncEntity, options?: StartSyncOptions): SyncJob;
  /** The newest job of that connection and entity, running or finished, if any. */
  latest(connectionId: string, entity: Pax8SyncEntity): SyncJob | undefined;
  /** True while any job of the connection runs. */
  busy(connectionId: string): boolean;
  /** Settles when every job running now has settled. */
  idle(): Promise<void>;
}

/** Options of {@link createSyncJobs}. */
export interface SyncJobsOptions {
  /** The engine that runs the syncs. */
  engine: SyncEngine;
  /** Page size asked of Pax8 (smaller pages: a finer progress bar); default the engine's. */
  pageSize?: number;
}

function runEngine(engine: SyncEngine, entity: Pax8SyncEntity, options: Parameters<SyncEngine['syncCompanies']>[0]): Promise<SyncResult> {
  if (entity === 'companies') return engine.syncCompanies(options);
  if (entity === 'products') return engine.syncProducts(options);
  return engine.syncSubscriptions(options);
}

function startJob(options: SyncJobsOptions, connectionId: string, entity: Pax8SyncEntity, start: StartSyncOptions): SyncJob {
  const events: SyncProgressEvent[] = [];
  let wake: (() => void) | undefined;
  let woken: Promise<void> | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
    woken = undefined;
  };
  const job = {
    connectionId,
    entity,
    events,
    result: null as SyncResult | null,
    error: null as string | null,
    running: true,
    done: Promise.resolve(),
    changed(): Promise<void> {
      if (!job.running) return Promise.resolve();
      woken ??= new Promise<void>((resolve) => {
        wake = resolve;
      });
      return woken;
    },
  };
  const onProgress = (event: SyncProgressEvent): void => {
    events.push(event);
    notify();
  };
  job.done = runEngine(options.engine, entity, {
    connectionId,
    onProgress,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(start.massDeletionThreshold === undefined ? {} : { massDeletionThreshold: start.massDeletionThreshold }),
  }).then(
    (result) => {
      job.result = result;
    },
    (error: unknown) => {
      // Engine errors name what failed and never carry secrets, so the message can be shown.
      job.error = error instanceof Error ? error.message : String(error);
    },
  ).finally(() => {
    job.running = false;
    notify();
  });
  return job;
}

/**
 * Background syncs for the console's "Sync now" buttons and progress bars. In your product this is
 * your job queue (see `examples/scheduled-worker` or `@pax8-sync/worker`); the engine's lease lock
 * keeps one sync per connection and entity across processes either way.
 */
export function createSyncJobs(options: SyncJobsOptions): SyncJobs {
  const jobs = new Map<string, SyncJob>();
  const key = (connectionId: string, entity: Pax8SyncEntity) => `${connectionId}\u0000${entity}`;
  return {
    start(connectionId, entity, start = {}) {
      const current = jobs.get(key(connectionId, entity));
      if (current?.running) return current;
      const job = startJob(options, connectionId, entity, start);
      jobs.set(key(connectionId, entity), job);
      return job;
    },
    latest: (connectionId, entity) => jobs.get(key(connectionId, entity)),
    busy: (connectionId) => [...jobs.values()].some((job) => job.connectionId === connectionId && job.running),
    async idle() {
      await Promise.all([...jobs.values()].map((job) => job.done));
    },
  };
}
