import { Pax8ApiError } from '@pax8-sync/client';
import type { JsonObject } from '../storage/json';
import type { StoredWriteIntent } from '../storage/outbox';
import { deliver } from './deliver-intent';
import { IntentMovedError, transition } from './intent-transition';
import { companiesNamed, subscriptionValues } from './pax8-values';
import { failureText } from './refusal-text';
import { passResult, type SendContext, sendContext, type WritePassOptions } from './send-context';
import { outboxOf, writeConnection } from './write-context';
import type { WritePassResult } from './write-types';

/** Options of {@link sendDueWrites}. */
export interface SendDueWritesOptions extends WritePassOptions {
  /** Send intents due at or before this time, epoch ms; default the engine clock's now. */
  now?: number;
}

const SENDER = 'pax8-sync sender';

/** Pax8's values now, and whether they differ from what the intent was based on (`undefined`: no check for this kind). */
async function conflictOf(ctx: SendContext, intent: StoredWriteIntent): Promise<{ expected: JsonObject; actual: JsonObject } | undefined> {
  if (intent.target.entity === 'subscriptions' && intent.basedOn) {
    const actual = subscriptionValues(await ctx.client.subscriptions.get(intent.target.id));
    const same = actual.quantity === intent.basedOn.quantity && actual.status === intent.basedOn.status;
    return same ? undefined : { expected: intent.basedOn, actual };
  }
  if (intent.kind === 'company.create') {
    const found = await companiesNamed(ctx.client, String((intent.payload.company as { name?: unknown }).name));
    return found.length === 0 ? undefined : { expected: { companies: [] }, actual: { companies: found } as unknown as JsonObject };
  }
  return undefined;
}

/**
 * What the claim records to read back against: for an order, the ids of the company's orders that
 * exist before it is sent (only a new one can be ours); under PSA-wins, Pax8's values as sent over.
 */
async function claimBasis(ctx: SendContext, intent: StoredWriteIntent, actual: JsonObject | undefined): Promise<JsonObject | null> {
  if (intent.kind === 'order.create') {
    const orderIds: string[] = [];
    for await (const order of ctx.client.orders.iterate({ companyId: intent.target.id })) orderIds.push(order.id);
    return { ...intent.basedOn, orderIds };
  }
  return actual ?? intent.basedOn;
}

/** Re-reads the target, then claims and sends one approved intent. */
async function sendOne(ctx: SendContext, intent: StoredWriteIntent): Promise<StoredWriteIntent> {
  let conflict: Awaited<ReturnType<typeof conflictOf>>;
  let basedOn: JsonObject | null;
  try {
    conflict = await conflictOf(ctx, intent);
    basedOn = await claimBasis(ctx, intent, conflict?.actual);
  } catch (error) {
    if (Pax8ApiError.isInstance(error) && error.status === 404) {
      const reason = `Pax8 has no ${intent.target.entity === 'subscriptions' ? 'subscription' : 'company'} ${intent.target.id} any more; nothing was sent`;
      return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'failed', outcome: { reason } }, { by: SENDER, reason }, ctx.now()));
    }
    ctx.log.warn({ connectionId: intent.connectionId, intentId: intent.id, error: failureText(error) }, 'write-back: the target could not be re-read before sending; the intent waits for the next pass');
    return intent;
  }
  // A company of that name already exists: creating another is never what a person meant, whatever the policy.
  if (conflict && (ctx.policy.onConflict === 'pax8-wins' || intent.kind === 'company.create')) {
    const reason = `Pax8 changed since the intent was made (expected ${JSON.stringify(conflict.expected)}, Pax8 shows ${JSON.stringify(conflict.actual)}); Pax8 wins, so it was not sent`;
    return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'conflict', outcome: { reason, expected: conflict.expected, actual: conflict.actual } }, { by: SENDER, reason }, ctx.now()));
  }
  const previous = { attempts: intent.attempts, sentAt: intent.sentAt };
  const why = conflict ? `sending to Pax8 although Pax8 changed (PSA wins): Pax8 showed ${JSON.stringify(conflict.actual)}` : 'sending to Pax8';
  const claimed = await ctx.storage.transaction((tx) => transition(tx, intent, { state: 'sending', attempts: intent.attempts + 1, sentAt: ctx.now(), basedOn }, { by: SENDER, reason: why }, ctx.now()));
  return deliver(ctx, claimed, previous);
}

/**
 * One pass of the sender for a connection: every `approved` intent due by `now` (oldest due first,
 * at most `limit`) is re-read in Pax8 (a conflict stops it under Pax8-wins), claimed by
 * compare-and-swap (`approved` → `sending`, `attempts + 1`, `sentAt`: of many processes exactly one
 * sends it), sent once with `sendOnce`, and settled: `applied` (then its target is re-read into
 * storage), `failed` (Pax8 refused, with Pax8's reason), back to `approved` (certainly not sent, or
 * rate limited), or — when the answer was lost — read back (see `reconcileWrites`). Every
 * transition is a `write_transition` event committed with it. Restartable from storage alone.
 * @returns each intent handled with the state it ended the pass in.
 * @throws `Pax8SyncReauthorizationRequiredError` at once for a delegated connection that must reconnect;
 *   `Pax8SyncConfigError` for storage without write-back.
 */
export async function sendDueWrites(options: SendDueWritesOptions): Promise<WritePassResult> {
  const connection = await writeConnection(options, options.connectionId);
  const ctx = await sendContext(options, connection);
  const due = await outboxOf(options.storage).listDue(connection.id, options.now ?? ctx.now(), options.limit ?? 100);
  const result = passResult();
  for (const intent of due) {
    try {
      const end = await sendOne(ctx, intent);
      result.add(end, String(end.outcome?.reason ?? (end.state === 'approved' ? 'waits for the next pass' : end.state)));
    } catch (error) {
      if (!(error instanceof IntentMovedError)) throw error;
      result.add(intent, 'another process or person acted on it first');
    }
  }
  return { intents: result.intents, counts: result.counts };
}

