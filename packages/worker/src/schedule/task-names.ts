import type { Pax8SyncEntity } from '@pax8-sync/core';

/** The graphile-worker task identifiers the worker registers. */
export const pax8SyncTaskNames = {
  /** Syncs one entity of one connection (`SyncJobPayload`). */
  sync: 'pax8-sync:sync',
  /** Makes sure every connection has its syncs scheduled (crontab). */
  reconcile: 'pax8-sync:reconcile',
  /** Sends a connection's due write-back intents (`OutboxJobPayload`), on a cadence and on "send now". */
  outboxSend: 'pax8-sync:outbox-send',
  /** Settles a connection's write-back intents left `sending` by reading Pax8 back (`OutboxJobPayload`). */
  outboxReconcile: 'pax8-sync:outbox-reconcile',
  /** Refreshes what webhook deliveries named for one company or subscription (`WebhookRefreshPayload`), coalesced per target. */
  webhookRefresh: 'pax8-sync:webhook-refresh',
  /** Reads the webhook deliveries Pax8 gave up on and enqueues what they named (`OutboxJobPayload`-shaped: `{ connectionId }`), on a cadence. */
  webhookSweep: 'pax8-sync:webhook-sweep',
} as const;

/** Payload of a `pax8-sync:outbox-send` or `pax8-sync:outbox-reconcile` job. */
export interface OutboxJobPayload {
  /** The connection. */
  connectionId: string;
}

/** Job key of a connection's outbox task (send or reconcile): one waiting job each, so "send now" and the cadence coalesce. */
export function outboxJobKey(task: 'outboxSend' | 'outboxReconcile', connectionId: string): string {
  return `${pax8SyncTaskNames[task]}:${connectionId}`;
}

/** Job key of a connection's webhook sweep: one waiting job each. */
export function webhookSweepKey(connectionId: string): string {
  return `${pax8SyncTaskNames.webhookSweep}:${connectionId}`;
}

/** Job key of the sync of one (connection, entity): one waiting job each, so triggers coalesce. */
export function syncJobKey(connectionId: string, entity: Pax8SyncEntity): string {
  return `${pax8SyncTaskNames.sync}:${connectionId}:${entity}`;
}

/** Why a sync job exists. */
export type SyncTrigger = 'schedule' | 'webhook' | 'manual' | 'retry';

/** Payload of a `pax8-sync:sync` job. */
export interface SyncJobPayload {
  /** The connection. */
  connectionId: string;
  /** The entity. */
  entity: Pax8SyncEntity;
  /** The time it was scheduled for, epoch ms (lateness is measured against it). */
  scheduledFor: number;
  /** Why it was scheduled. */
  trigger: SyncTrigger;
}
