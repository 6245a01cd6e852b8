import type { SyncEngine, WritePassResult } from '@pax8-sync/core';

/** What one {@link runOutbox} pass did. */
export interface OutboxPass {
  /** Intents left `sending` by a sender that died, settled by reading Pax8 back (never resent blindly). */
  settled: WritePassResult;
  /** Approved intents that were due, sent at most once each. */
  sent: WritePassResult;
}

/** Options of {@link runOutbox}. */
export interface RunOutboxOptions {
  /**
   * How long an intent may stay `sending` before it counts as abandoned (default 300 000 ms); pass
   * `0` right after a restart, or in a sender that runs its passes one after another, when nothing
   * of this process can still be sending.
   */
  staleAfterMs?: number;
  /** Send intents due by this time, epoch ms (default now): a later time also sends what waits out a re-read backoff. */
  dueBy?: number;
  /** Most intents settled, and most sent, in the pass (default 100 each). */
  limit?: number;
}

/**
 * One pass of the write-back outbox, the loop a PSA runs on a timer or in its worker: first settle
 * what a crashed sender left in flight (`reconcileWrites` reads Pax8 back: applied, resent once when
 * clearly not applied, or `unknown` for a person), then send what is approved and due. Safe to run
 * after a kill -9 and from several processes: an intent is claimed for sending by one of them only.
 * @param engine - your engine.
 * @param connectionId - the connection whose outbox to work.
 * @param options - staleness, due time and batch size.
 */
export async function runOutbox(engine: SyncEngine, connectionId: string, options: RunOutboxOptions = {}): Promise<OutboxPass> {
  const limit = options.limit ?? 100;
  const settled = await engine.reconcileWrites({ connectionId, staleAfterMs: options.staleAfterMs ?? 300_000, limit });
  const sent = await engine.sendDueWrites({ connectionId, limit, ...(options.dueBy === undefined ? {} : { now: options.dueBy }) });
  return { settled, sent };
}

/** Whether the connection still has intents to send or settle (`approved` or `sending`). */
export async function outboxOpen(engine: SyncEngine, connectionId: string): Promise<boolean> {
  return (await engine.listWrites({ connectionId, states: ['approved', 'sending'], limit: 1 })).length > 0;
}
