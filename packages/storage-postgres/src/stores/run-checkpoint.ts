import type { RunCheckpointInput } from '@pax8-sync/core';
import { integerLiteral, jsonLiteral, nullableTextLiteral, textArrayLiteral, textLiteral } from '../literal';
import { textArray } from './store-context';

const upsertTail = `ON CONFLICT (connection_id, entity, slot) DO UPDATE SET pull_id = EXCLUDED.pull_id, run_id = EXCLUDED.run_id,
       checkpoint = EXCLUDED.checkpoint, counts = EXCLUDED.counts, ids = EXCLUDED.ids, mark = EXCLUDED.mark`;
const columns = 'connection_id, entity, slot, pull_id, run_id, checkpoint, counts, ids, mark';

/**
 * `runs.checkpoint` as one statement: the page's slot in `run_pages` (its ids, the checkpoint, the
 * counts, the mark or NULL), inserted or overwritten in place, taken from the run row so a missing
 * run writes nothing (`RETURNING` then returns no row). Parameters `$1`–`$6` are
 * {@link checkpointParams}; `gate` is a further condition of the write (`AND …`). @internal
 */
export function checkpointSql(runs: string, pages: string, gate = ''): string {
  return `INSERT INTO ${pages} AS p (${columns})
     SELECT r.connection_id, r.entity, $2::integer, r.pull_id, r.id, $3::json, $4::json, $5::text[], $6::text FROM ${runs} r WHERE r.id = $1${gate}
     ${upsertTail}
     RETURNING 1 AS n`;
}

/** The parameters `$1`–`$6` of {@link checkpointSql}. @internal */
export function checkpointParams(input: RunCheckpointInput): unknown[] {
  return [input.runId, input.page, JSON.stringify(input.checkpoint), JSON.stringify(input.counts), textArray(input.seenIds), input.mark ?? null];
}

/**
 * The same write with its values written in (see `literal.ts`), to go with COMMIT in one round trip.
 * A missing run FAILS it instead of writing nothing (the run's columns come from an outer join, so
 * they are NULL, which run_pages refuses: error 23502), and the COMMIT after it does not run. @internal
 */
export function checkpointLiteral(runs: string, pages: string, input: RunCheckpointInput): string {
  return `INSERT INTO ${pages} AS p (${columns})
     SELECT r.connection_id, r.entity, ${integerLiteral(input.page)}, r.pull_id, r.id, ${jsonLiteral(input.checkpoint)}, ${jsonLiteral(input.counts)}, ${textArrayLiteral(input.seenIds)}, ${nullableTextLiteral(input.mark)}
     FROM (SELECT 1) one LEFT JOIN ${runs} r ON r.id = ${textLiteral(input.runId)}
     ${upsertTail}`;
}

/** Whether `error` is the failure of {@link checkpointLiteral} for a missing run. @internal */
export const isMissingRun = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23502';
