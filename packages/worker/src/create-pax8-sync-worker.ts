import { EventEmitter } from 'node:events';
import { type Pax8SyncEntity, Pax8SyncConfigError, type WebhookDelivery } from '@pax8-sync/core';
import { type ParsedCronItem, parseCronItems, type Runner, run, runMigrations, type TaskList, type WorkerEvents } from 'graphile-worker';
import { poolErrorGuard } from './database/pool-errors';
import { migrateWorkerSchema } from './database/worker-migrations';
import { graphileLogger } from './graphile-logger';
import { type Liveness, startLiveness } from './liveness/liveness';
import { resolveOptions } from './resolve-options';
import { lastRecords, overridesOf, syncSpec } from './schedule/plan-sync';
import { type ReconcileResult, reconcileSchedules } from './schedule/reconcile';
import { clearOverrides, putOverride, type ScheduleOverride } from './schedule/schedule-overrides';
import { ensureSyncBy } from './schedule/sync-jobs';
import { entitiesOf } from './schedule/worker-entities';
import { pax8SyncTaskNames } from './schedule/task-names';
import { scheduleOutboxJob } from './tasks/outbox-task';
import { buildTaskList } from './tasks/task-list';
import { webhookDeliveryHandler } from './tasks/webhook-jobs';
import { scheduleWebhookSweep } from './tasks/webhook-sweep-task';
import type { Pax8SyncWorkerOptions } from './worker-options';

/** A pax8-sync worker: the engine's tasks on graphile-worker, and the calls that schedule them. */
export interface Pax8SyncWorker {
  /** Installs or upgrades graphile-worker's schema and the worker's own tables. Safe on every start, from many processes. */
  migrate(): Promise<void>;
  /** Starts running jobs in this process (and schedules every connection that has no job yet). */
  start(): Promise<void>;
  /**
   * Stops gracefully: no new job starts; running syncs finish, or after `shutdownTimeoutMs` stop at
   * their next request with every committed page kept and are queued again to resume elsewhere.
   * Between `start()` and the end of `stop()` (and during `migrate()`) a connection the server drops
   * is a warning through the logger, never an unhandled 'error' event of the pool.
   */
  stop(): Promise<void>;
  /**
   * Resolves once this process stops running jobs: with `null` after `stop()`, or with the error when
   * graphile-worker gave up on its own (e.g. "Could not completeJobs; queue is in an inconsistent
   * state"). That is logged too and the heartbeat stops, so other processes take its jobs over; exit
   * the process then and let your supervisor start a new one. Resolves at once when not started.
   */
  whenStopped(): Promise<Error | null>;
  /** graphile-worker's id of this process's pool (locks show it), or `null` before `start()`. */
  readonly poolId: string | null;
  /** Schedules every connection (or the given ones) that has no sync job waiting or running. */
  scheduleConnections(connectionIds?: readonly string[]): Promise<ReconcileResult>;
  /** "Sync now": the named entities (default every one the worker schedules: the three, and `invoices` with `billing`) of a connection run at once, coalesced with their waiting job. */
  syncNow(connectionId: string, entities?: readonly Pax8SyncEntity[]): Promise<void>;
  /**
   * "Send now": the connection's outbox send job runs at once (coalesced with its waiting one), so
   * intents just approved go out without waiting for `writeBack.sendEveryMs`.
   * @throws `Pax8SyncConfigError` when write-back is off (or the storage has no outbox).
   */
  sendWritesNow(connectionId: string): Promise<void>;
  /**
   * Give it to `createWebhookReceiver({ onDelivery })`: each delivery's target becomes one job,
   * `webhookDebounceMs` later, keyed so a burst coalesces. Companies and products bring the
   * connection's sync job of that entity forward (coalesced with its scheduled sync); a company's
   * subscriptions (or one subscription) rely on the connection's scheduled subscriptions sync when
   * it is due within `webhookDebounceMs` and starts a fresh pull, else get a targeted refresh job
   * (one company read). Never throws; returns at once.
   * @example
   * const receive = engine.createWebhookReceiver({ onDelivery: worker.onWebhookDelivery });
   */
  readonly onWebhookDelivery: (delivery: WebhookDelivery) => void;
  /** Sweeps the connection's failed webhook deliveries now (then every `webhookSweepEveryMs`); the reconcile task starts sweeps for connections with a webhook. */
  sweepWebhooksNow(connectionId: string): Promise<void>;
  /** Stores per-connection overrides (cadence, size hint) and re-places the connection's waiting jobs. */
  setSchedule(connectionId: string, override: ScheduleOverride): Promise<void>;
  /** Drops a connection's overrides (back to the worker's cadence) and re-places its waiting jobs. */
  clearSchedule(connectionId: string): Promise<void>;
  /** The task list, to run the tasks in a graphile-worker runner of your own. */
  readonly taskList: TaskList;
  /** The crontab items (the reconcile task), for a runner of your own. */
  readonly cronItems: ParsedCronItem[];
}

/**
 * Creates the worker. Run it in as many processes as you like on one database: graphile-worker
 * hands each job to one of them, the engine's lease lock keeps one sync per (connection, entity),
 * and every request of a partner account counts against one shared limit.
 * @example
 * const worker = createPax8SyncWorker({ pgPool, storage, codec: storage.codec });
 * await worker.migrate();
 * await worker.start();
 * process.once('SIGTERM', () => void worker.stop());
 */
export function createPax8SyncWorker(options: Pax8SyncWorkerOptions): Pax8SyncWorker {
  const { ctx, runtime } = resolveOptions(options);
  const taskList = buildTaskList(ctx);
  const cronItems = parseCronItems([
    {
      task: pax8SyncTaskNames.reconcile,
      match: runtime.reconcileCrontab,
      identifier: pax8SyncTaskNames.reconcile,
      options: { backfillPeriod: 0, jobKey: pax8SyncTaskNames.reconcile, maxAttempts: 3 },
    },
  ]);
  const graphile = {
    pgPool: options.pgPool,
    schema: runtime.graphileSchemaName,
    noPreparedStatements: !runtime.preparedStatements,
    logger: graphileLogger(ctx.logger),
  };
  let runner: Runner | null = null;
  let liveness: Liveness | null = null;
  let poolId: string | null = null;
  const poolErrors = poolErrorGuard(options.pgPool, ctx.logger);
  let releasePool: (() => void) | null = null;
  let stopped: Promise<Error | null> = Promise.resolve(null);
  let settle: (error: Error | null) => void = () => undefined;

  const shutDown = async (error: Error | null) => {
    await liveness?.stop().catch((e: unknown) => ctx.logger.warn({ error: String(e) }, 'pax8-sync worker: could not remove the heartbeat'));
    liveness = null;
    poolId = null;
    releasePool?.();
    releasePool = null;
    settle(error);
  };
  // graphile-worker may end its pool by itself; a process that kept beating would hold on to nothing and look alive.
  const watch = (started: Runner) => {
    const ended = started.promise.then(
      () => null,
      (error: unknown) => error,
    );
    void ended.then((reason) => {
      if (runner !== started) return;
      runner = null;
      const error = reason instanceof Error ? reason : new Error(reason ? String(reason) : 'graphile-worker ended its worker pool');
      ctx.logger.error({ error: error.message }, 'pax8-sync worker: graphile-worker stopped running jobs on its own; this process runs no more jobs (restart it)');
      return shutDown(error);
    });
  };

  const placeNow = async (connectionId: string, entity: Pax8SyncEntity, runAt: number, trigger: 'manual') => {
    const override = (await overridesOf(ctx, connectionId)).get(entity);
    await ensureSyncBy(ctx.jobs, syncSpec(ctx, { connectionId, entity, runAt, trigger, records: await lastRecords(ctx, connectionId, entity), override }));
  };

  return {
    get poolId() {
      return poolId;
    },
    whenStopped: () => stopped,
    taskList,
    cronItems,
    async migrate() {
      const release = poolErrors.hold();
      try {
        await runMigrations(graphile);
        await migrateWorkerSchema(options.pgPool, ctx.workerSchema);
      } finally {
        release();
      }
    },
    async start() {
      if (runner) throw new Pax8SyncConfigError('start', 'the worker is already running in this process; call stop() first.');
      releasePool = poolErrors.hold();
      stopped = new Promise((resolve) => {
        settle = resolve;
      });
      const events: WorkerEvents = new EventEmitter();
      events.on('pool:create', ({ workerPool }) => {
        poolId = workerPool.id;
      });
      let started: Runner;
      try {
        started = await run({
          ...graphile,
          concurrency: runtime.concurrency,
          noHandleSignals: true,
          pollInterval: runtime.pollIntervalMs,
          gracefulShutdownAbortTimeout: runtime.shutdownTimeoutMs,
          events,
          taskList,
          parsedCronItems: cronItems,
        });
      } catch (error) {
        await shutDown(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      runner = started;
      watch(started);
      if (!poolId) throw new Error('graphile-worker started without announcing its pool');
      const beating = await startLiveness({
        db: options.pgPool,
        workerSchema: ctx.workerSchema,
        graphileSchema: ctx.jobs.graphileSchema,
        poolId,
        settings: runtime.liveness,
        recovered: ctx.instruments.jobsRecovered,
        logger: ctx.logger,
      });
      // graphile-worker may have given up while the first beat was written: a heartbeat of a pool that runs nothing would look alive.
      if (runner !== started) {
        await beating.stop();
        return;
      }
      liveness = beating;
      await runner.addJob(pax8SyncTaskNames.reconcile, {}, { jobKey: pax8SyncTaskNames.reconcile, maxAttempts: 3 });
    },
    async stop() {
      const current = runner;
      runner = null;
      // The jobs first, then the heartbeat: a process still finishing a job must not look dead.
      if (current) await current.stop();
      await shutDown(null);
    },
    scheduleConnections: (connectionIds) => reconcileSchedules(ctx, connectionIds ? { connectionIds } : {}),
    async syncNow(connectionId, entities = entitiesOf(ctx)) {
      const allowed = entitiesOf(ctx);
      for (const entity of entities) {
        if (!allowed.includes(entity)) throw new Pax8SyncConfigError('entities', `must list only ${allowed.join(', ')}${ctx.billing ? '' : ' (invoices needs the billing option)'} (got ${JSON.stringify(entity)}).`);
      }
      for (const entity of entities) await placeNow(connectionId, entity, ctx.clock.now(), 'manual');
    },
    async sendWritesNow(connectionId) {
      if (!ctx.writeBack) throw new Pax8SyncConfigError('writeBack', 'is off (or the storage does not declare capabilities.writeBack): there is no outbox to send.');
      if (typeof connectionId !== 'string' || connectionId === '') throw new Pax8SyncConfigError('connectionId', 'is required: the connection whose outbox to send.');
      await scheduleOutboxJob(ctx, 'outboxSend', connectionId, 0);
    },
    onWebhookDelivery: webhookDeliveryHandler(ctx),
    async sweepWebhooksNow(connectionId) {
      if (typeof connectionId !== 'string' || connectionId === '') throw new Pax8SyncConfigError('connectionId', 'is required: the connection whose webhook deliveries to sweep.');
      await scheduleWebhookSweep(ctx, connectionId, 0);
    },
    async setSchedule(connectionId, override) {
      await putOverride(options.pgPool, ctx.workerSchema, connectionId, override);
      await reconcileSchedules(ctx, { connectionIds: [connectionId], replace: true });
    },
    async clearSchedule(connectionId) {
      await clearOverrides(options.pgPool, ctx.workerSchema, connectionId);
      await reconcileSchedules(ctx, { connectionIds: [connectionId], replace: true });
    },
  };
}
