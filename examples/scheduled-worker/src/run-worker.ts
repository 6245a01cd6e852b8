import { type DueSync, dueSyncs, latestRuns, type Pax8SyncEntity, type Pax8SyncStorage, type SyncCadence, type SyncClock, type SyncEngine, type SyncResult, systemClock } from '@pax8-sync/core';

/** Waits `ms`, resolving early when `signal` aborts (inject a fake one in tests: no real waiting). */
export type Wait = (ms: number, signal: AbortSignal) => Promise<void>;

/** A real timer that resolves early on abort. */
export const realWait: Wait = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** The engine (bound to the same storage and clock). */
  engine: SyncEngine;
  /** The storage: connections and run history are read from it. */
  storage: Pax8SyncStorage;
  /** Stops the worker: the sync in progress finishes (and releases its lease), then `runWorker` resolves. */
  signal: AbortSignal;
  /** The clock the engine uses; default the wall clock. */
  clock?: SyncClock;
  /** How the worker waits between passes; default a real timer. */
  wait?: Wait;
  /** Time between passes over the connections, ms; default 60 000. */
  pollMs?: number;
  /** Cadence overrides (default: companies 4 h, subscriptions 1 h, products 24 h, invoices 24 h). */
  cadence?: Partial<SyncCadence>;
  /**
   * Also run billing (`syncInvoices`) when due, for the month `dueSyncs` names (`DueSync.period`):
   * the current month daily (its draft items), and the previous month once after the 5th (its final
   * invoices). Default `false`: no billing.
   */
  billing?: boolean;
  /** Called (and awaited) after every sync, whatever its outcome; `period` is the month of a billing sync. */
  onSync?: (event: { connectionId: string; entity: Pax8SyncEntity; reason: string; period?: string; result: SyncResult | { outcome: 'error'; error: string } }) => void | Promise<void>;
}

/** What a worker did before it stopped. */
export interface WorkerSummary {
  /** Passes over the connections. */
  passes: number;
  /** Syncs started, by outcome (`succeeded`, `already-running`, `failed`, `error`, ...). */
  outcomes: Record<string, number>;
}

/**
 * The worker loop: every `pollMs`, for each connection, ask `dueSyncs` what is due and run it
 * (with `billing`, `syncInvoices` for the month each due billing sync names).
 * Several workers may run this on the same database: the engine's lease lock lets one of them run
 * a given (connection, entity) and answers `already-running` to the others, and each sync is
 * re-checked just before it starts, so one that another worker just finished is not repeated.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { engine, storage, signal } = options;
  const clock = options.clock ?? systemClock;
  const wait = options.wait ?? realWait;
  const pollMs = options.pollMs ?? 60_000;
  const billing = options.billing === true;
  const due = { cadence: options.cadence ?? {}, billing };
  const sync: Record<Pax8SyncEntity, (connectionId: string, period: string | undefined) => Promise<SyncResult>> = {
    companies: (connectionId) => engine.syncCompanies({ connectionId }),
    products: (connectionId) => engine.syncProducts({ connectionId }),
    subscriptions: (connectionId) => engine.syncSubscriptions({ connectionId }),
    // The month dueSyncs named: without it syncInvoices pulls the current month, and the previous month's final invoices are never stored.
    invoices: (connectionId, period) => engine.syncInvoices({ connectionId, ...(period === undefined ? {} : { period }) }),
  };
  // Billing is due per month: re-checking it needs the month's runs, not the newest run of the entity.
  const recent = (connectionId: string, entity: Pax8SyncEntity) => (entity === 'invoices' ? latestRuns(storage, connectionId, { billing: true }) : storage.runs.list(connectionId, { entity, limit: 1 }));
  const same = (a: DueSync) => (b: DueSync) => b.entity === a.entity && b.period === a.period;
  const summary: WorkerSummary = { passes: 0, outcomes: {} };
  while (!signal.aborted) {
    summary.passes += 1;
    for (const connection of await storage.connections.list()) {
      if (signal.aborted) break;
      // The newest run of each entity: one page of `storage.runs.list` could hold only (hourly) subscription runs
      // and make companies and products look never synced.
      const runs = await latestRuns(storage, connection.id, { billing });
      for (const next of dueSyncs(connection, runs, clock.now(), due)) {
        const { entity, reason, period } = next;
        // Checked between syncs only: a sync that started runs to its end, so it leaves no half-written page and releases its lease.
        if (signal.aborted) break;
        // Another worker may have run it since this pass began: ask again right before starting,
        // so a run that just finished (its lease already released) is not repeated.
        if (!dueSyncs(connection, await recent(connection.id, entity), clock.now(), due).some(same(next))) continue;
        let result: SyncResult | { outcome: 'error'; error: string };
        try {
          result = await sync[entity](connection.id, period);
        } catch (error) {
          result = { outcome: 'error', error: error instanceof Error ? error.message : String(error) };
        }
        summary.outcomes[result.outcome] = (summary.outcomes[result.outcome] ?? 0) + 1;
        await options.onSync?.({ connectionId: connection.id, entity, reason, ...(period === undefined ? {} : { period }), result });
      }
    }
    if (!signal.aborted) await wait(pollMs, signal);
  }
  return summary;
}
