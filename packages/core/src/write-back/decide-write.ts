import type { EngineDeps } from '../engine/engine-deps';
import { Pax8SyncConfigError } from '../errors/config-error';
import { Pax8SyncError } from '../errors/pax8-sync-error';
import type { JsonObject } from '../storage/json';
import type { StoredWriteIntent, WriteIntentState } from '../storage/outbox';
import { transition } from './intent-transition';
import { loadIntent, nowOf, writeConnection } from './write-context';
import type { WriteDecision, WriteIntent } from './write-types';

/** Options of the decisions ({@link approveWrite}, {@link rejectWrite}, {@link retryWrite}). */
export interface WriteDecisionOptions extends EngineDeps, WriteDecision {}

/** Options of {@link scheduleWrite}. */
export interface ScheduleWriteOptions extends WriteDecisionOptions {
  /** When to send it, epoch ms (e.g. `preview.scheduleFor`, the commitment end); `null`: as soon as approved. */
  dueAt: number | null;
}

/** An intent is not in a state the decision applies to (code `write-intent-state`). */
export class Pax8SyncWriteStateError extends Pax8SyncError {
  /** The intent's state. */
  readonly state: WriteIntentState;
  /**
   * @param intent - the intent.
   * @param action - what was asked, e.g. `approve`.
   * @param allowed - the states it applies to.
   */
  constructor(intent: StoredWriteIntent, action: string, allowed: readonly WriteIntentState[]) {
    super('write-intent-state', `Cannot ${action} write intent ${intent.id}: it is ${intent.state}; ${action} applies to ${allowed.join(' or ')} intents.`);
    this.name = 'Pax8SyncWriteStateError';
    this.state = intent.state;
  }
}

async function decide(
  options: WriteDecisionOptions,
  action: string,
  allowed: readonly WriteIntentState[],
  next: (intent: StoredWriteIntent) => Partial<StoredWriteIntent>,
): Promise<WriteIntent> {
  await writeConnection(options, options.connectionId);
  for (const field of ['by', 'reason'] as const) {
    if (typeof options[field] !== 'string' || options[field].trim() === '') throw new Pax8SyncConfigError(field, 'must be a non-empty string (recorded in the change feed).');
  }
  const intent = await loadIntent(options.storage, options.connectionId, options.intentId);
  if (!allowed.includes(intent.state)) throw new Pax8SyncWriteStateError(intent, action, allowed);
  return options.storage.transaction((tx) => transition(tx, intent, next(intent), { by: options.by, reason: options.reason }, nowOf(options)));
}

/**
 * A person approves a `pending-approval` intent: it becomes `approved` and is sent by the next
 * `sendDueWrites` once due. Recorded with who and why.
 * @throws `Pax8SyncWriteStateError` when the intent is not pending approval; `Pax8SyncNotFoundError` for an unknown intent.
 */
export function approveWrite(options: WriteDecisionOptions): Promise<WriteIntent> {
  return decide(options, 'approve', ['pending-approval'], () => ({ state: 'approved' }));
}

/**
 * A person rejects an intent that was not sent yet (pending approval, or approved and waiting): it
 * ends `failed` with `outcome: { reason, rejectedBy }`. Nothing is sent.
 * @throws `Pax8SyncWriteStateError` when it was already sent or is final.
 */
export function rejectWrite(options: WriteDecisionOptions): Promise<WriteIntent> {
  return decide(options, 'reject', ['pending-approval', 'approved'], () => ({ state: 'failed', outcome: { reason: `rejected by ${options.by}: ${options.reason}`, rejectedBy: options.by } }));
}

/**
 * A person's decision to send an `unknown` or `conflict` intent again (after checking Pax8): it
 * becomes `approved` (due now) and is sent once more (`attempts` grows). For a conflict, the values
 * Pax8 showed become the intent's `basedOn`, so the same conflict does not stop it again — except a
 * company create that met a company of the same name: that is never created twice, so the retry is
 * refused (map the PSA company to the existing one with `setMapping`, or `rejectWrite`).
 * @throws `Pax8SyncWriteStateError` for any other state; `Pax8SyncConfigError` (field `intentId`) for a company-name conflict.
 */
export function retryWrite(options: WriteDecisionOptions): Promise<WriteIntent> {
  return decide(options, 'retry', ['unknown', 'conflict'], (intent) => {
    if (intent.kind === 'company.create' && intent.state === 'conflict') {
      throw new Pax8SyncConfigError(
        'intentId',
        `write intent ${intent.id} met a Pax8 company of the same name; a second one is never created. Map the PSA company to the existing one with setMapping, or rejectWrite this intent.`,
      );
    }
    const actual = intent.state === 'conflict' ? (intent.outcome?.actual as JsonObject | undefined) : undefined;
    return {
      state: 'approved',
      dueAt: null,
      ...(actual ? { basedOn: actual } : {}),
      outcome: { reason: `retried by ${options.by}: ${options.reason}`, retriedFrom: intent.outcome?.reason ?? null, attemptsAtRetry: intent.attempts },
    };
  });
}

/**
 * Holds an intent that was not sent yet until `dueAt` (or releases it with `null`): a scheduled
 * change, e.g. a decrease at the commitment end that Pax8 refuses before. Its state does not
 * change; the feed records the schedule as a `write_transition` to the same state.
 * @throws `Pax8SyncWriteStateError` when it was already sent or is final; `Pax8SyncConfigError` for a bad `dueAt`.
 */
export function scheduleWrite(options: ScheduleWriteOptions): Promise<WriteIntent> {
  const due = options.dueAt;
  if (due !== null && (typeof due !== 'number' || !Number.isFinite(due))) throw new Pax8SyncConfigError('dueAt', `must be epoch ms or null, got ${String(due)}.`);
  return decide(options, 'schedule', ['pending-approval', 'approved'], () => ({ dueAt: due }));
}
