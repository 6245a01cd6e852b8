import type { RecordHash, SyncedRecordBase } from '@pax8-sync/core';
import type { EntityTable } from './record-tables';
import { type StoreContext, textArray } from './store-context';

/**
 * `getHashes` of one entity's table: the id and hash of each active row asked for, each id once, in
 * one statement that reads no `data`. @internal
 */
export function createHashReader<T extends SyncedRecordBase>(ctx: StoreContext, spec: EntityTable<T>): (connectionId: string, ids: readonly string[]) => Promise<RecordHash[]> {
  const t = ctx.table(spec.table);
  // One primary-key lookup per distinct id, as getMany does (a lateral subquery with a LIMIT runs once
  // per id whatever the statistics say); a removed row is filtered there, not in the engine.
  const statement = `SELECT ${ctx.text('t.id')}, ${ctx.text('t.hash')} FROM (SELECT DISTINCT u.id COLLATE "C" AS id FROM unnest($2::text[]) AS u(id)) u
     CROSS JOIN LATERAL (SELECT r.id, r.hash FROM ${t} r WHERE r.connection_id = $1 AND r.id = u.id AND r.removed_at IS NULL LIMIT 1) t`;
  return (connectionId, ids) =>
    ctx.run(async (sql) => {
      if (ids.length === 0) return [];
      const { rows } = await sql.query<RecordHash>(statement, [connectionId, textArray(ids)]);
      return rows.map((r) => ({ id: r.id, hash: r.hash }));
    });
}
