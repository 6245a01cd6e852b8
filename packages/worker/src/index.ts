/**
 * @pax8-sync/worker — scale-out for pax8-sync: every connection's syncs as graphile-worker jobs
 * across many processes, with cadence and jitter, coalescing job keys, a shared per-account rate
 * limit, fair share between tenants, crash recovery and metrics. See README.md.
 * @packageDocumentation
 */

export { createPax8SyncWorker, type Pax8SyncWorker } from './create-pax8-sync-worker';
export type { LivenessOptions } from './liveness/liveness';
export { type CounterLike, type HistogramLike, type MeterLike, type MetricAttributes, workerMetricNames } from './metrics/meter';
export { createRecordingMeter, type RecordedMeasurement, type RecordingMeter } from './metrics/recording-meter';
export { type AccountKey, type AccountKeyInput, clientIdAccountKey, connectionAccountKey } from './rate-limit/account-key';
export { createPostgresRateLimitStore, type PostgresRateLimitStoreOptions } from './rate-limit/postgres-rate-limit-store';
export { rateLimitedClientFactory, type RateLimitedClientFactoryOptions } from './rate-limit/rate-limited-client-factory';
export { rateLimitedFetch } from './rate-limit/rate-limited-fetch';
export { cadenceOffset, nextSlot } from './schedule/cadence-slot';
export type { FairShareOptions, SyncPlacement } from './schedule/fair-share';
export type { ReconcileResult } from './schedule/reconcile';
export type { ScheduleOverride } from './schedule/schedule-overrides';
export { type OutboxJobPayload, outboxJobKey, pax8SyncTaskNames, type SyncJobPayload, type SyncTrigger, syncJobKey } from './schedule/task-names';
export { Pax8SyncJobError } from './tasks/sync-task';
export type { WebhookRefreshPayload } from './tasks/webhook-jobs';
export { Pax8WebhookRefreshError } from './tasks/webhook-refresh-task';
export type { Pax8SyncWorkerOptions, WorkerRateLimitOptions, WorkerWriteBackOptions } from './worker-options';
