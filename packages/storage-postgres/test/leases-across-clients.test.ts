import { Pax8SyncError } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, freshStorage, secondClient, testDatabases, testKey } from './support/databases';

const subscription = (id: string, n: number) => ({
  connectionId: 'conn-a',
  id,
  hash: `h-${id}-${n}`,
  data: { id, quantity: n },
  createdRunId: 'run-1',
  updatedRunId: `run-${n}`,
  createdAt: 1,
  updatedAt: n,
  removedAt: null,
  companyId: 'c-1',
  productId: 'p-1',
  status: 'Active',
  mappedState: 'active',
  quantity: n,
});

const lock = { connectionId: 'conn-a', name: 'sync:subscriptions' };

for (const db of testDatabases()) {
  describe(`two storages on one database (${db.name})`, () => {
    let a: PostgresStorage;
    let b: PostgresStorage;
    let closeB: () => Promise<void>;

    beforeAll(async () => {
      await db.open();
      a = await freshStorage(db);
      const second = secondClient(db);
      closeB = second.close;
      b = createPostgresStorage({ client: second.client, schema: a.schema, encryptionKey: testKey });
    });
    afterAll(async () => {
      await closeB();
      await dropStorage(db, a);
      await db.close();
    });

    it('take the same lease at once: exactly one gets it', async () => {
      const name = `race-${db.name}`;
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a : b).locks.acquire({ ...lock, name, holder: `worker-${i}`, ttlMs: 60_000, now: 1_000 })),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await b.locks.get(lock.connectionId, name)).toEqual(winners[0]);
    });

    it('concurrent batch upserts of the same rows (in different orders) make no duplicate rows', async () => {
      const ids = Array.from({ length: 200 }, (_, i) => `dup-${String(i).padStart(3, '0')}`);
      await Promise.all(
        Array.from({ length: 8 }, (_, w) => {
          const storage = w % 2 === 0 ? a : b;
          const rows = (w % 3 === 0 ? [...ids].reverse() : ids).map((id) => subscription(id, w + 1));
          return w < 4 ? storage.subscriptions.upsertMany(rows) : storage.transaction((tx) => tx.subscriptions.upsertMany(rows));
        }),
      );
      expect(await a.subscriptions.count('conn-a')).toBe(200);
      const rows = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${a.schema}".subscriptions WHERE id LIKE 'dup-%'`);
      expect(rows[0]?.n).toBe('200');
      const stored = await b.subscriptions.getMany('conn-a', ids);
      // Every row is one writer's whole row (hash, data and quantity agree).
      expect(stored.every((r) => r.hash === `h-${r.id}-${r.quantity}` && r.data.quantity === r.quantity)).toBe(true);
    });

    it('a holder whose lease expired is taken over, and its fenced writes are refused', async () => {
      const name = `expiry-${db.name}`;
      const old = await a.locks.acquire({ ...lock, name, holder: 'old', ttlMs: 1_000, now: 10_000 });
      if (!old) throw new Error('the first holder must get the lease');
      await a.transaction((tx) => tx.subscriptions.upsertMany([subscription('fenced-1', 1)]), { fence: { ...lock, name, token: old.token } });

      expect(await b.locks.acquire({ ...lock, name, holder: 'next', ttlMs: 1_000, now: 10_999 })).toBeNull();
      const next = await b.locks.acquire({ ...lock, name, holder: 'next', ttlMs: 1_000, now: 11_000 });
      expect(next?.holder).toBe('next');
      expect(next && next.token > old.token).toBe(true);

      const refused = await a
        .transaction(
          async (tx) => {
            await tx.subscriptions.upsertMany([subscription('fenced-1', 99), subscription('fenced-2', 99)]);
            await tx.changes.append([
              { connectionId: 'conn-a', runId: 'run-old', entity: 'subscriptions', entityId: 'fenced-2', kind: 'created', at: 1, fields: [], detail: {}, before: null, after: {} },
            ]);
          },
          { fence: { ...lock, name, token: old.token } },
        )
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(Pax8SyncError.isInstance(refused) && refused.code).toBe('lease-lost');
      expect((await b.subscriptions.getMany('conn-a', ['fenced-1', 'fenced-2'])).map((r) => r.quantity)).toEqual([1]);
      expect((await b.changes.list('conn-a')).events.filter((e) => e.runId === 'run-old')).toEqual([]);
      expect(await a.locks.renew({ ...lock, name, token: old.token, ttlMs: 1_000, now: 11_001 })).toBeNull();
      await b.transaction((tx) => tx.subscriptions.upsertMany([subscription('fenced-2', 2)]), { fence: { ...lock, name, token: next?.token ?? -1 } });
      expect((await a.subscriptions.getMany('conn-a', ['fenced-2'])).map((r) => r.quantity)).toEqual([2]);
    });

    if (db.name === 'pg') {
      it('a takeover waits for a fenced transaction in flight, so the old holder cannot commit after it', async () => {
        const name = 'in-flight';
        const old = await a.locks.acquire({ ...lock, name, holder: 'old', ttlMs: 1_000, now: 0 });
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let inside: () => void = () => undefined;
        const started = new Promise<void>((resolve) => {
          inside = resolve;
        });
        const writing = a.transaction(
          async (tx) => {
            await tx.subscriptions.upsertMany([subscription('in-flight-1', 1)]);
            inside();
            await gate;
          },
          { fence: { ...lock, name, token: old?.token ?? -1 } },
        );
        await started;
        let tookOver = false;
        const takeover = b.locks.acquire({ ...lock, name, holder: 'next', ttlMs: 1_000, now: 5_000 }).then((lease) => {
          tookOver = true;
          return lease;
        });
        // Ask the server (not a clock) until the takeover shows up blocked on a lock; had the fenced
        // transaction not locked the lock row, the takeover would finish first.
        let blocked = false;
        while (!blocked && !tookOver) {
          const rows = await db.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE $1`,
            [`INSERT INTO "${a.schema}".locks%`],
          );
          blocked = rows[0]?.n !== '0';
        }
        expect(tookOver).toBe(false);
        release();
        await writing;
        const lease = await takeover;
        expect(lease?.holder).toBe('next');
        expect(lease && old && lease.token > old.token).toBe(true);
        expect((await b.subscriptions.getMany('conn-a', ['in-flight-1'])).length).toBe(1);
      });
    }
  });
}
