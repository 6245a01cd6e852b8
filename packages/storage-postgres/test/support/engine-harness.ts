import { createSyncEngine, type Pax8SyncStorage, type SyncEngine, type SyncEngineOptions, type SyncResult, type SyncRunResult } from '@pax8-sync/core';
import type { PostgresStorage } from '@pax8-sync/storage-postgres';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 5, 1)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

/** Sequential ids, readable in failures. */
export function sequentialIds(prefix: string) {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}-${String(n).padStart(5, '0')}`;
  };
}

/** Fast retries, no real waiting, no rate limit. */
export const clientOptions: SyncEngineOptions['clientOptions'] = {
  retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 },
  sleep: async () => undefined,
  timeoutMs: false,
  rateLimit: { requestsPerMinute: 1_000_000, concurrency: 8 },
};

/** An engine over a Postgres storage, sealing with the storage's codec. */
export function engineOn(storage: Pax8SyncStorage & { codec: PostgresStorage['codec'] }, clock: ReturnType<typeof fakeClock>, prefix: string): SyncEngine {
  return createSyncEngine({ storage, codec: storage.codec, clock, ids: sequentialIds(prefix), clientOptions });
}

/** Narrows a sync result to a run that happened. */
export function ran(result: SyncResult): SyncRunResult {
  if (result.outcome === 'already-running' || result.outcome === 'dry-run' || result.outcome === 'skipped') throw new Error(`expected a run, got ${result.outcome}`);
  return result;
}

/** What a connection's subscriptions look like, for comparing two syncs. */
export async function subscriptionState(storage: Pax8SyncStorage, connectionId: string) {
  return (await storage.subscriptions.list(connectionId, { includeRemoved: true, limit: 100_000 })).items.map((r) => ({
    id: r.id,
    hash: r.hash,
    quantity: r.quantity,
    removed: r.removedAt !== null,
  }));
}

/**
 * Wraps a storage so its transactions can be held at the door: after `pause()`, the next
 * `transaction` call waits (without running) until `resume()` — a worker frozen mid-sync.
 */
export function pausable<S extends Pax8SyncStorage>(inner: S) {
  let paused = false;
  let open: () => void = () => undefined;
  let gate = Promise.resolve();
  let arrived: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const storage = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'transaction') {
        const transaction: Pax8SyncStorage['transaction'] = async (fn, options) => {
          if (paused) {
            arrived();
            await gate;
          }
          return target.transaction(fn, options);
        };
        return transaction;
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return {
    storage,
    /** Holds every later transaction until `resume()`. */
    pause() {
      paused = true;
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
    },
    /** Resolves once a transaction is being held. */
    reached,
    resume() {
      paused = false;
      open();
    },
  };
}
