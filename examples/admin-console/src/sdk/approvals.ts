import type { SyncEngine, WriteIntent, WritePreview } from '@pax8-sync/core';

/** One intent waiting for a person, with what Pax8 would do with it today. */
export interface PendingApproval {
  /** The intent (who asked, why, what it was based on). */
  intent: WriteIntent;
  /** Pax8's answer today, or `null` when Pax8 could not be asked (then `previewError` says why). */
  preview: WritePreview | null;
  /** Why there is no preview, in plain words (never a secret). */
  previewError: string | null;
}

/** What the Approvals screen shows. */
export interface ApprovalsPage {
  /** Intents waiting for approval, oldest first. */
  pending: PendingApproval[];
  /** The other intents, most recently changed first (at most `recent`). */
  recent: WriteIntent[];
}

/**
 * Loads the Approvals screen: the waiting intents, each previewed against Pax8 (one read each; an order
 * is validated with `isMock=true`), and the latest decided or sent ones with their state and reason.
 * @param engine - the engine.
 * @param connectionId - the connection.
 * @param recent - how many decided or sent intents to list (default 20).
 */
export async function loadApprovals(engine: SyncEngine, connectionId: string, recent = 20): Promise<ApprovalsPage> {
  const all = await engine.listWrites({ connectionId, limit: 1000 });
  const waiting = all.filter((i) => i.state === 'pending-approval').sort((a, b) => a.createdAt - b.createdAt);
  const pending: PendingApproval[] = [];
  for (const intent of waiting) {
    try {
      pending.push({ intent, preview: await engine.previewWrite({ connectionId, intentId: intent.id }), previewError: null });
    } catch (error) {
      pending.push({ intent, preview: null, previewError: error instanceof Error ? error.message : 'Pax8 could not be asked.' });
    }
  }
  const others = all.filter((i) => i.state !== 'pending-approval').sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
  return { pending, recent: others.slice(0, recent) };
}

/** A person's decision from the Approvals form. */
export interface ApprovalFormDecision {
  /** The intent. */
  intentId: string;
  /** `approve`, `approve-later` (for the preview's `scheduleFor`) or `reject`. */
  action: 'approve' | 'approve-later' | 'reject';
  /** Who decided. */
  by: string;
  /** Why. */
  reason: string;
}

/**
 * Applies a decision: approve, approve for when the commitment blocking it ends (held in the outbox
 * and sent then), or reject; each recorded with who and why on the change feed.
 * @param engine - the engine.
 * @param connectionId - the connection.
 * @param decision - the decision.
 * @throws `Pax8SyncWriteStateError` when the intent was decided meanwhile.
 */
export async function applyApproval(engine: SyncEngine, connectionId: string, decision: ApprovalFormDecision): Promise<WriteIntent> {
  const { intentId, by, reason } = decision;
  if (decision.action === 'reject') return engine.rejectWrite({ connectionId, intentId, by, reason });
  if (decision.action === 'approve-later') {
    const preview = await engine.previewWrite({ connectionId, intentId });
    if (preview.scheduleFor !== null) await engine.scheduleWrite({ connectionId, intentId, by, reason, dueAt: preview.scheduleFor });
  }
  return engine.approveWrite({ connectionId, intentId, by, reason });
}

/**
 * "Send approved changes now": settles intents a crashed sender left in flight (by reading Pax8
 * back), then sends what is approved and due, at most once each. Returns how many were applied.
 * @param engine - the engine.
 * @param connectionId - the connection.
 */
export async function sendApprovedNow(engine: SyncEngine, connectionId: string): Promise<{ applied: number; other: number }> {
  const settled = await engine.reconcileWrites({ connectionId });
  const sent = await engine.sendDueWrites({ connectionId });
  const all = [...settled.intents, ...sent.intents];
  const applied = all.filter((i) => i.state === 'applied').length;
  return { applied, other: all.length - applied };
}
