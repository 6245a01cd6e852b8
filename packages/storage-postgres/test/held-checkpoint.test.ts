import { Pax8SyncError, type RunCheckpointInput } from '@pax8-sync/core';
import { describe, expect, it } from 'vitest';
import { emptyStorage, testDatabases, useFreshStorage } from './support/databases';

const counts = { created: 1, updated: 0, unchanged: 0, removed: 0, quarantined: 0 };
const checkpoint = (runId: string, page: number, seenIds: string[] = ['a'], mark?: string): RunCheckpointInput => ({ runId, page, checkpoint: { page }, counts, seenIds, ...(mark === undefined ? {} : { mark }) });
// Quotes, backslashes, dollar quotes, a statement separator, non-ASCII and astral characters, a BOM.
const odd = `it's a \\ "test" $$; DROP TABLE runs; -- é 漢字 🎉 \uFEFF end`;

for (const db of testDatabases()) {
  describe(`a transaction's checkpoint is written with COMMIT (#13) (${db.name})`, () => {
    const storage = useFreshStorage(db);
    const start = async (id: string) => {
      await emptyStorage(db, storage());
      await storage().runs.start({ id, connectionId: 'conn-1', entity: 'companies', pullId: id, resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts, error: null, flags: [] });
    };
    const token = { connectionId: 'conn-1', sealedAccessToken: 'sealed', expiresAt: 9 };

    it('keeps any text verbatim (the values are written into the statement)', async () => {
      await start(odd);
      const lease = await storage().locks.acquire({ connectionId: 'conn-1', name: odd, holder: 'w', ttlMs: 1_000, now: 0 });
      await storage().transaction(
        async (tx) => {
          await tx.tokens.set('conn-1', token);
          await tx.runs.checkpoint(checkpoint(odd, 0, [odd, 'b', ''], odd));
        },
        { fence: { connectionId: 'conn-1', name: odd, token: lease?.token ?? -1, renew: { ttlMs: 1_000, now: 500 } } },
      );
      expect(await storage().runs.pageMarks!('conn-1', 'companies')).toEqual([{ page: 0, mark: odd }]);
      expect((await storage().runs.listSeen('conn-1', odd)).sort()).toEqual(['', 'b', odd].sort());
      expect((await storage().locks.get('conn-1', odd))?.expiresAt).toBe(1_500);
    });

    it('a missing run rejects the transaction with not-found and rolls back every write of it', async () => {
      await start('run-1');
      const error = await storage()
        .transaction(async (tx) => {
          await tx.tokens.set('conn-1', token);
          await tx.runs.checkpoint(checkpoint('run-missing', 0));
        })
        .catch((e: unknown) => e);
      expect(Pax8SyncError.isInstance(error) && error.code).toBe('not-found');
      expect(await storage().tokens.get('conn-1')).toBeUndefined();
    });

    it('a statement after the checkpoint writes it first (order kept, read back inside); a rejecting fn writes nothing', async () => {
      await start('run-1');
      await storage().transaction(async (tx) => {
        await tx.runs.checkpoint(checkpoint('run-1', 0, ['a'], 'm0'));
        expect(await tx.runs.pageMarks!('conn-1', 'companies')).toEqual([{ page: 0, mark: 'm0' }]);
        await tx.runs.checkpoint(checkpoint('run-1', 1, ['b'], 'm1'));
        await tx.runs.checkpoint(checkpoint('run-1', 1, ['c'], 'm1-again'));
      });
      expect(await storage().runs.pageMarks!('conn-1', 'companies')).toEqual([{ page: 0, mark: 'm0' }, { page: 1, mark: 'm1-again' }]);
      expect((await storage().runs.listSeen('conn-1', 'run-1')).sort()).toEqual(['a', 'c']);
      await expect(
        storage().transaction(async (tx) => {
          await tx.runs.checkpoint(checkpoint('run-1', 2, ['d'], 'm2'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await storage().runs.pageMarks!('conn-1', 'companies')).map((m) => m.page)).toEqual([0, 1]);
    });
  });
}
