import { Pax8SyncError } from '@pax8-sync/core';
import type { SuiteContext } from './suite-context';

const key = { connectionId: 'conn-a', name: 'sync:subscriptions' };

/** Lease locks: exclusivity, expiry by the caller's clock, renew, release, fencing tokens. */
export function locksSuite({ it, describe, check, storage }: SuiteContext): void {
  describe('locks', () => {
    it('a live lease excludes others; expiry (by the given clock) lets another take over with a larger token', async () => {
      const s = storage();
      const a = await s.locks.acquire({ ...key, holder: 'worker-a', ttlMs: 1_000, now: 10_000 });
      check.ok(a !== null && a.holder === 'worker-a' && a.expiresAt === 11_000, 'first caller gets the lease');
      check.equal(await s.locks.acquire({ ...key, holder: 'worker-b', ttlMs: 1_000, now: 10_999 }), null, 'live lease: refused');
      check.equal(await s.locks.get(key.connectionId, key.name), a, 'get shows the holder');
      const other = await s.locks.acquire({ connectionId: 'conn-a', name: 'sync:companies', holder: 'worker-b', ttlMs: 1_000, now: 10_500 });
      check.ok(other !== null, 'another lock name is independent');
      const b = await s.locks.acquire({ ...key, holder: 'worker-b', ttlMs: 1_000, now: 11_000 });
      check.ok(b !== null && a !== null && b.token > a.token && b.holder === 'worker-b', 'expired lease taken over with a larger token');
      check.equal(await s.locks.renew({ ...key, token: a?.token ?? -1, ttlMs: 1_000, now: 11_001 }), null, 'old holder cannot renew');
      check.equal(await s.locks.release({ ...key, token: a?.token ?? -1 }), false, 'old holder cannot release');
    });

    it('renew extends a current lease; release frees it and token numbering continues', async () => {
      const s = storage();
      const a = await s.locks.acquire({ ...key, holder: 'worker-a', ttlMs: 1_000, now: 0 });
      const renewed = await s.locks.renew({ ...key, token: a?.token ?? -1, ttlMs: 5_000, now: 900 });
      check.equal(renewed, a && { ...a, expiresAt: 5_900 }, 'renewed with the same token');
      check.equal(await s.locks.acquire({ ...key, holder: 'worker-b', ttlMs: 1_000, now: 2_000 }), null, 'still held after renew');
      check.equal(await s.locks.release({ ...key, token: a?.token ?? -1 }), true, 'released');
      check.equal(await s.locks.get(key.connectionId, key.name), undefined, 'no lease after release');
      check.equal(await s.locks.renew({ ...key, token: a?.token ?? -1, ttlMs: 1_000, now: 2_000 }), null, 'released lease cannot be renewed');
      const b = await s.locks.acquire({ ...key, holder: 'worker-b', ttlMs: 1_000, now: 2_000 });
      check.ok(b !== null && a !== null && b.token > a.token, 'token never repeats');
    });

    it('concurrent acquires: exactly one wins', async () => {
      const s = storage();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => s.locks.acquire({ ...key, holder: `w-${i}`, ttlMs: 60_000, now: 1 })));
      check.equal(results.filter((r) => r !== null).length, 1, 'one lease');
    });

    it('fencing: a transaction fenced with a taken-over token writes nothing and rejects with lease-lost', async () => {
      const s = storage();
      const a = await s.locks.acquire({ ...key, holder: 'worker-a', ttlMs: 1_000, now: 0 });
      const fenceA = { ...key, token: a?.token ?? -1 };
      await s.transaction(async (tx) => tx.tokens.set('conn-a', { sealedAccessToken: 'by-a', expiresAt: 1 }), { fence: fenceA });
      check.equal((await s.tokens.get('conn-a'))?.sealedAccessToken, 'by-a', 'current holder writes');
      await s.locks.acquire({ ...key, holder: 'worker-b', ttlMs: 1_000, now: 5_000 });
      const error = await check.rejects(
        s.transaction(async (tx) => tx.tokens.set('conn-a', { sealedAccessToken: 'stale', expiresAt: 2 }), { fence: fenceA }),
        'stale holder is refused',
      );
      check.ok(Pax8SyncError.isInstance(error) && error.code === 'lease-lost', 'typed lease-lost error');
      check.equal((await s.tokens.get('conn-a'))?.sealedAccessToken, 'by-a', 'nothing written by the stale holder');
    });

    it('fencing: a released lock fences its old token too', async () => {
      const s = storage();
      const a = await s.locks.acquire({ ...key, holder: 'worker-a', ttlMs: 1_000, now: 0 });
      await s.locks.release({ ...key, token: a?.token ?? -1 });
      await check.rejects(s.transaction(async () => undefined, { fence: { ...key, token: a?.token ?? -1 } }), 'released token is refused');
    });

    it('fence.renew: with renewInTransaction the fenced transaction extends the lease (undone on rollback); without it the option is ignored', async () => {
      const s = storage();
      const a = await s.locks.acquire({ ...key, holder: 'worker-a', ttlMs: 1_000, now: 0 });
      const fence = { ...key, token: a?.token ?? -1, renew: { ttlMs: 1_000, now: 900 } };
      const declared = s.capabilities.renewInTransaction === true;
      await s.transaction(async (tx) => tx.tokens.set('conn-a', { sealedAccessToken: 'by-a', expiresAt: 1 }), { fence });
      check.equal((await s.tokens.get('conn-a'))?.sealedAccessToken, 'by-a', 'a fenced transaction with renew writes');
      check.equal(await s.locks.get(key.connectionId, key.name), a && { ...a, expiresAt: declared ? 1_900 : 1_000 }, declared ? 'lease extended to now + ttlMs, same token' : 'lease untouched');
      if (!declared) return;
      await check.rejects(s.transaction(async () => Promise.reject(new Error('boom')), { fence: { ...fence, renew: { ttlMs: 1_000, now: 1_500 } } }), 'fn rejects');
      check.equal((await s.locks.get(key.connectionId, key.name))?.expiresAt, 1_900, 'a rolled-back renewal is undone');
      const b = await s.locks.acquire({ ...key, holder: 'worker-b', ttlMs: 1_000, now: 1_900 });
      const error = await check.rejects(
        s.transaction(async (tx) => tx.tokens.set('conn-a', { sealedAccessToken: 'stale', expiresAt: 2 }), { fence: { ...fence, renew: { ttlMs: 60_000, now: 2_000 } } }),
        'a taken-over token cannot renew',
      );
      check.ok(Pax8SyncError.isInstance(error) && error.code === 'lease-lost', 'typed lease-lost error');
      check.equal(await s.locks.get(key.connectionId, key.name), b, 'the new lease is untouched');
      check.equal((await s.tokens.get('conn-a'))?.sealedAccessToken, 'by-a', 'nothing written by the stale holder');
    });
  });
}
