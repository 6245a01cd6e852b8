import type { Pax8SyncEntity } from '@pax8-sync/core';
import { schedulableEntities } from '../schedule/worker-entities';
import type { SyncJobPayload, SyncTrigger } from '../schedule/task-names';

const triggers: readonly SyncTrigger[] = ['schedule', 'webhook', 'manual', 'retry'];

/** Reads a sync job's payload, or says what is wrong with it. @internal */
export function parseSyncPayload(raw: unknown, runAt: Date): SyncJobPayload | { invalid: string } {
  if (typeof raw !== 'object' || raw === null) return { invalid: 'payload must be an object' };
  const p = raw as Record<string, unknown>;
  if (typeof p.connectionId !== 'string' || p.connectionId === '') return { invalid: 'payload.connectionId must be a non-empty string' };
  if (!schedulableEntities.includes(p.entity as Pax8SyncEntity)) return { invalid: `payload.entity must be one of ${schedulableEntities.join(', ')}` };
  return {
    connectionId: p.connectionId,
    entity: p.entity as Pax8SyncEntity,
    scheduledFor: typeof p.scheduledFor === 'number' && Number.isFinite(p.scheduledFor) ? p.scheduledFor : runAt.getTime(),
    trigger: triggers.includes(p.trigger as SyncTrigger) ? (p.trigger as SyncTrigger) : 'manual',
  };
}
