/**
 * The outbox sender as its own process: `node --import tsx sender-process.ts` with its
 * configuration in `PAX8_SYNC_SENDER` (JSON: an {@link OutboxDatabaseConfig} plus `connectionId`).
 * It runs one outbox pass and prints one JSON line per step, so a test can kill -9 it mid-send.
 */
import { createSyncEngine } from '@pax8-sync/core';
import { type OutboxDatabaseConfig, openOutboxDatabase } from './outbox-database';
import { runOutbox } from './run-outbox';

const config = JSON.parse(process.env.PAX8_SYNC_SENDER ?? '{}') as OutboxDatabaseConfig & { connectionId: string };
const print = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...record, pid: process.pid })}\n`);

const db = await openOutboxDatabase(config);
const engine = createSyncEngine({ storage: db.storage, codec: db.storage.codec });
print({ step: 'ready' });
const pass = await runOutbox(engine, config.connectionId);
print({ step: 'done', settled: pass.settled.counts, sent: pass.sent.counts });
await db.close();
