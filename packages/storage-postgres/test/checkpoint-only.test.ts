import { createPostgresStorage, type PostgresClient, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { Pax8SyncError, type RunCheckpointInput } from '@pax8-sync/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dropStorage, emptyStorage, testDatabases, testKey, uniqueSchema } from './support/databases';

/** The client of the test database, counting the statements sent outside a transaction and the transactions opened. */
function counting(client: PostgresClient, seen: { statements: string[]; transactions: number }): PostgresClient {
  const inner = client as unknown as Record<string, (...args: unknown[]) => unknown> & { totalCount?: number };
  const query = (text: unknown, params?: unknown) => {
    seen.statements.push(String(text));
    return inner.query!.call(inner, text, params);
  };
  const opening = (open: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
    seen.transactions += 1;
    return open.call(inner, ...args);
  };
  if (typeof inner.transaction === 'function') {
    return { query, exec: (t: string) => inner.exec!.call(inner, t), transaction: opening(inner.transaction) } as unknown as PostgresClient;
  }
  return { query, connect: opening(inner.connect!), get totalCount() { return inner.totalCount ?? 0; } } as unknown as PostgresClient;
}

const counts = { created: 0, updated: 0, unchanged: 3, removed: 0, quarantined: 0 };
const checkpoint = (runId: string, page = 0): RunCheckpointInput => ({ runId, page, checkpoint: { nextPage: page + 1 }, counts, seenIds: ['a', 'b', 'c'], mark: `mark-${page}` });

for (const db of testDatabases()) {
  describe(`a checkpoint-only transaction is one statement (#13) (${db.name})`, () => {
    const seen = { statements: [] as string[], transactions: 0 };
    let storage: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      storage = createPostgresStorage({ client: counting(db.client(), seen), schema: uniqueSchema(), encryptionKey: testKey });
      await storage.migrate();
    });
    afterAll(async () => {
      await dropStorage(db, storage);
      await db.close();
    });
    beforeEach(async () => {
      await emptyStorage(db, storage);
      await storage.runs.start({ id: 'run-1', connectionId: 'conn-1', entity: 'subscriptions', pullId: 'pull-1', resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts, error: null, flags: [] });
      seen.statements.length = 0;
      seen.transactions = 0;
    });
    const lease = () => storage.locks.acquire({ connectionId: 'conn-1', name: 'sync:subscriptions', holder: 'w', ttlMs: 1_000, now: 0 });
    const marks = () => storage.runs.pageMarks!('conn-1', 'subscriptions');

    it('writes the checkpoint and checks the fence in one statement, without opening a transaction', async () => {
      const a = await lease();
      const fence = { connectionId: 'conn-1', name: 'sync:subscriptions', token: a?.token ?? -1 };
      seen.statements.length = 0;
      await storage.transaction((tx) => tx.runs.checkpoint(checkpoint('run-1', 4)), { checkpointOnly: true, fence });
      expect(seen).toEqual({ statements: [expect.stringMatching(/^WITH sync AS/)], transactions: 0 });
      expect(await marks()).toEqual([{ page: 4, mark: 'mark-4' }]);
      expect(await storage.runs.countSeen('conn-1', 'pull-1')).toBe(3);
      expect((await storage.runs.get('run-1'))?.checkpoint).toEqual({ nextPage: 5 });
    });

    it('renews the lease in the same statement; a stale token writes nothing and rejects with lease-lost', async () => {
      const a = await lease();
      const fence = { connectionId: 'conn-1', name: 'sync:subscriptions', token: a?.token ?? -1 };
      await storage.transaction((tx) => tx.runs.checkpoint(checkpoint('run-1', 0)), { checkpointOnly: true, fence: { ...fence, renew: { ttlMs: 1_000, now: 600 } } });
      expect((await storage.locks.get('conn-1', 'sync:subscriptions'))?.expiresAt).toBe(1_600);
      const b = await storage.locks.acquire({ connectionId: 'conn-1', name: 'sync:subscriptions', holder: 'w2', ttlMs: 1_000, now: 5_000 });
      for (const stale of [fence, { ...fence, renew: { ttlMs: 60_000, now: 5_001 } }]) {
        const error = await storage.transaction((tx) => tx.runs.checkpoint(checkpoint('run-1', 1)), { checkpointOnly: true, fence: stale }).catch((e: unknown) => e);
        expect(Pax8SyncError.isInstance(error) && error.code).toBe('lease-lost');
      }
      // A transaction that writes nothing checks its fence all the same.
      await expect(storage.transaction(async () => undefined, { checkpointOnly: true, fence })).rejects.toMatchObject({ code: 'lease-lost' });
      expect(await marks()).toEqual([{ page: 0, mark: 'mark-0' }]);
      expect(await storage.locks.get('conn-1', 'sync:subscriptions')).toEqual(b);
    });

    it('writes nothing when fn rejects, and rejects with not-found for a missing run', async () => {
      await expect(
        storage.transaction(async (tx) => {
          await tx.runs.checkpoint(checkpoint('run-1', 0));
          throw new Error('boom');
        }, { checkpointOnly: true }),
      ).rejects.toThrow('boom');
      expect(await marks()).toEqual([]);
      await expect(storage.transaction((tx) => tx.runs.checkpoint(checkpoint('run-missing', 0)), { checkpointOnly: true })).rejects.toMatchObject({ code: 'not-found' });
      expect(await marks()).toEqual([]);
    });

    it('any other store call makes it a real transaction: fenced, atomic, the held checkpoint first', async () => {
      const a = await lease();
      const fence = { connectionId: 'conn-1', name: 'sync:subscriptions', token: a?.token ?? -1 };
      await expect(
        storage.transaction(async (tx) => {
          await tx.runs.checkpoint(checkpoint('run-1', 0));
          await tx.tokens.set('conn-1', { sealedAccessToken: 'sealed', expiresAt: 9 });
          throw new Error('boom');
        }, { checkpointOnly: true, fence }),
      ).rejects.toThrow('boom');
      expect(await marks()).toEqual([]);
      expect(await storage.tokens.get('conn-1')).toBeUndefined();
      await storage.transaction(async (tx) => {
        await tx.runs.checkpoint(checkpoint('run-1', 0));
        expect(await tx.runs.pageMarks!('conn-1', 'subscriptions')).toEqual([{ page: 0, mark: 'mark-0' }]);
        await tx.runs.checkpoint(checkpoint('run-1', 1));
      }, { checkpointOnly: true, fence });
      expect(await marks()).toEqual([{ page: 0, mark: 'mark-0' }, { page: 1, mark: 'mark-1' }]);
      await storage.locks.acquire({ connectionId: 'conn-1', name: 'sync:subscriptions', holder: 'w2', ttlMs: 1_000, now: 5_000 });
      const stale = storage.transaction(async (tx) => {
        await tx.runs.checkpoint(checkpoint('run-1', 2));
        await tx.tokens.get('conn-1');
      }, { checkpointOnly: true, fence });
      await expect(stale).rejects.toMatchObject({ code: 'lease-lost' });
      expect((await marks()).map((m) => m.page)).toEqual([0, 1]);
    });

    it('its stores refuse calls once it settled', async () => {
      let kept: Parameters<Parameters<PostgresStorage['transaction']>[0]>[0] | undefined;
      await storage.transaction(async (tx) => {
        kept = tx;
      }, { checkpointOnly: true });
      await expect(kept!.runs.checkpoint(checkpoint('run-1', 0))).rejects.toMatchObject({ code: 'transaction-closed' });
      await expect(kept!.tokens.get('conn-1')).rejects.toMatchObject({ code: 'transaction-closed' });
    });
  });
}
