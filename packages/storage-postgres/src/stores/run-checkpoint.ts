import type { RunCheckpointInput } from '@pax8-sync/core';
import { textArray } from './store-context';

/**
 * `runs.checkpoint` as one statement: the page's slot in `run_pages` (its ids, the checkpoint, the
 * counts, the mark or NULL), inserted or overwritten in place, taken from the run row so a missing
 * run writes nothing (`RETURNING` then returns no row). Parameters `$1`–`$6` are
 * {@link checkpointParams}; `gate` is a further condition of the write (`AND …`). @internal
 */
export function checkpointSql(runs: string, pages: string, gate = ''): string {
  return `INSERT INTO ${pages} AS p (connection_id, entity, slot, pull_id, run_id, checkpoint, counts, ids, mark)
     SELECT r.connection_id, r.entity, $2::integer, r.pull_id, r.id, $3::json, $4::json, $5::text[], $6::text FROM ${runs} r WHERE r.id = $1${gate}
     ON CONFLICT (connection_id, entity, slot) DO UPDATE SET pull_id = EXCLUDED.pull_id, run_id = EXCLUDED.run_id,
       checkpoint = EXCLUDED.checkpoint, counts = EXCLUDED.counts, ids = EXCLUDED.ids, mark = EXCLUDED.mark
     RETURNING 1 AS n`;
}

/** The parameters `$1`–`$6` of {@link checkpointSql}. @internal */
export function checkpointParams(input: RunCheckpointInput): unknown[] {
  return [input.runId, input.page, JSON.stringify(input.checkpoint), JSON.stringify(input.counts), textArray(input.seenIds), input.mark ?? null];
}
