import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { NewChangeEvent } from '../storage/changes';
import type { Pax8SyncStores } from '../storage/storage';
import type { StoredWriteIntent, WriteIntentState } from '../storage/outbox';
import { outboxOf } from './write-context';

/** Who made a transition and why (the `write_transition` event's `by` and `reason`). @internal */
export interface TransitionCause {
  by: string;
  reason: string;
}

/** The `write_transition` event of an intent moving from `from` (`null`: made) to its state. @internal */
export function transitionEvent(intent: StoredWriteIntent, from: WriteIntentState | null, cause: TransitionCause, at: number): NewChangeEvent {
  return {
    connectionId: intent.connectionId,
    runId: `write:${intent.id}`,
    entity: intent.target.entity,
    entityId: intent.target.id,
    kind: 'write_transition',
    at,
    fields: [],
    detail: { intentId: intent.id, intentKind: intent.kind, from, to: intent.state, by: cause.by, reason: cause.reason },
    before: null,
    after: null,
  };
}

/** Thrown inside a transition's transaction when the intent changed meanwhile (another process won). @internal */
export class IntentMovedError extends Pax8SyncError {
  constructor(intentId: string) {
    super('write-intent-moved', `Write intent ${intentId} changed meanwhile (another process or person acted on it first); read it again.`);
    this.name = 'IntentMovedError';
  }
}

/**
 * Moves `intent` to `next` (state and fields) by compare-and-swap, and appends its transition event,
 * in one transaction of `tx`. Returns the stored intent. @throws {@link IntentMovedError} when the
 * stored version is no longer `intent.version`. @internal
 */
export async function transition(
  tx: Pax8SyncStores,
  intent: StoredWriteIntent,
  next: Partial<Omit<StoredWriteIntent, 'id' | 'connectionId' | 'version'>>,
  cause: TransitionCause,
  now: number,
): Promise<StoredWriteIntent> {
  const updated: StoredWriteIntent = { ...intent, ...next, updatedAt: now, version: intent.version + 1 };
  if (!(await outboxOf(tx).update(updated, intent.version))) throw new IntentMovedError(intent.id);
  await tx.changes.append([transitionEvent(updated, intent.state, cause, now)]);
  return updated;
}
