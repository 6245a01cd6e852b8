import { createAesGcmCodec, Pax8SyncConfigError } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPax8SyncWorker, type Pax8SyncWorkerOptions } from '../src/index';

const storage = createMemoryStorage();
const codec = createAesGcmCodec({ key: Buffer.alloc(32, 7) });
// Never connects: options are checked before anything touches the database.
const pgPool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });

function fieldOf(options: Partial<Pax8SyncWorkerOptions>): string | undefined {
  try {
    createPax8SyncWorker({ pgPool, storage, codec, ...options } as Pax8SyncWorkerOptions);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(Pax8SyncConfigError);
    return (error as Pax8SyncConfigError).field;
  }
}

describe('createPax8SyncWorker options', () => {
  it('bad input gets a typed error naming the field', () => {
    expect(fieldOf({ pgPool: undefined as unknown as pg.Pool })).toBe('pgPool');
    expect(fieldOf({ storage: {} as typeof storage })).toBe('storage');
    expect(fieldOf({ codec: undefined as unknown as typeof codec })).toBe('codec');
    expect(fieldOf({ concurrency: 0 })).toBe('concurrency');
    expect(fieldOf({ schema: 'pax8"; drop schema public; --' })).toBe('schema');
    expect(fieldOf({ graphileSchema: 'pg_catalog' })).toBe('graphileSchema');
    expect(fieldOf({ cadence: { subscriptions: 5 } })).toBe('cadence.subscriptions');
    expect(fieldOf({ lockTtlMs: 10 })).toBe('lockTtlMs');
    expect(fieldOf({ liveness: { heartbeatMs: 1_000, deadAfterMs: 1_500 } })).toBe('liveness.deadAfterMs');
    expect(fieldOf({ fairShare: { largeLanes: 0 } })).toBe('fairShare.largeLanes');
    expect(() => createPax8SyncWorker({ pgPool, storage, codec, rateLimit: { safetyMargin: 2 } })).toThrow(/safetyMargin/);
    expect(fieldOf({})).toBeUndefined();
    expect(fieldOf({ rateLimit: false, concurrency: 8 })).toBeUndefined();
  });

  it('write-back: bad intervals name their field; with write-back off "send now" is refused', async () => {
    expect(() => createPax8SyncWorker({ pgPool, storage, codec, writeBack: { sendEveryMs: 10 } })).toThrow(expect.objectContaining({ field: 'writeBack.sendEveryMs' }));
    expect(() => createPax8SyncWorker({ pgPool, storage, codec, writeBack: { staleAfterMs: -1 } })).toThrow(expect.objectContaining({ field: 'writeBack.staleAfterMs' }));
    await expect(createPax8SyncWorker({ pgPool, storage, codec, writeBack: false }).sendWritesNow('c-1')).rejects.toMatchObject({ field: 'writeBack' });
  });

  it('exposes the task list and the crontab for a runner of your own', () => {
    const worker = createPax8SyncWorker({ pgPool, storage, codec });
    expect(Object.keys(worker.taskList).sort()).toEqual(['pax8-sync:outbox-reconcile', 'pax8-sync:outbox-send', 'pax8-sync:reconcile', 'pax8-sync:sync', 'pax8-sync:webhook-refresh', 'pax8-sync:webhook-sweep']);
    expect(worker.cronItems.map((c) => c.task)).toEqual(['pax8-sync:reconcile']);
    expect(worker.poolId).toBeNull();
  });
});
