import { type Pax8SyncStores, type RunCheckpointInput, Pax8SyncNotFoundError } from '@pax8-sync/core';
import type { SqlDriver, SqlExecutor } from './client';
import { type Fence, fenceStatement, leaseLost } from './fence';
import { holdingCheckpoint, transactionClosed, writeCheckpoint } from './held-stores';
import { checkpointParams, checkpointSql } from './stores/run-checkpoint';
import type { Runner } from './stores/store-context';

/** What a checkpoint-only transaction needs from the adapter. @internal */
export interface CheckpointOnlyDeps {
  driver: SqlDriver;
  table: (name: string) => string;
  /** The stores of a transaction, on `run`. */
  stores: (run: Runner) => Pax8SyncStores;
  /** Opens a real transaction: its setup (commit without waiting for the disk, the fence) done, `body` run, then COMMIT. */
  transaction: <T>(body: (executor: SqlExecutor) => Promise<T>, closing?: () => string | undefined) => Promise<T>;
}

/**
 * The statement a checkpoint-only transaction commits (issue #13): the fence (or the lease renewal),
 * `synchronous_commit` off, and the checkpoint, as ONE statement in its own implicit transaction
 * instead of BEGIN, SET LOCAL, the fence, the checkpoint and COMMIT (five round trips a page of a
 * re-sync where nothing changed). The checkpoint is gated on the fence, so a stale token writes
 * nothing; `fenced` and `written` say which of the two failed.
 */
function fusedStatement(deps: CheckpointOnlyDeps, fence: Fence | undefined, input: RunCheckpointInput | undefined): { sql: string; params: unknown[] } {
  const sync = `sync AS (SELECT set_config('synchronous_commit', 'off', true) AS v)`;
  const params: unknown[] = input ? checkpointParams(input) : [];
  const guard = fence ? fenceStatement(deps.table('locks'), fence, params.length + 1) : undefined;
  params.push(...(guard?.params ?? []));
  const ctes = [sync, ...(guard ? [`fence AS (${guard.sql})`] : [])];
  if (input) ctes.push(`written AS (${checkpointSql(deps.table('runs'), deps.table('run_pages'), guard ? ' AND EXISTS (SELECT 1 FROM fence)' : '')})`);
  const fenced = guard ? '(SELECT count(*) FROM fence)::integer' : '1';
  const written = input ? '(SELECT count(*) FROM written)::integer' : '1';
  return { sql: `WITH ${ctes.join(', ')} SELECT ${fenced} AS fenced, ${written} AS written, (SELECT v FROM sync) AS sync`, params };
}

/**
 * `transaction(fn, { checkpointOnly: true })`. The engine writes nothing there but a run's checkpoint,
 * so the checkpoint is held until `fn` resolves and then written with the fence in one statement
 * ({@link fusedStatement}); its failures (`lease-lost`, a missing run) reject the transaction, and
 * nothing is written when `fn` rejects. Any other store call opens a real transaction (fenced, the
 * held checkpoint written first) that `fn` then finishes in, as any transaction. @internal
 */
export async function checkpointOnlyTransaction<T>(deps: CheckpointOnlyDeps, fence: Fence | undefined, fn: (stores: Pax8SyncStores) => Promise<T>): Promise<T> {
  let held: RunCheckpointInput | undefined;
  let real: { executor: Promise<SqlExecutor>; done: Promise<unknown>; settle: (outcome: { error: unknown } | undefined) => void } | undefined;
  let open = true;
  const escalate = (): Promise<SqlExecutor> => {
    if (!real) {
      let ready!: (executor: SqlExecutor) => void;
      let failed!: (error: unknown) => void;
      let settle!: (outcome: { error: unknown } | undefined) => void;
      const executor = new Promise<SqlExecutor>((resolve, reject) => {
        ready = resolve;
        failed = reject;
      });
      const settled = new Promise<{ error: unknown } | undefined>((resolve) => {
        settle = resolve;
      });
      const done = deps.transaction(async (sql) => {
        if (held) await writeCheckpoint(sql, deps.table, held);
        held = undefined;
        ready(sql);
        const outcome = await settled;
        if (outcome) throw outcome.error;
      });
      done.catch(failed);
      real = { executor, done, settle };
    }
    return real.executor;
  };
  const run: Runner = async (op) => {
    if (!open) throw transactionClosed();
    return op(await escalate());
  };
  const stores = holdingCheckpoint(deps.stores(run), {
    open: () => open,
    passThrough: () => real !== undefined || held !== undefined,
    hold: (input) => {
      held = input;
    },
  });
  let result: T;
  try {
    result = await fn(stores);
  } catch (error) {
    open = false;
    if (real) {
      real.settle({ error });
      await real.done.catch(() => undefined);
    }
    throw error;
  }
  open = false;
  if (real) {
    real.settle(undefined);
    await real.done;
    return result;
  }
  if (!fence && !held) return result;
  const statement = fusedStatement(deps, fence, held);
  const { rows } = await deps.driver.executor.query<{ fenced: number; written: number }>(statement.sql, statement.params);
  if (fence && Number(rows[0]?.fenced) === 0) throw leaseLost(fence);
  if (held && Number(rows[0]?.written) === 0) throw new Pax8SyncNotFoundError('run', held.runId);
  return result;
}
