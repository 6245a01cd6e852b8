import type { SyncEngine, WriteIntent, WritePreview } from '@pax8-sync/core';

/** One row of the approval screen: the intent a person decides on, and what Pax8 would do with it. */
export interface ApprovalRow {
  /** The intent waiting for approval (who asked, why, what it was based on). */
  intent: WriteIntent;
  /** Pax8's answer today: the effect in words, what blocks it, and when a blocker lifts. */
  preview: WritePreview;
}

/**
 * The connection's intents waiting for a person, each with its preview (a read of Pax8; an order is
 * validated with `isMock=true`), oldest first: what a PSA's approval screen lists.
 * @param engine - your engine.
 * @param connectionId - the connection.
 */
export async function approvalQueue(engine: SyncEngine, connectionId: string): Promise<ApprovalRow[]> {
  const waiting = await engine.listWrites({ connectionId, states: ['pending-approval'] });
  const rows: ApprovalRow[] = [];
  for (const intent of waiting) rows.push({ intent, preview: await engine.previewWrite({ connectionId, intentId: intent.id }) });
  return rows.sort((a, b) => a.intent.createdAt - b.intent.createdAt);
}

/** A person's decision on one {@link ApprovalRow}. */
export interface ApprovalDecision {
  /** The intent. */
  intentId: string;
  /** Approve it (sent by the next outbox pass, or at its `dueAt`) or reject it (it ends `failed`). */
  approve: boolean;
  /** Who decided (recorded on the change feed). */
  by: string;
  /** Why (recorded on the change feed). */
  reason: string;
  /**
   * Send it only at this time, epoch ms (e.g. the preview's `scheduleFor`, the commitment end of a
   * decrease); absent sends it as soon as approved.
   */
  dueAt?: number;
}

/**
 * Applies a person's decision: approve (optionally scheduled for a date) or reject, both recorded
 * with who and why. Returns the intent as it now stands.
 * @param engine - your engine.
 * @param connectionId - the connection.
 * @param decision - the decision.
 */
export async function decide(engine: SyncEngine, connectionId: string, decision: ApprovalDecision): Promise<WriteIntent> {
  const { intentId, by, reason } = decision;
  if (!decision.approve) return engine.rejectWrite({ connectionId, intentId, by, reason });
  if (decision.dueAt !== undefined) await engine.scheduleWrite({ connectionId, intentId, by, reason, dueAt: decision.dueAt });
  return engine.approveWrite({ connectionId, intentId, by, reason });
}
