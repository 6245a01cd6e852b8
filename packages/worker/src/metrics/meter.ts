/** Attributes of one measurement (low cardinality: entity, outcome, trigger; never a connection id). */
export type MetricAttributes = Record<string, string | number | boolean>;

/** A monotonic counter (OpenTelemetry's `Counter` satisfies it). */
export interface CounterLike {
  /** Adds `value`. */
  add(value: number, attributes?: MetricAttributes): void;
}

/** A distribution of values (OpenTelemetry's `Histogram` satisfies it). */
export interface HistogramLike {
  /** Records one value. */
  record(value: number, attributes?: MetricAttributes): void;
}

/**
 * Where the worker reports its metrics. An OpenTelemetry `Meter`
 * (`metrics.getMeter('pax8-sync-worker')`) satisfies it as it is; so does {@link createRecordingMeter}
 * or any object of your own with these two methods.
 */
export interface MeterLike {
  /** Creates (or returns) a counter. */
  createCounter(name: string, options?: { description?: string; unit?: string }): CounterLike;
  /** Creates (or returns) a histogram. */
  createHistogram(name: string, options?: { description?: string; unit?: string }): HistogramLike;
}

/** The names of the instruments the worker reports. */
export const workerMetricNames = {
  /** Counter: syncs started, by `entity` and `trigger` (`schedule`, `webhook`, `manual`, `retry`). */
  syncsStarted: 'pax8_sync.worker.syncs.started',
  /** Counter: syncs finished, by `entity`, `trigger` and `outcome` (`succeeded`, `flagged`, `skipped`, `failed`, `already-running`, `interrupted`, `connection-removed`). */
  syncsFinished: 'pax8_sync.worker.syncs.finished',
  /** Histogram, ms: how long a sync took, by `entity` and `outcome`. */
  syncDuration: 'pax8_sync.worker.sync.duration',
  /** Histogram, ms: how late a sync started against the time it was scheduled for, by `entity` and `trigger`. */
  syncLateness: 'pax8_sync.worker.sync.lateness',
  /** Counter: records a sync read (created + updated + unchanged), by `entity`. */
  recordsSynced: 'pax8_sync.worker.records.synced',
  /** Histogram, ms: how long a request waited for its slot of the account's rate limit (only waits > 0). */
  rateLimitWait: 'pax8_sync.worker.rate_limit.wait',
  /** Counter: jobs of dead worker processes released for another process to run. */
  jobsRecovered: 'pax8_sync.worker.jobs.recovered',
  /** Counter: write-back passes of a connection's outbox, by `task` (`send`, `reconcile`) and `outcome` (`ok`, `idle`: nothing to do, `error`, `reauthorization-required`, `connection-removed`). */
  outboxPasses: 'pax8_sync.worker.outbox.passes',
  /** Counter: write intents a pass handled, by `task` and the `state` each ended the pass in (`applied`, `failed`, `conflict`, `unknown`, `approved`, `sending`). */
  outboxIntents: 'pax8_sync.worker.outbox.intents',
  /** Histogram, ms: how long a write-back pass took, by `task` and `outcome`. */
  outboxDuration: 'pax8_sync.worker.outbox.duration',
  /** Counter: webhook deliveries handed to the worker's `onWebhookDelivery`, by `target` (`company-subscriptions`, `subscription`, `companies`, `products`, `none`) and `outcome` (`enqueued`: a job added or brought forward; `coalesced`: a waiting job already covers it; `failed`; `nothing-to-sync`), counted once its job is in place. */
  webhookDeliveries: 'pax8_sync.worker.webhook.deliveries',
  /** Counter: webhook refresh jobs run, by `target` and `outcome` (`succeeded`, `deferred`: a full sync held the lock, `failed`, `connection-removed`). */
  webhookRefreshes: 'pax8_sync.worker.webhook.refreshes',
  /** Counter: webhook sweeps run, by `outcome` (`ok`, `no-webhook`, `error`, `connection-removed`). */
  webhookSweeps: 'pax8_sync.worker.webhook.sweeps',
  /** Counter: targets the sweeps found in failed deliveries and enqueued. */
  webhookSweptTargets: 'pax8_sync.worker.webhook.swept_targets',
} as const;

/** The worker's instruments, created once. @internal */
export interface WorkerInstruments {
  syncsStarted: CounterLike;
  syncsFinished: CounterLike;
  syncDuration: HistogramLike;
  syncLateness: HistogramLike;
  recordsSynced: CounterLike;
  rateLimitWait: HistogramLike;
  jobsRecovered: CounterLike;
  outboxPasses: CounterLike;
  outboxIntents: CounterLike;
  outboxDuration: HistogramLike;
  webhookDeliveries: CounterLike;
  webhookRefreshes: CounterLike;
  webhookSweeps: CounterLike;
  webhookSweptTargets: CounterLike;
}

const noopMeter: MeterLike = {
  createCounter: () => ({ add: () => undefined }),
  createHistogram: () => ({ record: () => undefined }),
};

/** Creates the instruments on `meter` (no-ops without one). @internal */
export function createInstruments(meter: MeterLike | undefined): WorkerInstruments {
  const m = meter ?? noopMeter;
  const ms = { unit: 'ms' };
  return {
    syncsStarted: m.createCounter(workerMetricNames.syncsStarted, { description: 'Syncs started' }),
    syncsFinished: m.createCounter(workerMetricNames.syncsFinished, { description: 'Syncs finished, by outcome' }),
    syncDuration: m.createHistogram(workerMetricNames.syncDuration, { description: 'Sync duration', ...ms }),
    syncLateness: m.createHistogram(workerMetricNames.syncLateness, { description: 'Start time minus scheduled time', ...ms }),
    recordsSynced: m.createCounter(workerMetricNames.recordsSynced, { description: 'Records read by syncs' }),
    rateLimitWait: m.createHistogram(workerMetricNames.rateLimitWait, { description: 'Wait for a rate-limit slot', ...ms }),
    jobsRecovered: m.createCounter(workerMetricNames.jobsRecovered, { description: 'Jobs of dead processes released' }),
    outboxPasses: m.createCounter(workerMetricNames.outboxPasses, { description: 'Write-back passes, by task and outcome' }),
    outboxIntents: m.createCounter(workerMetricNames.outboxIntents, { description: 'Write intents handled, by task and the state they ended in' }),
    outboxDuration: m.createHistogram(workerMetricNames.outboxDuration, { description: 'Write-back pass duration', ...ms }),
    webhookDeliveries: m.createCounter(workerMetricNames.webhookDeliveries, { description: 'Webhook deliveries enqueued, by target' }),
    webhookRefreshes: m.createCounter(workerMetricNames.webhookRefreshes, { description: 'Webhook refreshes, by target and outcome' }),
    webhookSweeps: m.createCounter(workerMetricNames.webhookSweeps, { description: 'Webhook delivery sweeps, by outcome' }),
    webhookSweptTargets: m.createCounter(workerMetricNames.webhookSweptTargets, { description: 'Targets found by webhook sweeps' }),
  };
}
