import { type Pax8SyncStores, type RunCheckpointInput, Pax8SyncNotFoundError } from '@pax8-sync/core';
import type { SqlExecutor } from './client';
import { holdingCheckpoint, transactionClosed, writeCheckpoint } from './held-stores';
import { checkpointLiteral, isMissingRun } from './stores/run-checkpoint';
import type { Runner } from './stores/store-context';

/** What a transaction with a held checkpoint needs from the adapter. @internal */
export interface HeldCheckpointDeps {
  table: (name: string) => string;
  /** The stores of a transaction, on `run`. */
  stores: (run: Runner) => Pax8SyncStores;
  /** Opens a real transaction (fenced), runs `body`, then `closing`'s statement with COMMIT. */
  transaction: <T>(body: (executor: SqlExecutor) => Promise<T>, closing: () => string | undefined) => Promise<T>;
}

/**
 * A transaction whose `runs.checkpoint` is held until the next statement of the transaction, or
 * until `fn` resolves and then written with COMMIT in one round trip (issue #13: the engine
 * checkpoints last in every page transaction, so each page of a sync saves a round trip). Writes keep
 * their order; a missing run still rolls the whole transaction back and rejects it with `not-found`
 * (the call itself resolved: the write happens later). @internal
 */
export async function heldCheckpointTransaction<T>(deps: HeldCheckpointDeps, fn: (stores: Pax8SyncStores) => Promise<T>): Promise<T> {
  const runs = deps.table('runs');
  const pages = deps.table('run_pages');
  let held: RunCheckpointInput | undefined;
  let committing: RunCheckpointInput | undefined;
  try {
    return await deps.transaction(
        async (executor) => {
          let open = true;
          const run: Runner = async (op) => {
            if (!open) throw transactionClosed();
            if (held) {
              const earlier = held;
              held = undefined;
              await writeCheckpoint(executor, deps.table, earlier);
            }
            return op(executor);
          };
          const stores = holdingCheckpoint(deps.stores(run), {
            open: () => open,
            passThrough: () => held !== undefined,
            hold: (input) => {
              held = input;
            },
          });
          try {
            return await fn(stores);
          } catch (error) {
            held = undefined;
            throw error;
          } finally {
            open = false;
          }
        },
        () => {
          committing = held;
          held = undefined;
          return committing && checkpointLiteral(runs, pages, committing);
        },
      );
  } catch (error) {
    if (committing && isMissingRun(error)) throw new Pax8SyncNotFoundError('run', committing.runId);
    throw error;
  }
}
