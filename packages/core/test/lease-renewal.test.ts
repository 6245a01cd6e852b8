import type { Pax8SyncStorage, TransactionOptions } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, ran } from './support/harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Memory storage that records every lock renew call and every transaction's options. */
function recordingStorage(inner = createMemoryStorage()) {
  const renewals: number[] = [];
  const fences: { options: TransactionOptions; expiresAtAfterCommit: number | undefined }[] = [];
  const storage: Pax8SyncStorage = {
    ...inner,
    locks: {
      ...inner.locks,
      renew: (input) => {
        renewals.push(input.now);
        return inner.locks.renew(input);
      },
    },
    transaction: async (fn, options = {}) => {
      const result = await inner.transaction(fn, options);
      const lease = options.fence && (await inner.locks.get(options.fence.connectionId, options.fence.name));
      fences.push({ options, expiresAtAfterCommit: lease?.expiresAt });
      return result;
    },
  };
  return { storage, inner, renewals, fences };
}

/** Confirms a mapping for every company stored in `storage` (the harness's own storage is not the engine's here). */
async function mapAll(storage: Pax8SyncStorage, connectionId: string): Promise<void> {
  const companies = (await storage.companies.list(connectionId)).items;
  await h.engine.suggestMappings({ connectionId, psaCompanies: companies.map((c, i) => ({ id: `psa-${i}`, name: c.name })), threshold: 0.99 });
  await h.engine.confirmMappings({ connectionId, pax8CompanyIds: companies.map((c) => c.id) });
}

describe('lease renewal', () => {
  it('with renewInTransaction the lease is renewed inside the fenced page transaction once less than half of it is left, not by a statement of its own', async () => {
    const recorded = recordingStorage();
    h = await createHarness({ subscriptions: 120 }, { storage: recorded.storage });
    const { id } = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: id }));
    await mapAll(recorded.storage, id);
    recorded.renewals.length = 0;
    recorded.fences.length = 0;
    const start = h.clock.now();
    const result = ran(
      await h.engine.syncSubscriptions({
        connectionId: id,
        pageSize: 20,
        prefetch: 1,
        perCompanyMaxCompanies: 0,
        lockTtlMs: 1_000,
        // Pages 900 ms apart with a 1 s lease: only the renewals keep it alive.
        onProgress: () => h.clock.advance(900),
      }),
    );
    expect(result.outcome).toBe('succeeded');
    expect(result.pages).toBe(6);
    expect(recorded.renewals).toEqual([]);
    const fenced = recorded.fences.filter((f) => f.options.fence !== undefined);
    expect(fenced.length).toBe(6);
    fenced.forEach(({ options, expiresAtAfterCommit }, page) => {
      const now = start + page * 900;
      // The first page finds the lease whole (1 000 ms left): nothing to renew. Every later one finds 100 ms left.
      expect(options.fence).toEqual({ connectionId: id, name: 'sync:subscriptions', token: expect.any(Number), ...(page === 0 ? {} : { renew: { ttlMs: 1_000, now } }) });
      expect(expiresAtAfterCommit).toBe(page === 0 ? start + 1_000 : now + 1_000);
    });
  });

  it('pages well inside the lease write no renewal at all: a re-sync adds no lock write per page', async () => {
    const recorded = recordingStorage();
    h = await createHarness({ subscriptions: 120 }, { storage: recorded.storage });
    const { id } = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: id }));
    await mapAll(recorded.storage, id);
    recorded.fences.length = 0;
    const result = ran(await h.engine.syncSubscriptions({ connectionId: id, pageSize: 20, prefetch: 1, perCompanyMaxCompanies: 0, lockTtlMs: 600_000, onProgress: () => h.clock.advance(1_000) }));
    expect(result.pages).toBe(6);
    const fenced = recorded.fences.filter((f) => f.options.fence !== undefined);
    expect(fenced.length).toBe(6);
    expect(fenced.every((f) => f.options.fence?.renew === undefined)).toBe(true);
  });

  it('without the capability the engine renews with locks.renew before a page, when the lease is half gone', async () => {
    const inner = createMemoryStorage();
    const recorded = recordingStorage(Object.assign(inner, { capabilities: { ...inner.capabilities, renewInTransaction: false } }));
    h = await createHarness({ subscriptions: 120 }, { storage: recorded.storage });
    const { id } = await h.connect();
    ran(await h.engine.syncCompanies({ connectionId: id }));
    await mapAll(recorded.storage, id);
    recorded.renewals.length = 0;
    const result = ran(await h.engine.syncSubscriptions({ connectionId: id, pageSize: 20, prefetch: 1, perCompanyMaxCompanies: 0, lockTtlMs: 1_000, onProgress: () => h.clock.advance(900) }));
    expect(result.outcome).toBe('succeeded');
    expect(recorded.renewals.length).toBe(5);
  });
});
