/**
 * The outbox sender as its own process: `node --import tsx sender-process.ts` with its
 * configuration in `PAX8_SYNC_SENDER` (JSON, a {@link SenderConfig}). It runs outbox passes one
 * after another until nothing is left to send or settle (or `passes` ran), and prints one JSON line
 * per pass, so a test can kill -9 it mid-send. It must be the connection's only sender: each pass
 * settles every intent found `sending` (`staleAfterMs: 0`), since its own sends have ended by then.
 */
import { createSyncEngine, type SyncEngineOptions } from '@pax8-sync/core';
import { type OutboxDatabaseConfig, openOutboxDatabase } from './outbox-database';
import { outboxOpen, runOutbox } from './run-outbox';

/** What the sender process reads from `PAX8_SYNC_SENDER`. */
export interface SenderConfig extends OutboxDatabaseConfig {
  /** The connection whose outbox to work. */
  connectionId: string;
  /** Most passes (default 1). */
  passes?: number;
  /** Each pass also sends intents due this far ahead, ms (default 0): a test's way past re-read backoffs. */
  lookAheadMs?: number;
  /** Intents a pass settles and sends (default 100). */
  limit?: number;
  /** Pax8 client options that survive JSON (retry, rateLimit, timeoutMs). */
  clientOptions?: SyncEngineOptions['clientOptions'];
}

const config = JSON.parse(process.env.PAX8_SYNC_SENDER ?? '{}') as SenderConfig;
const print = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...record, pid: process.pid })}\n`);

const db = await openOutboxDatabase(config);
const engine = createSyncEngine({ storage: db.storage, codec: db.storage.codec, ...(config.clientOptions ? { clientOptions: config.clientOptions } : {}) });
print({ step: 'ready' });
const passes = config.passes ?? 1;
for (let n = 1; n <= passes; n++) {
  // The first pass settles whatever a killed predecessor left `sending`; later ones run right after this process's own sends.
  const pass = await runOutbox(engine, config.connectionId, { staleAfterMs: 0, dueBy: Date.now() + (config.lookAheadMs ?? 0), ...(config.limit ? { limit: config.limit } : {}) });
  print({ step: 'pass', n, settled: pass.settled.counts, sent: pass.sent.counts });
  if (!(await outboxOpen(engine, config.connectionId))) break;
}
print({ step: 'done' });
await db.close();
