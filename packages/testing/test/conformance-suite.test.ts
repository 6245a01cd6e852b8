import type { Pax8SyncStorage } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { type ConformanceTestApi, runStorageConformance } from '@pax8-sync/testing/conformance';
import { describe, expect, it } from 'vitest';

type Body = () => Promise<void> | void;

/** Registers the suite with a collecting test API, runs every test, and returns the failed names. */
async function failuresOf(createStorage: () => Pax8SyncStorage): Promise<{ failed: string[]; total: number }> {
  const tests: { name: string; body: Body }[] = [];
  const before: Body[] = [];
  const after: Body[] = [];
  const path: string[] = [];
  const api: ConformanceTestApi = {
    describe: (name, body) => {
      path.push(name);
      body();
      path.pop();
    },
    it: (name, body) => tests.push({ name: [...path, name].join(' > '), body }),
    beforeEach: (body) => before.push(body),
    afterEach: (body) => after.push(body),
  };
  runStorageConformance({ test: api, createStorage, raw: { rowsOfConnection: (s, id) => (s as ReturnType<typeof createMemoryStorage>).rawRows(id) } });
  const failed: string[] = [];
  for (const test of tests) {
    try {
      for (const b of before) await b();
      await test.body();
    } catch {
      failed.push(test.name);
    } finally {
      for (const a of after) await a();
    }
  }
  return { failed, total: tests.length };
}

describe('the conformance suite itself', () => {
  it('passes the reference memory adapter', async () => {
    const { failed, total } = await failuresOf(() => createMemoryStorage());
    expect(total).toBeGreaterThan(30);
    expect(failed).toEqual([]);
  });

  it('catches an adapter whose transactions neither roll back nor fence', async () => {
    const { failed } = await failuresOf(() => {
      const inner = createMemoryStorage();
      return { ...inner, transaction: (fn) => fn(inner) } satisfies Pax8SyncStorage;
    });
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.stringContaining('rolls back every store'),
        expect.stringContaining('others never see the writes'),
        expect.stringContaining('fencing: a transaction fenced with a taken-over token'),
        expect.stringContaining('fencing: a released lock'),
      ]),
    );
  });

  it('catches a lock that ignores live leases, and one whose tokens repeat', async () => {
    const greedy = await failuresOf(() => {
      const inner = createMemoryStorage();
      let token = 0;
      return {
        ...inner,
        locks: {
          ...inner.locks,
          acquire: async (input) => {
            token += 1;
            return { connectionId: input.connectionId, name: input.name, holder: input.holder, token, expiresAt: input.now + input.ttlMs };
          },
        },
      } satisfies Pax8SyncStorage;
    });
    expect(greedy.failed).toEqual(expect.arrayContaining([expect.stringContaining('a live lease excludes others'), expect.stringContaining('concurrent acquires')]));

    const repeating = await failuresOf(() => {
      const inner = createMemoryStorage();
      return {
        ...inner,
        locks: { ...inner.locks, acquire: async (input) => {
          const lease = await inner.locks.acquire(input);
          return lease && { ...lease, token: 1 };
        } },
      } satisfies Pax8SyncStorage;
    });
    expect(repeating.failed).toEqual(expect.arrayContaining([expect.stringContaining('larger token')]));
  });

  it('catches a purge that leaves rows behind, and a feed that loses order', async () => {
    const lazyPurge = await failuresOf(() => {
      const inner = createMemoryStorage();
      return { ...inner, purgeConnection: (id) => inner.connections.get(id).then(() => undefined) } satisfies Pax8SyncStorage;
    });
    expect(lazyPurge.failed).toEqual([expect.stringContaining('purgeConnection removes every row')]);

    const reversed = await failuresOf(() => {
      const inner = createMemoryStorage();
      return {
        ...inner,
        changes: { ...inner.changes, list: async (id, o) => { const page = await inner.changes.list(id, o); return { ...page, events: [...page.events].reverse() }; } },
      } satisfies Pax8SyncStorage;
    });
    expect(reversed.failed).toEqual(expect.arrayContaining([expect.stringContaining('append keeps order')]));
  });
});
