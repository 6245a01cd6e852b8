import type { SyncEngine, WritePassResult } from '@pax8-sync/core';

/** What one {@link runOutbox} pass did. */
export interface OutboxPass {
  /** Intents left `sending` by a sender that died, settled by reading Pax8 back (never resent blindly). */
  settled: WritePassResult;
  /** Approved intents that were due, sent at most once each. */
  sent: WritePassResult;
}

/**
 * One pass of the write-back outbox, the loop a PSA runs on a timer or in its worker: first settle
 * what a crashed sender left in flight (`reconcileWrites` reads Pax8 back: applied, resent once when
 * clearly not applied, or `unknown` for a person), then send what is approved and due. Safe to run
 * after a kill -9 and from several processes: an intent is claimed for sending by one of them only.
 * @param engine - your engine.
 * @param connectionId - the connection whose outbox to work.
 * @param staleAfterMs - how long an intent may stay `sending` before it counts as abandoned; pass
 *   `0` right after a restart, when nothing of this process can still be sending.
 */
export async function runOutbox(engine: SyncEngine, connectionId: string, staleAfterMs = 300_000): Promise<OutboxPass> {
  const settled = await engine.reconcileWrites({ connectionId, staleAfterMs });
  const sent = await engine.sendDueWrites({ connectionId });
  return { settled, sent };
}
