import { Pax8SyncConfigError } from '../errors/config-error';
import type { JsonObject } from '../storage/json';
import type { WriteIntentKind } from '../storage/outbox';

/** Which write intents need a person's approval before they are sent. */
export interface WriteApprovalRules {
  /** Every intent needs approval (default `true`: nothing reaches Pax8 unapproved until you relax it). */
  every: boolean;
  /** A quantity increase of more than this many seats (target minus current) needs approval; `null`: none does. */
  increasesAbove: number | null;
  /** Every quantity decrease needs approval. */
  decreases: boolean;
  /** Every cancellation needs approval. */
  cancellations: boolean;
  /** Every order needs approval. */
  orders: boolean;
  /** Every company creation needs approval. */
  companyCreates: boolean;
}

/**
 * Who wins when Pax8 changed since an intent was made (checked by re-reading the target before it is
 * sent): `pax8-wins` stops the intent as `conflict` with both values; `psa-wins` sends it anyway.
 */
export type WriteConflictPolicy = 'pax8-wins' | 'psa-wins';

/** A connection's write-back policy, persisted with the connection (see `setWritePolicy`). */
export interface WritePolicy {
  /** Which intents need approval. */
  approval: WriteApprovalRules;
  /** Who wins a conflict; default `pax8-wins`. */
  onConflict: WriteConflictPolicy;
}

/** A change to a write policy: only the named fields change. */
export interface WritePolicyUpdate {
  /** Approval rules to change. */
  approval?: Partial<WriteApprovalRules>;
  /** The conflict policy. */
  onConflict?: WriteConflictPolicy;
}

/** The policy of a connection that never set one: every intent needs approval, Pax8 wins conflicts. */
export const defaultWritePolicy: WritePolicy = {
  approval: { every: true, increasesAbove: null, decreases: false, cancellations: false, orders: false, companyCreates: false },
  onConflict: 'pax8-wins',
};

const FLAGS = ['every', 'decreases', 'cancellations', 'orders', 'companyCreates'] as const;

/** Applies `update` to `base`, checking every field. @throws `Pax8SyncConfigError` naming the bad field. @internal */
export function mergeWritePolicy(base: WritePolicy, update: WritePolicyUpdate): WritePolicy {
  if (typeof update !== 'object' || update === null) throw new Pax8SyncConfigError('policy', 'must be an object such as { approval: { every: false, increasesAbove: 5 } }.');
  const approval = { ...base.approval, ...(update.approval ?? {}) };
  for (const flag of FLAGS) {
    if (typeof approval[flag] !== 'boolean') throw new Pax8SyncConfigError(`policy.approval.${flag}`, `must be true or false, got ${String(approval[flag])}.`);
  }
  const above = approval.increasesAbove;
  if (above !== null && (typeof above !== 'number' || !Number.isInteger(above) || above < 0)) {
    throw new Pax8SyncConfigError('policy.approval.increasesAbove', `must be a whole number of seats (0 or more) or null, got ${String(above)}.`);
  }
  const onConflict = update.onConflict ?? base.onConflict;
  if (onConflict !== 'pax8-wins' && onConflict !== 'psa-wins') throw new Pax8SyncConfigError('policy.onConflict', `must be "pax8-wins" or "psa-wins", got ${String(onConflict)}.`);
  const known = new Set(['approval', 'onConflict']);
  const extra = Object.keys(update).find((k) => !known.has(k));
  if (extra !== undefined) throw new Pax8SyncConfigError(`policy.${extra}`, 'is not a write policy field (use approval or onConflict).');
  return { approval, onConflict };
}

/** The policy stored on a connection, or the default. Stored JSON that no longer validates falls back to the default, field by field. @internal */
export function storedWritePolicy(stored: JsonObject | undefined): WritePolicy {
  if (!stored) return defaultWritePolicy;
  try {
    return mergeWritePolicy(defaultWritePolicy, stored as unknown as WritePolicyUpdate);
  } catch {
    return defaultWritePolicy;
  }
}

/** Why an intent needs approval under `policy`, or `undefined` when it may be sent once due. @internal */
export function approvalNeeded(policy: WritePolicy, kind: WriteIntentKind, payload: JsonObject, basedOn: JsonObject | null): string | undefined {
  const rules = policy.approval;
  if (rules.every) return 'the policy asks approval for every change';
  if (kind === 'subscription.cancel' && rules.cancellations) return 'the policy asks approval for every cancellation';
  if (kind === 'order.create' && rules.orders) return 'the policy asks approval for every order';
  if (kind === 'company.create' && rules.companyCreates) return 'the policy asks approval for every company creation';
  if (kind === 'subscription.quantity') {
    const current = typeof basedOn?.quantity === 'number' ? basedOn.quantity : 0;
    const delta = (payload.quantity as number) - current;
    if (delta < 0 && rules.decreases) return 'the policy asks approval for every decrease';
    if (rules.increasesAbove !== null && delta > rules.increasesAbove) return `the policy asks approval for increases of more than ${rules.increasesAbove} seats (this one adds ${delta})`;
  }
  return undefined;
}
