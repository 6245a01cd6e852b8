import type { StatusMapperSettings } from '@pax8-sync/status';
import type { EngineDeps } from '../engine/engine-deps';
import type { Pax8SyncEntity } from '../storage/entity';
import type { RunCounts } from '../storage/runs';

/** A progress report, sent after each page (for progress bars). */
export interface SyncProgressEvent {
  /** The connection. */
  connectionId: string;
  /** The entity being synced. */
  entity: Pax8SyncEntity;
  /** The run (`null` for a dry run). */
  runId: string | null;
  /** Pages processed so far in this run. */
  pagesDone: number;
  /** Pages known so far (grows in per-company mode as listings are opened). */
  pagesTotal: number;
  /** Counts so far. */
  counts: RunCounts;
}

/** Options shared by `syncCompanies`, `syncProducts` and `syncSubscriptions`. */
export interface SyncOptions extends EngineDeps {
  /** The connection to sync. */
  connectionId: string;
  /** Compute and return the plan without writing anything to storage: no lock, no run, no rows, no events, no quarantine, not even a newly fetched token (kept in memory for this run only). Pax8 is only read. */
  dryRun?: boolean;
  /** Called after each page. */
  onProgress?: (event: SyncProgressEvent) => void;
  /** Largest share (0–1) of the rows active before the run that it may remove; above it nothing is removed and the run is flagged. Default 0.5. */
  massDeletionThreshold?: number;
  /** Lease length of the sync lock, renewed after every page; default 10 minutes. */
  lockTtlMs?: number;
  /** Page size asked of Pax8 (≤ 200); default 200. */
  pageSize?: number;
  /** Pages fetched ahead while one is written (1–64); default 4. */
  prefetch?: number;
}

/** Options of `syncSubscriptions`. */
export interface SyncSubscriptionsOptions extends SyncOptions {
  /** Status → PSA state settings of this connection (overrides, unknown-status policy), see `@pax8-sync/status`. */
  statusMapping?: StatusMapperSettings;
  /** With at most this many mapped companies, subscriptions are listed per company; otherwise all are paged and filtered. Default 10. */
  perCompanyMaxCompanies?: number;
}

/** What a dry run would do. */
export interface SyncPlan {
  /** Pax8 ids that would be created. */
  create: string[];
  /** Pax8 ids that would be updated. */
  update: string[];
  /** Pax8 ids that would be marked removed (empty when the breaker would trip). */
  remove: string[];
  /** Keys of records that would go to quarantine. */
  quarantine: string[];
}

/** A sync that ran (whatever its outcome). */
export interface SyncRunResult {
  /** `succeeded`; `flagged` (nothing removed: the mass-deletion breaker tripped, or a listing was incomplete; see `error`); `failed` (see `error`; resumable). */
  outcome: 'succeeded' | 'flagged' | 'failed';
  /** The connection. */
  connectionId: string;
  /** The entity. */
  entity: Pax8SyncEntity;
  /** The run id. */
  runId: string;
  /** Id of the failed run this one resumed, or `null`. */
  resumedFromRunId: string | null;
  /** Counts of this run. */
  counts: RunCounts;
  /** Pages processed by this run. */
  pages: number;
  /** Wall time by the injected clock, ms. */
  durationMs: number;
  /**
   * Flags: `mass-deletion-breaker` (outcome `flagged`); `incomplete-listing` (outcome `flagged`: a
   * listing did not deliver every record it said it holds — fewer records than its totalElements,
   * fewer pages than its totalPages, a page short of full before the last, ids repeated across pages
   * or records without a usable id — so nothing was removed; `error` says which listing and how);
   * `removal-deferred` (a listing changed size during the pull, so records may have shifted out of
   * view: nothing was removed this time, and a record that shifted may only be stored by the next run,
   * which also removes what is gone; outcome stays `succeeded`).
   */
  flags: string[];
  /** Why it failed or was flagged (no secrets), or `null`. */
  error: string | null;
}

/** Another worker holds the lease of this (connection, entity). */
export interface SyncAlreadyRunning {
  /** Always `already-running`. */
  outcome: 'already-running';
  /** The connection. */
  connectionId: string;
  /** The entity. */
  entity: Pax8SyncEntity;
  /** The lease holder. */
  heldBy: string;
  /** When its lease expires (a crashed holder's lease is taken over after it), epoch ms. */
  leaseExpiresAt: number;
}

/** The plan of a dry run (nothing was written). */
export interface SyncDryRunResult {
  /** Always `dry-run`. */
  outcome: 'dry-run';
  /** The connection. */
  connectionId: string;
  /** The entity. */
  entity: Pax8SyncEntity;
  /** What a real run would count. */
  counts: RunCounts;
  /** What a real run would do. */
  plan: SyncPlan;
  /** `mass-deletion-breaker` or `removal-deferred`, as a real run would flag. */
  flags: string[];
  /** Pages read. */
  pages: number;
  /** Wall time by the injected clock, ms. */
  durationMs: number;
}

/**
 * A sync that had nothing to do and did not run: no lock, no run record, no Pax8 request. Today
 * only `syncSubscriptions` with no confirmed mapping (`reason: 'no-mapped-companies'`): only
 * subscriptions of mapped companies are synced, so map at least one company first. No run is
 * recorded, so `dueSyncs` keeps subscriptions due and the first sync after a mapping runs at once.
 */
export interface SyncSkipped {
  /** Always `skipped`. */
  outcome: 'skipped';
  /** The connection. */
  connectionId: string;
  /** The entity. */
  entity: Pax8SyncEntity;
  /** Why nothing ran: `no-mapped-companies`. */
  reason: 'no-mapped-companies';
  /** What to do, in words. */
  message: string;
}

/** The typed result of a sync. */
export type SyncResult = SyncRunResult | SyncAlreadyRunning | SyncDryRunResult | SyncSkipped;
