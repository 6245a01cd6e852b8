import type { StoredWriteIntent } from '../storage/outbox';
import { settleUnclear } from './deliver-intent';
import { IntentMovedError } from './intent-transition';
import { passResult, sendContext, type WritePassOptions } from './send-context';
import { nowOf, outboxOf, writeConnection } from './write-context';
import type { WritePassResult } from './write-types';

/** Options of {@link reconcileWrites}. */
export interface ReconcileWritesOptions extends WritePassOptions {
  /**
   * Only intents `sending` since at least this long, ms (default 300 000: longer than any send takes,
   * so an intent another live process is sending right now is left alone). After a crash of the
   * only sender, 0 settles every `sending` intent at once.
   */
  staleAfterMs?: number;
}

async function staleSending(options: ReconcileWritesOptions, connectionId: string, cutoff: number): Promise<StoredWriteIntent[]> {
  const found: StoredWriteIntent[] = [];
  let after: string | undefined;
  const limit = options.limit ?? 100;
  while (found.length < limit) {
    const page = await outboxOf(options.storage).list(connectionId, { states: ['sending'], limit: 200, ...(after ? { after } : {}) });
    found.push(...page.filter((i) => (i.sentAt ?? 0) <= cutoff));
    if (page.length < 200) break;
    after = page.at(-1)!.id;
  }
  return found.slice(0, limit);
}

/**
 * Settles intents left `sending` (a crash or kill between claim and answer, or a read-back that
 * failed) by reading Pax8 back, never resending blindly: the quantity equals the target, the
 * subscription shows the cancellation, a company of that name exists, or an order for that company
 * with those lines was placed after `sentAt` → `applied`; clearly not applied → a quantity change
 * or cancel (effect-idempotent) is resent once (counted), a create (order, company) is never resent
 * automatically and goes to `unknown`; otherwise `unknown` with the reason, for a person (`retryWrite`).
 * A create whose answer was lost waits here (`sending`) until `staleAfterMs` passed, so Pax8 has
 * finished processing it before it is read back. Restartable
 * from storage alone; call it at start-up and on a timer (the worker does).
 * @returns each intent handled with the state it ended in (`sending` when Pax8 could not be read).
 */
export async function reconcileWrites(options: ReconcileWritesOptions): Promise<WritePassResult> {
  const connection = await writeConnection(options, options.connectionId);
  const ctx = await sendContext(options, connection);
  const staleAfter = options.staleAfterMs ?? 300_000;
  const result = passResult();
  for (const intent of await staleSending(options, connection.id, nowOf(options) - staleAfter)) {
    try {
      const end = await settleUnclear(ctx, intent, 'found sending (the sender stopped before settling it)');
      result.add(end, String(end.outcome?.reason ?? (end.state === 'sending' ? 'Pax8 could not be read back; try again later' : end.state)));
    } catch (error) {
      if (!(error instanceof IntentMovedError)) throw error;
      result.add(intent, 'another process or person acted on it first');
    }
  }
  return { intents: result.intents, counts: result.counts };
}
