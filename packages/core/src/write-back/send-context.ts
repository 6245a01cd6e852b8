import type { Pax8Client } from '@pax8-sync/client';
import type { StatusMapperSettings } from '@pax8-sync/status';
import type { EngineDeps } from '../engine/engine-deps';
import { type CompleteSyncLogger, completeLogger } from '../engine/logger';
import type { StoredConnection } from '../storage/connections';
import type { StoredWriteIntent, WriteIntentState } from '../storage/outbox';
import type { ConfirmContext } from './confirm-write';
import { nowOf, openWriteClient, outboxOf } from './write-context';
import { storedWritePolicy, type WritePolicy } from './write-policy';
import type { WritePassResult } from './write-types';

/** Everything one pass of the sender or reconciler uses. @internal */
export interface SendContext extends ConfirmContext {
  deps: EngineDeps;
  connection: StoredConnection;
  client: Pax8Client;
  policy: WritePolicy;
  log: CompleteSyncLogger;
}

/** Options shared by {@link sendDueWrites} and {@link reconcileWrites}. */
export interface WritePassOptions extends EngineDeps {
  /** The connection. */
  connectionId: string;
  /** Status mapping for the subscriptions stored on confirmation (as in `syncSubscriptions`). */
  statusMapping?: StatusMapperSettings;
  /** Most intents handled in this pass (default 100). */
  limit?: number;
}

/** Opens the pass's client and policy. @internal */
export async function sendContext(options: WritePassOptions, connection: StoredConnection): Promise<SendContext> {
  return {
    deps: options,
    storage: options.storage,
    connection,
    client: await openWriteClient(options, connection),
    policy: storedWritePolicy(connection.writePolicy),
    log: completeLogger(options.logger),
    now: () => nowOf(options),
    ...(options.statusMapping ? { statusMapping: options.statusMapping } : {}),
  };
}

/** Collects each intent's end state of the pass. @internal */
export function passResult(): WritePassResult & { add(intent: Pick<StoredWriteIntent, 'id' | 'state'>, reason: string): void } {
  const result: WritePassResult = { intents: [], counts: {} };
  return {
    ...result,
    add(intent, reason) {
      result.intents.push({ id: intent.id, state: intent.state, reason });
      const state: WriteIntentState = intent.state;
      result.counts[state] = (result.counts[state] ?? 0) + 1;
    },
  };
}

/** Ids of orders already attributed to applied intents of the connection (read back tells orders apart by them). @internal */
export async function claimedOrderIds(ctx: SendContext): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await outboxOf(ctx.storage).list(ctx.connection.id, { states: ['applied'], limit: 500, ...(after ? { after } : {}) });
    for (const i of page) if (i.kind === 'order.create' && typeof i.outcome?.pax8Id === 'string') ids.add(i.outcome.pax8Id);
    if (page.length < 500) return ids;
    after = page.at(-1)!.id;
  }
}

/** How many sends an intent may have had before it goes to `unknown` instead of being resent: one automatic resend per approval. @internal */
export function sendLimit(intent: StoredWriteIntent): number {
  const base = intent.outcome?.attemptsAtRetry;
  return (typeof base === 'number' ? base : 0) + 2;
}
