import { type Pax8SyncStores, type RunCheckpointInput, Pax8SyncError, Pax8SyncNotFoundError } from '@pax8-sync/core';
import type { SqlExecutor } from './client';
import { checkpointParams, checkpointSql } from './stores/run-checkpoint';

/** The error of a store call on a transaction that already settled. @internal */
export const transactionClosed = (): Pax8SyncError => new Pax8SyncError('transaction-closed', 'This transaction already settled; its stores cannot be used any more.');

/** Writes a checkpoint now, on `sql`; a missing run rejects with `not-found`. @internal */
export async function writeCheckpoint(sql: SqlExecutor, table: (name: string) => string, input: RunCheckpointInput): Promise<void> {
  const { rows } = await sql.query(checkpointSql(table('runs'), table('run_pages')), checkpointParams(input));
  if (rows.length === 0) throw new Pax8SyncNotFoundError('run', input.runId);
}

/** How a transaction holds its checkpoint (see {@link holdingCheckpoint}). @internal */
export interface CheckpointHold {
  /** Whether the transaction still takes calls. */
  open(): boolean;
  /** Whether this checkpoint goes straight through (`base`'s own, which writes what is held first). */
  passThrough(): boolean;
  /** Keeps the checkpoint to write later. */
  hold(input: RunCheckpointInput): void;
}

/**
 * A transaction's stores whose `runs.checkpoint` is held (resolved now, written later) unless
 * `passThrough` says otherwise: the engine checkpoints last in every page transaction, so the
 * checkpoint can go with the statement after it, or with COMMIT (issue #13). @internal
 */
export function holdingCheckpoint(base: Pax8SyncStores, hold: CheckpointHold): Pax8SyncStores {
  return {
    ...base,
    runs: {
      ...base.runs,
      checkpoint: (input) => {
        if (!hold.open()) return Promise.reject(transactionClosed());
        if (hold.passThrough()) return base.runs.checkpoint(input);
        hold.hold(input);
        return Promise.resolve();
      },
    },
  };
}
