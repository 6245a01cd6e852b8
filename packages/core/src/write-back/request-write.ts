import { Pax8ApiError } from '@pax8-sync/client';
import { randomIds } from '../engine/clock';
import type { EngineDeps } from '../engine/engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncNotFoundError } from '../errors/not-found-error';
import { Pax8SyncSandboxWriteError } from '../errors/sandbox-write-error';
import type { StoredConnection } from '../storage/connections';
import type { JsonObject } from '../storage/json';
import type { StoredWriteIntent } from '../storage/outbox';
import { transitionEvent } from './intent-transition';
import { subscriptionValues } from './pax8-values';
import { type IntentShape, shapeOf } from './write-change';
import { nowOf, openWriteClient, outboxOf, writeConnection } from './write-context';
import { approvalNeeded, storedWritePolicy } from './write-policy';
import type { WriteChange, WriteIntent } from './write-types';

/** Options of {@link requestWrite}. */
export interface RequestWriteOptions extends EngineDeps {
  /** The connection to write through. */
  connectionId: string;
  /** What to change in Pax8. */
  change: WriteChange;
  /** Who asks (a PSA user id or a system name). */
  requestedBy: string;
  /** Why, in the asker's words (shown to the approver and in the change feed). */
  reason: string;
  /** Hold it until then, epoch ms (a scheduled change, e.g. a decrease at the commitment end); default: send once approved. */
  dueAt?: number | null;
}

/** Refuses at once what a Sandbox connection may not do: everything but (validation-only) orders. */
function refuseInSandbox(connection: StoredConnection, shape: IntentShape): void {
  if (connection.environment !== 'Sandbox' || shape.kind === 'order.create') return;
  const url = shape.kind === 'company.create' ? `${connection.baseUrl}/v1/companies` : `${connection.baseUrl}/v1/subscriptions/${shape.target.id}`;
  const method = shape.kind === 'company.create' ? 'POST' : shape.kind === 'subscription.cancel' ? 'DELETE' : 'PUT';
  throw new Pax8SyncSandboxWriteError(method, url);
}

/** The subscription's values as stored (what the asker saw), or read from Pax8 when it is not stored. */
async function basedOnOf(deps: EngineDeps, connection: StoredConnection, shape: IntentShape): Promise<JsonObject | null> {
  if (shape.target.entity !== 'subscriptions') return null;
  const [stored] = await deps.storage.subscriptions.getMany(connection.id, [shape.target.id]);
  if (stored && stored.removedAt === null) return subscriptionValues(stored.data);
  const client = await openWriteClient(deps, connection);
  try {
    return subscriptionValues(await client.subscriptions.get(shape.target.id));
  } catch (error) {
    if (Pax8ApiError.isInstance(error) && error.status === 404) throw new Pax8SyncNotFoundError('Pax8 subscription', shape.target.id);
    throw error;
  }
}

function checkAsker(options: RequestWriteOptions): void {
  for (const field of ['requestedBy', 'reason'] as const) {
    if (typeof options[field] !== 'string' || options[field].trim() === '') throw new Pax8SyncConfigError(field, 'must be a non-empty string (it is recorded with the intent and in the change feed).');
  }
  const due = options.dueAt;
  if (due !== undefined && due !== null && (typeof due !== 'number' || !Number.isFinite(due))) throw new Pax8SyncConfigError('dueAt', `must be epoch ms or null, got ${String(due)}.`);
}

/**
 * Records a write intent in the outbox (nothing is sent yet). The connection's approval policy
 * decides its state: `pending-approval` (a person must `approveWrite` it) or `approved`
 * (sent by the next `sendDueWrites` once due). The intent keeps the Pax8 values it is based on
 * (the stored subscription, or Pax8's when not stored); they are compared with Pax8 again before
 * sending. Its creation is a `write_transition` event (`from: null`) in the change feed.
 * @returns the stored intent.
 * @throws `Pax8SyncConfigError` naming a bad field (or a storage without `capabilities.writeBack`);
 *   `Pax8SyncSandboxWriteError` at once for anything but an order on a Sandbox connection (nothing
 *   stored, nothing sent); `Pax8SyncNotFoundError` for an unknown connection or subscription.
 * @example
 * const intent = await engine.requestWrite({ connectionId, change: { kind: 'subscription.quantity', subscriptionId, quantity: 12 }, requestedBy: 'jane', reason: 'two new hires' });
 */
export async function requestWrite(options: RequestWriteOptions): Promise<WriteIntent> {
  const connection = await writeConnection(options, options.connectionId);
  checkAsker(options);
  const shape = shapeOf(options.change);
  refuseInSandbox(connection, shape);
  const basedOn = await basedOnOf(options, connection, shape);
  const policy = storedWritePolicy(connection.writePolicy);
  const needs = approvalNeeded(policy, shape.kind, shape.payload, basedOn);
  const now = nowOf(options);
  const intent: StoredWriteIntent = {
    id: (options.ids ?? randomIds)(),
    connectionId: connection.id,
    ...shape,
    basedOn,
    requestedBy: options.requestedBy,
    reason: options.reason,
    state: needs ? 'pending-approval' : 'approved',
    dueAt: options.dueAt ?? null,
    attempts: 0,
    sentAt: null,
    outcome: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const why = needs ? `${options.reason} (waits for approval: ${needs})` : `${options.reason} (approved by the connection's policy)`;
  await options.storage.transaction(async (tx) => {
    await outboxOf(tx).add(intent);
    await tx.changes.append([transitionEvent(intent, null, { by: options.requestedBy, reason: why }, now)]);
  });
  return intent;
}
