import type { Pax8SyncStorage, RunStore } from '@pax8-sync/core';

/**
 * Storage that holds the engine to the `RunCheckpointInput.page` contract as the Postgres adapter
 * relies on it (a running run's checkpoint is the one at the highest position): within a pull every
 * checkpoint's position is strictly above the one before, or the call rejects. Memory storage is
 * last-write-wins, so without this a reused position goes unnoticed. `positions` lists each pull's
 * positions in call order. Only for tests without rolled-back page transactions (a rollback may
 * legitimately give a position again).
 */
export function strictPositions<S extends Pax8SyncStorage>(storage: S): { storage: S; positions: Map<string, number[]> } {
  const positions = new Map<string, number[]>();
  const pullOf = new Map<string, string>();
  const wrap = (runs: RunStore): RunStore => ({
    ...runs,
    start: async (run) => {
      pullOf.set(run.id, run.pullId);
      return runs.start(run);
    },
    checkpoint: async (input) => {
      const pull = pullOf.get(input.runId) ?? input.runId;
      const seen = positions.get(pull) ?? [];
      const last = seen.at(-1);
      seen.push(input.page);
      positions.set(pull, seen);
      if (last !== undefined && input.page <= last) throw new Error(`checkpoint position ${input.page} given after ${last} in pull ${pull}`);
      return runs.checkpoint(input);
    },
  });
  const wrapped = {
    ...storage,
    runs: wrap(storage.runs),
    transaction: (fn: Parameters<S['transaction']>[0], options?: Parameters<S['transaction']>[1]) => storage.transaction((tx) => fn({ ...tx, runs: wrap(tx.runs) }), options),
  } as S;
  return { storage: wrapped, positions };
}
