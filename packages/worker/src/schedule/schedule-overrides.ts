import { type Pax8SyncEntity, Pax8SyncConfigError, type SyncCadence } from '@pax8-sync/core';
import { schedulableEntities } from './worker-entities';
import { type Queryable, rowsOf } from '../database/queryable';

/** Per-connection schedule overrides, kept in the worker's schema. */
export interface ScheduleOverride {
  /** Cadence per entity, ms (at least 1 000); missing entities use the worker's cadence. */
  cadence?: Partial<SyncCadence>;
  /**
   * Expected records per entity, used for fair share until a run has counted them (e.g. a tenant
   * you know is huge before its first sync).
   */
  sizeHint?: Partial<Record<Pax8SyncEntity, number>>;
}

/** A connection's stored overrides, per entity. @internal */
export interface StoredOverride {
  cadenceMs: number | null;
  sizeHint: number | null;
}

/** Validates an override before it is stored. @internal */
export function validateOverride(override: ScheduleOverride): void {
  for (const [field, values, min] of [['cadence', override.cadence, 1000], ['sizeHint', override.sizeHint, 0]] as const) {
    for (const [entity, value] of Object.entries(values ?? {})) {
      if (!schedulableEntities.includes(entity as Pax8SyncEntity)) throw new Pax8SyncConfigError(`${field}.${entity}`, `is not an entity: use ${schedulableEntities.join(', ')}.`);
      if (value !== undefined && (!Number.isInteger(value) || value < min)) throw new Pax8SyncConfigError(`${field}.${entity}`, `must be a whole number of at least ${min} (got ${String(value)}).`);
    }
  }
}

/** Stores overrides (fields left out stay as they were). @internal */
export async function putOverride(db: Queryable, schema: string, connectionId: string, override: ScheduleOverride): Promise<void> {
  validateOverride(override);
  for (const entity of schedulableEntities) {
    const cadence = override.cadence?.[entity];
    const size = override.sizeHint?.[entity];
    if (cadence === undefined && size === undefined) continue;
    await db.query(
      `INSERT INTO ${schema}.schedules (connection_id, entity, cadence_ms, size_hint) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id, entity) DO UPDATE SET cadence_ms = coalesce(excluded.cadence_ms, ${schema}.schedules.cadence_ms), size_hint = coalesce(excluded.size_hint, ${schema}.schedules.size_hint)`,
      [connectionId, entity, cadence ?? null, size ?? null],
    );
  }
}

/** Forgets a connection's overrides (back to the worker's cadence). @internal */
export async function clearOverrides(db: Queryable, schema: string, connectionId: string): Promise<void> {
  await db.query(`DELETE FROM ${schema}.schedules WHERE connection_id = $1`, [connectionId]);
}

/** Overrides by connection then entity; of the given connections, or all. @internal */
export async function readOverrides(db: Queryable, schema: string, connectionIds?: readonly string[]): Promise<Map<string, Map<Pax8SyncEntity, StoredOverride>>> {
  const rows = await rowsOf<{ connection_id: string; entity: Pax8SyncEntity; cadence_ms: string | null; size_hint: string | null }>(
    db,
    connectionIds ? `SELECT * FROM ${schema}.schedules WHERE connection_id = ANY($1::text[])` : `SELECT * FROM ${schema}.schedules`,
    connectionIds ? [connectionIds] : [],
  );
  const out = new Map<string, Map<Pax8SyncEntity, StoredOverride>>();
  for (const row of rows) {
    const byEntity = out.get(row.connection_id) ?? new Map<Pax8SyncEntity, StoredOverride>();
    byEntity.set(row.entity, { cadenceMs: row.cadence_ms === null ? null : Number(row.cadence_ms), sizeHint: row.size_hint === null ? null : Number(row.size_hint) });
    out.set(row.connection_id, byEntity);
  }
  return out;
}
