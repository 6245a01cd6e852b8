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

/** Input of {@link RunStore.checkpoint}: one page's progress. */
export interface RunCheckpointInput {
  /** The run. */
  runId: string;
  /** Where to resume (engine-defined JSON). */
  checkpoint: JsonObject;
  /** Counts so far. */
  counts: RunCounts;
  /**
   * Every id the page listed (valid, quarantined, and, for subscriptions, those of unmapped
   * companies too), duplicates possible: added to the seen set of the run's pull.
   */
  seenIds: readonly string[];
  /**
   * The page's position in its pull: 0, 1, 2, … counting on across the runs resuming it. The engine
   * never gives one position twice in a pull (a failed transaction rolls its checkpoint back), and
   * only the latest pull of a (connection, entity) writes (the lease): an adapter may key the page's
   * seen ids by (connection, entity, position) and let the next pull of that entity overwrite them.
   */
  page: number;
  /**
   * The page's mark (opaque engine text, at most a few hundred characters), when the engine made
   * one: an adapter declaring `capabilities.pageMarks` keeps it with the page (its slot) until a later
   * checkpoint of that slot replaces it, one without a mark clearing it. Others ignore it.
   */
  mark?: string;
}

/** A page mark as kept by an adapter with `capabilities.pageMarks`: which slot (position in its pull) holds which mark. */
export interface PageMark {
  /** The page's position in the pull that wrote it (`RunCheckpointInput.page`). */
  page: number;
  /** The mark, as given to `checkpoint`. */
  mark: string;
}

/**
 * Run records: start, checkpoint (per page), finish, history, and the seen-id set of each pull.
 * A no-change re-sync writes one checkpoint per page and nothing else, so an adapter that writes one
 * row per `checkpoint` call (the page's ids and the run's progress together) keeps a re-sync at one
 * row a page; the Postgres adapter does.
 */
export interface RunStore {
  /** Inserts a new run; rejects if a run with that id exists. */
  start(run: SyncRun): Promise<void>;
  /**
   * Records progress of a page: afterwards `get` returns the run with this `checkpoint` and `counts`,
   * and the page's `seenIds` are in the seen set of the run's pull. Meant to be called in the page's
   * transaction, so it commits or rolls back with the page's rows and change events. Rejects if the
   * run does not exist.
   */
  checkpoint(input: RunCheckpointInput): Promise<void>;
  /** Ends a run: sets outcome, finishedAt, counts, error and flags. The last checkpoint is kept. */
  finish(input: RunFinish): Promise<void>;
  /** Returns the run, or `undefined`. */
  get(runId: string): Promise<SyncRun | undefined>;
  /**
   * Run history of a connection, newest first (by start order, ties broken by insertion order),
   * optionally of one entity, at most `limit` (default 50).
   */
  list(connectionId: string, options?: { entity?: Pax8SyncEntity; limit?: number }): Promise<SyncRun[]>;
  /** How many distinct ids the seen set of this pull holds (0 for an unknown pull). */
  countSeen(connectionId: string, pullId: string): Promise<number>;
  /** Every id in the seen set of this pull, each once, in any order (for tools and tests; the engine uses `countSeen` and `RecordStore.listUnseen`). */
  listSeen(connectionId: string, pullId: string): Promise<string[]>;
  /**
   * The engine is done with this pull's seen set (the pull completed, or will not be resumed) and
   * never reads it again. Free it now, or reuse its space for a later pull of the same entity (the
   * Postgres adapter overwrites a page's slot); either way a later pull's seen set holds only its own ids.
   */
  clearSeen(connectionId: string, pullId: string): Promise<void>;
  /**
   * The marks the latest checkpoints of this entity's pages hold, one per position (any order),
   * whatever pull wrote them and whether its seen set was cleared since; positions without a mark are
   * left out. Purged with the connection. Required with `capabilities.pageMarks`, absent otherwise.
   */
  pageMarks?(connectionId: string, entity: Pax8SyncEntity): Promise<PageMark[]>;
}
