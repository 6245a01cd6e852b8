import { type Pax8SyncEntity, pax8SyncEntities } from '@pax8-sync/core';

/** Every entity a worker can schedule: the three record syncs, and billing (`invoices`) when the worker's `billing` option is on. @internal */
export const schedulableEntities: readonly Pax8SyncEntity[] = [...pax8SyncEntities, 'invoices'];

/** The entities this worker schedules and runs "sync now" for. @internal */
export function entitiesOf(ctx: { billing: boolean }): readonly Pax8SyncEntity[] {
  return ctx.billing ? schedulableEntities : pax8SyncEntities;
}
