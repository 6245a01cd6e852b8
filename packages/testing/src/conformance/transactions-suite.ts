import { isDeepStrictEqual } from 'node:util';
import { Pax8SyncError } from '@pax8-sync/core';
import { changeEvent, companyRow, connectionRow, mappingRow, productRow, quarantineRow, runRow, subscriptionRow } from './fixtures';
import type { SuiteContext } from './suite-context';

/** transaction(fn): commit, full rollback across every store, no dirty reads, result passing. */
export function transactionsSuite({ it, describe, check, storage }: SuiteContext): void {
  describe('transaction', () => {
    it('commits every write when fn resolves, and returns its value', async () => {
      const s = storage();
      await s.runs.start(runRow('conn-a', 'run-1'));
      const value = await s.transaction(async (tx) => {
        await tx.subscriptions.upsertMany([subscriptionRow('conn-a', 's-1', 'c-1')]);
        await tx.changes.append([changeEvent('conn-a', 's-1')]);
        await tx.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 1 }, counts: { created: 1, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: ['s-1'], page: 0 });
        check.equal((await tx.subscriptions.getMany('conn-a', ['s-1'])).length, 1, 'a transaction reads its own writes');
        return 42;
      });
      check.equal(value, 42, 'value passed through');
      check.equal((await s.subscriptions.getMany('conn-a', ['s-1'])).length, 1, 'row committed');
      check.equal((await s.changes.list('conn-a')).events.length, 1, 'event committed');
      check.equal((await s.runs.get('run-1'))?.checkpoint, { page: 1 }, 'checkpoint committed');
    });

    it('rolls back every store when fn rejects, and passes the rejection on', async () => {
      const s = storage();
      await s.connections.put(connectionRow('conn-a'));
      await s.runs.start(runRow('conn-a', 'run-1'));
      await s.companies.upsertMany([companyRow('conn-a', 'co-1', 1)]);
      await s.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 0 }, counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: ['s-0'], page: 0 });
      const lock = await s.locks.acquire({ connectionId: 'conn-a', name: 'l', holder: 'h', ttlMs: 10, now: 0 });
      const before = await snapshot();
      const boom = new Error('boom');
      const error = await check.rejects(
        s.transaction(async (tx) => {
          await tx.connections.put({ ...connectionRow('conn-a'), name: 'changed' });
          await tx.tokens.set('conn-a', { sealedAccessToken: 'x', expiresAt: 1 });
          await tx.companies.upsertMany([companyRow('conn-a', 'co-1', 2), companyRow('conn-a', 'co-2')]);
          await tx.products.upsertMany([productRow('conn-a', 'p-1')]);
          await tx.subscriptions.upsertMany([subscriptionRow('conn-a', 's-1', 'co-1')]);
          await tx.mappings.upsertMany([mappingRow('conn-a', 'co-1', 'confirmed')]);
          await tx.changes.append([changeEvent('conn-a', 's-1'), changeEvent('conn-a', 's-2')]);
          await tx.quarantine.putMany([quarantineRow('conn-a', 'subscriptions', 'bad')]);
          await tx.runs.start(runRow('conn-a', 'run-2'));
          await tx.runs.checkpoint({ runId: 'run-1', checkpoint: { page: 5 }, counts: { created: 9, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: ['s-1', 's-2'], page: 1 });
          await tx.runs.clearSeen('conn-a', 'run-1');
          await tx.locks.release({ connectionId: 'conn-a', name: 'l', token: lock?.token ?? -1 });
          throw boom;
        }),
        'the transaction rejects',
      );
      check.ok(error === boom, 'the rejection is the one fn threw');
      check.equal(await snapshot(), before, 'nothing of the failed transaction remains');

      async function snapshot() {
        return {
          connection: await s.connections.get('conn-a'),
          token: await s.tokens.get('conn-a'),
          companies: (await s.companies.list('conn-a', { includeRemoved: true })).items,
          products: (await s.products.list('conn-a', { includeRemoved: true })).items,
          subscriptions: (await s.subscriptions.list('conn-a', { includeRemoved: true })).items,
          mappings: await s.mappings.list('conn-a'),
          changes: await s.changes.list('conn-a'),
          quarantine: await s.quarantine.list('conn-a'),
          runs: await s.runs.list('conn-a'),
          seen: (await s.runs.listSeen('conn-a', 'run-1')).sort(),
          lock: await s.locks.get('conn-a', 'l'),
        };
      }
    });

    it('others never see the writes of a transaction that rolls back', async () => {
      const s = storage();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written: () => void = () => undefined;
      const wrote = new Promise<void>((resolve) => {
        written = resolve;
      });
      const failing = s.transaction(async (tx) => {
        await tx.subscriptions.upsertMany([subscriptionRow('conn-a', 'dirty', 'c-1')]);
        await tx.changes.append([changeEvent('conn-a', 'dirty')]);
        written();
        await gate;
        throw new Error('rolled back');
      });
      await wrote;
      const reads = Promise.all([s.subscriptions.getMany('conn-a', ['dirty']), s.changes.list('conn-a')]);
      release();
      await check.rejects(failing, 'the transaction rejects');
      const [rows, feed] = await reads;
      check.equal(rows, [], 'no dirty row');
      check.equal(feed.events, [], 'no dirty event');
    });

    it('concurrent transactions on the same row: the final row is one writer\'s whole row', async () => {
      const s = storage();
      const writers = Array.from({ length: 6 }, (_, n) => subscriptionRow('conn-a', 's-1', `c-${n}`, n + 1));
      await Promise.all(writers.map((row) => s.transaction(async (tx) => tx.subscriptions.upsertMany([row]))));
      const [final] = await s.subscriptions.getMany('conn-a', ['s-1']);
      check.ok(writers.some((w) => isDeepStrictEqual(w, final)), 'no mixed row (compared deeply: key order does not matter)');
    });

    it('calling the storage itself (not tx) inside fn rejects with a Pax8SyncError coded nested-transaction; the transaction can go on', async () => {
      const s = storage();
      const direct = await s.transaction(async (tx) => {
        await tx.subscriptions.upsertMany([subscriptionRow('conn-a', 's-1', 'c-1')]);
        const reasons = await Promise.all([
          check.rejects(s.subscriptions.getMany('conn-a', ['s-1']), 'a read through the storage is refused'),
          check.rejects(s.subscriptions.upsertMany([subscriptionRow('conn-a', 's-2', 'c-1')]), 'a write through the storage is refused'),
          check.rejects(s.changes.append([changeEvent('conn-a', 's-2')]), 'an append through the storage is refused'),
        ]);
        await tx.changes.append([changeEvent('conn-a', 's-1')]);
        return reasons;
      });
      for (const reason of direct) {
        check.ok(Pax8SyncError.isInstance(reason), 'the rejection is a Pax8SyncError');
        check.equal((reason as Pax8SyncError).code, 'nested-transaction', 'its code is nested-transaction');
      }
      check.equal((await s.subscriptions.getMany('conn-a', ['s-1', 's-2'])).map((r) => r.id), ['s-1'], 'only the tx write committed');
      check.equal((await s.changes.list('conn-a')).events.map((e) => e.entityId), ['s-1'], 'only the tx event committed');
    });
  });
}
