import type { Pax8SyncEntity } from './entity';
import type { JsonObject } from './json';

/** How a run ended; `running` until `finish`. */
export type RunOutcome = 'running' | 'succeeded' | 'failed' | 'flagged';

/** Counts of what a run did. */
export interface RunCounts {
  /** Rows created. */
  created: number;
  /** Rows updated (content changed). */
  updated: number;
  /** Rows seen with no change. */
  unchanged: number;
  /** Rows marked removed. */
  removed: number;
  /** Records sent to quarantine. */
  quarantined: number;
}

/** One sync run of one entity on one connection. */
export interface SyncRun {
  /** Run id (engine-generated). */
  id: string;
  /** The connection. */
  connectionId: string;
  /** Which entity the run syncs. */
  entity: Pax8SyncEntity;
  /**
   * The pull this run contributes to: its own id for a fresh pull, or the pull id of the failed run
   * it resumes. Seen ids are kept per pull (see {@link RunStore.checkpoint}).
   */
  pullId: string;
  /** Id of the run this one resumes, or `null`. */
  resumedFromRunId: string | null;
  /** Start time, epoch ms. */
  startedAt: number;
  /** End time, epoch ms; `null` while running. */
  finishedAt: number | null;
  /** Outcome; `running` until finished. */
  outcome: RunOutcome;
  /** Where to resume: engine-defined JSON, written with each page; `null` before the first page. */
  checkpoint: JsonObject | null;
  /** Counts so far (final after finish). */
  counts: RunCounts;
  /** Why the run failed or was flagged (no secrets); `null` otherwise. */
  error: string | null;
  /** Flags set on the run, e.g. `mass-deletion-breaker`. */
  flags: string[];
}

/** Values written when a run ends. */
export interface RunFinish {
  /** Run id. */
  runId: string;
  /** Final outcome (not `running`). */
  outcome: Exclude<RunOutcome, 'running'>;
  /** End time, epoch ms. */
  finishedAt: number;
  /** Final counts. */
  counts: RunCounts;
  /** Failure or flag reason, or `null`. */
  error: string | null;
  /** Flags. */
  flags: string[];
}

/** Run records: start, checkpoint (per page), finish, history, and the seen-id set of each pull. */
export interface RunStore {
  /** Inserts a new run; rejects if a run with that id exists. */
  start(run: SyncRun): Promise<void>;
  /**
   * Records progress of a page: sets the run's `checkpoint` and `counts`, and adds `seenIds` to the
   * seen set of the run's pull. Meant to be called in the page's transaction, so it commits or
   * rolls back with the page's rows and change events. Rejects if the run does not exist.
   */
  checkpoint(input: { runId: string; checkpoint: JsonObject; counts: RunCounts; seenIds: readonly string[] }): Promise<void>;
  /** Ends a run: sets outcome, finishedAt, counts, error and flags. The checkpoint is kept. */
  finish(input: RunFinish): Promise<void>;
  /** Returns the run, or `undefined`. */
  get(runId: string): Promise<SyncRun | undefined>;
  /**
   * Run history of a connection, newest first (by start order, ties broken by insertion order),
   * optionally of one entity, at most `limit` (default 50).
   */
  list(connectionId: string, options?: { entity?: Pax8SyncEntity; limit?: number }): Promise<SyncRun[]>;
  /** Every id added to the seen set of this pull, each once, in any order. */
  listSeen(connectionId: string, pullId: string): Promise<string[]>;
  /** Forgets the seen set of this pull (after it completed). */
  clearSeen(connectionId: string, pullId: string): Promise<void>;
}
