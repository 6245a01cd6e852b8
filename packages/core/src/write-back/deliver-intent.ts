import { Pax8ApiError, Pax8AuthError, Pax8NetworkError, Pax8RateLimitError, Pax8TimeoutError } from '@pax8-sync/client';
import { Pax8SyncReauthorizationRequiredError } from '../errors/reauthorization-required-error';
import type { JsonObject } from '../storage/json';
import type { StoredWriteIntent } from '../storage/outbox';
import type { Pax8SyncStores } from '../storage/storage';
import { confirmWrite } from './confirm-write';
import { IntentMovedError, transition } from './intent-transition';
import { type ReadBack, readBack, sendIntent } from './pax8-effects';
import { failureText, refusalText } from './refusal-text';
import { claimedOrderIds, type SendContext, sendLimit } from './send-context';

const SENDER = 'pax8-sync sender';

/**
 * Creates (orders, companies) are never sent twice automatically: Pax8 has no idempotency key, and
 * a create whose answer was lost may still be in flight, so "not found yet" proves nothing. @internal
 */
export const isCreate = (intent: Pick<StoredWriteIntent, 'kind'>): boolean => intent.kind === 'order.create' || intent.kind === 'company.create';

/** Failures that certainly left nothing in Pax8 and may pass (a network failure before sending, a rate limit, a token hiccup). */
const isTransient = (error: unknown): boolean =>
  Pax8NetworkError.isInstance(error) || Pax8TimeoutError.isInstance(error) || Pax8RateLimitError.isInstance(error) || Pax8AuthError.isInstance(error) || Pax8SyncReauthorizationRequiredError.isInstance(error);

/** Stores `applied` (and for a created company its mapping, in the same transaction), then confirms by re-reading. @internal */
export async function finishApplied(ctx: SendContext, intent: StoredWriteIntent, outcome: JsonObject): Promise<StoredWriteIntent> {
  const now = ctx.now();
  const applied = await ctx.storage.transaction((tx) => applyTransition(tx, intent, outcome, now)).catch((error: unknown) => {
    if (error instanceof IntentMovedError) {
      ctx.log.error({ connectionId: intent.connectionId, intentId: intent.id, pax8Id: typeof outcome.pax8Id === 'string' ? outcome.pax8Id : null }, 'write-back: Pax8 applied the write but another process had moved the intent meanwhile; check it (the Pax8 id is in this line)');
    }
    throw error;
  });
  await confirmWrite(ctx, applied);
  return applied;
}

/** `applied`, and for a created company its confirmed mapping, in one transaction. */
async function applyTransition(tx: Pax8SyncStores, intent: StoredWriteIntent, outcome: JsonObject, now: number): Promise<StoredWriteIntent> {
  const next = await transition(tx, intent, { state: 'applied', outcome }, { by: SENDER, reason: String(outcome.reason) }, now);
  if (intent.kind === 'company.create' && typeof outcome.pax8Id === 'string') {
    await tx.mappings.upsertMany([{ connectionId: intent.connectionId, pax8CompanyId: outcome.pax8Id, psaCompanyId: intent.target.id, state: 'confirmed', score: null, source: 'manual', updatedAt: now }]);
  }
  return next;
}

/** Puts a certainly-unsent intent back to `approved`, undoing its claim. */
async function unclaim(ctx: SendContext, intent: StoredWriteIntent, previous: Pick<StoredWriteIntent, 'attempts' | 'sentAt'>, reason: string): Promise<StoredWriteIntent> {
  return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'approved', ...previous }, { by: SENDER, reason }, ctx.now()));
}

/**
 * Sends a `sending` intent (already claimed: `attempts` and `sentAt` set) once and settles what
 * Pax8 answered. `previous`: its attempts and sentAt before the claim (restored when it certainly
 * was not sent). @internal
 */
export async function deliver(ctx: SendContext, intent: StoredWriteIntent, previous: Pick<StoredWriteIntent, 'attempts' | 'sentAt'>): Promise<StoredWriteIntent> {
  const outcome = await ctx.client.sendOnce((pax8) => sendIntent(pax8, intent, ctx.connection));
  switch (outcome.kind) {
    case 'applied': {
      const mock = outcome.value.mock === true;
      const reason = mock ? 'Pax8 validated the order (isMock=true, Sandbox): nothing was ordered' : 'Pax8 confirmed it';
      return finishApplied(ctx, intent, { reason, ...outcome.value });
    }
    case 'refused': {
      if (Pax8ApiError.isInstance(outcome.error) && outcome.error.isRetryable) return unclaim(ctx, intent, previous, `${refusalText(outcome.error)}; nothing was applied, it is sent again on a later pass`);
      // A resend refused (e.g. "already cancelled") may mean the first send did apply: read back.
      if (intent.attempts >= 2) {
        const verdict = await readBack(ctx.client, intent, ctx.connection, await claimedOrderIds(ctx)).catch(() => undefined);
        if (verdict?.kind === 'applied') return finishApplied(ctx, intent, { reason: verdict.reason, ...(verdict.pax8Id ? { pax8Id: verdict.pax8Id } : {}) });
      }
      return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'failed', outcome: { reason: refusalText(outcome.error) } }, { by: SENDER, reason: refusalText(outcome.error) }, ctx.now()));
    }
    case 'not-sent': {
      if (isTransient(outcome.error)) {
        const reverted = await unclaim(ctx, intent, previous, `not sent (${failureText(outcome.error)}); it is sent on a later pass`);
        if (Pax8SyncReauthorizationRequiredError.isInstance(outcome.error)) throw outcome.error;
        return reverted;
      }
      const reason = `not sent: ${failureText(outcome.error)}`;
      return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'failed', outcome: { reason } }, { by: SENDER, reason }, ctx.now()));
    }
    case 'maybe-applied':
      if (isCreate(intent)) {
        // Pax8 may still be processing it: reading back now could miss it. reconcileWrites reads it back after staleAfterMs.
        ctx.log.warn({ connectionId: intent.connectionId, intentId: intent.id, error: failureText(outcome.error) }, 'write-back: the answer to a create was lost; it stays sending and reconcileWrites reads it back after its grace period (never resent automatically)');
        return intent;
      }
      return settleUnclear(ctx, intent, `the answer was lost (${failureText(outcome.error)})`);
  }
}

/**
 * Settles a `sending` intent whose effect is not known by reading Pax8 back, never resending
 * blindly: applied → `applied`; clearly not applied → for a quantity change or cancel (effect-idempotent)
 * resent once (counted) if it has not been resent yet, else `unknown`; for a create always `unknown`; anything unclear → `unknown` with the reason. When Pax8 cannot be
 * read, it stays `sending` for a later `reconcileWrites`. @internal
 */
export async function settleUnclear(ctx: SendContext, intent: StoredWriteIntent, why: string): Promise<StoredWriteIntent> {
  let verdict: ReadBack;
  try {
    verdict = await readBack(ctx.client, intent, ctx.connection, await claimedOrderIds(ctx));
  } catch (error) {
    if (Pax8ApiError.isInstance(error) && error.status === 404) {
      const reason = `${why}; read back: Pax8 no longer has the ${intent.target.entity === 'subscriptions' ? 'subscription' : 'company'} ${intent.target.id}, so it cannot be told whether the write took effect`;
      return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'unknown', outcome: { reason } }, { by: SENDER, reason }, ctx.now()));
    }
    ctx.log.warn({ connectionId: intent.connectionId, intentId: intent.id, error: failureText(error) }, 'write-back: Pax8 could not be read back; the intent stays sending for reconcileWrites');
    return intent;
  }
  if (verdict.kind === 'applied') return finishApplied(ctx, intent, { reason: `${why}; ${verdict.reason}`, ...(verdict.pax8Id ? { pax8Id: verdict.pax8Id } : {}) });
  if (verdict.kind === 'not-applied' && isCreate(intent)) {
    const reason = `${why}; ${verdict.reason}: a create whose answer was lost is never sent again automatically (Pax8 may have it under way). Check Pax8, then retryWrite to send it again`;
    return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'unknown', outcome: { reason } }, { by: SENDER, reason }, ctx.now()));
  }
  if (verdict.kind === 'not-applied' && intent.attempts < sendLimit(intent)) {
    const previous = { attempts: intent.attempts, sentAt: intent.sentAt };
    const resent = await ctx.storage.transaction((tx) =>
      transition(tx, intent, { attempts: intent.attempts + 1, sentAt: ctx.now() }, { by: SENDER, reason: `${why}; ${verdict.reason}: sending it once more` }, ctx.now()),
    );
    return deliver(ctx, resent, previous);
  }
  const reason = verdict.kind === 'not-applied' ? `sent ${intent.attempts} times without a usable answer; ${verdict.reason}: a person decides (check Pax8, then retryWrite to send it again)` : `${why}; ${verdict.reason}`;
  return ctx.storage.transaction((tx) => transition(tx, intent, { state: 'unknown', outcome: { reason } }, { by: SENDER, reason }, ctx.now()));
}
