import type { OutboxStore, Pax8SyncStorage, Pax8SyncStorageCapabilities, Pax8SyncStores, WebhookStore } from '@pax8-sync/core';
import { type ConformanceTestApi, runStorageConformance } from '@pax8-sync/testing/conformance';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { createSqliteStorage, sqlJsDriver } from '../src/index';

// The outbox and webhooks suites must fail a wrong adapter, not only pass a right one: each case
// here breaks one promise of the contract in this (passing) adapter and names the test that catches it.
const SQL = await initSqlJs();
type Body = () => Promise<void> | void;
const capabilities: Partial<Pax8SyncStorageCapabilities> = { delegatedAuthorization: true, writeBack: true, webhooks: true };

/** Runs the whole suite against `createStorage` with a collecting test API; returns the failed test names. */
async function failuresOf(createStorage: () => Pax8SyncStorage, asked = capabilities): Promise<string[]> {
  const tests: { name: string; body: Body }[] = [];
  const before: Body[] = [];
  const path: string[] = [];
  const api: ConformanceTestApi = {
    describe: (name, body) => {
      path.push(name);
      body();
      path.pop();
    },
    it: (name, body) => tests.push({ name: [...path, name].join(' > '), body }),
    beforeEach: (body) => before.push(body),
    afterEach: () => undefined,
  };
  runStorageConformance({ test: api, createStorage, capabilities: asked });
  const failed: string[] = [];
  for (const test of tests) {
    try {
      for (const b of before) await b();
      await test.body();
    } catch {
      failed.push(test.name);
    }
  }
  return failed;
}

type Stores = Pax8SyncStores & { outbox: OutboxStore; webhooks: WebhookStore };

/** A SQLite storage with `patch` applied to its stores, outside and inside transactions. */
function broken(patch: (stores: Stores) => Partial<Pax8SyncStores>): () => Pax8SyncStorage {
  return () => {
    const inner = createSqliteStorage({ driver: sqlJsDriver(new SQL.Database()) });
    return { ...inner, ...patch(inner as Stores), transaction: (fn, o) => inner.transaction((tx) => fn({ ...tx, ...patch(tx as Stores) }), o) };
  };
}

describe('the outbox and webhooks conformance suites catch broken adapters', () => {
  it('pass this adapter as it is', async () => {
    expect(await failuresOf(broken(() => ({})))).toEqual([]);
  });

  it('catch a listDue that sorts by id only, and one that returns intents not yet due', async () => {
    const byId = await failuresOf(broken((s) => ({ outbox: { ...s.outbox, listDue: async (c, now, limit) => (await s.outbox.listDue(c, now, limit)).sort((a, b) => (a.id < b.id ? -1 : 1)) } })));
    expect(byId).toEqual(expect.arrayContaining([expect.stringContaining('listDue: approved intents due at now')]));
    const early = await failuresOf(broken((s) => ({ outbox: { ...s.outbox, listDue: (c, now, limit) => s.outbox.listDue(c, now + 1, limit) } })));
    expect(early).toEqual(expect.arrayContaining([expect.stringContaining('listDue: approved intents due at now')]));
  });

  it('catch an update that ignores the expected version (last writer wins)', async () => {
    const failed = await failuresOf(
      broken((s) => ({
        outbox: {
          ...s.outbox,
          update: async (intent) => {
            const stored = await s.outbox.get(intent.connectionId, intent.id);
            return stored ? s.outbox.update({ ...intent, version: stored.version + 1 }, stored.version) : false;
          },
        },
      })),
    );
    expect(failed).toEqual(expect.arrayContaining([expect.stringContaining('update is a compare-and-swap'), expect.stringContaining('20 concurrent claims, each in its own transaction')]));
  });

  it('catch an add that overwrites an existing id', async () => {
    const failed = await failuresOf(
      broken((s) => ({
        outbox: {
          ...s.outbox,
          add: async (intent) => {
            const stored = await s.outbox.get(intent.connectionId, intent.id);
            if (stored) await s.outbox.update({ ...intent, version: stored.version + 1 }, stored.version);
            else await s.outbox.add(intent);
          },
        },
      })),
    );
    expect(failed).toEqual(expect.arrayContaining([expect.stringContaining('add rejects an id that exists')]));
  });

  it('catch delivery keys that never expire, and webhook secrets read back out of order', async () => {
    const forever = await failuresOf(broken((s) => ({ webhooks: { ...s.webhooks, markDelivery: (input) => s.webhooks.markDelivery({ ...input, now: 0, expiresAt: Number.MAX_SAFE_INTEGER }) } })));
    expect(forever).toEqual(expect.arrayContaining([expect.stringContaining('markDelivery: new the first time')]));
    const reorder = (hook: Awaited<ReturnType<WebhookStore['get']>>) => hook && { ...hook, secrets: [...hook.secrets].reverse() };
    const shuffled = await failuresOf(broken((s) => ({ webhooks: { ...s.webhooks, get: async (c) => reorder(await s.webhooks.get(c)) } })));
    expect(shuffled).toEqual(expect.arrayContaining([expect.stringContaining('secrets keep their order')]));
  });

  it('catch a purge that keeps intents and webhooks, and a capability declared without its tests', async () => {
    const keeping = await failuresOf(() => {
      const inner = createSqliteStorage({ driver: sqlJsDriver(new SQL.Database()) });
      return {
        ...inner,
        purgeConnection: async (id) => {
          const intents = await inner.outbox!.list(id);
          const hook = await inner.webhooks!.get(id);
          await inner.purgeConnection(id);
          for (const intent of intents) await inner.outbox!.add(intent);
          if (hook) await inner.webhooks!.put({ ...hook, version: 1 }, null);
        },
      } satisfies Pax8SyncStorage;
    });
    expect(keeping).toEqual(expect.arrayContaining([expect.stringContaining('removes the connection\'s intents only'), expect.stringContaining('removes the connection\'s webhook and delivery keys only')]));
    const unasked = await failuresOf(broken(() => ({})), { delegatedAuthorization: true });
    expect(unasked).toEqual([expect.stringContaining('declares specificationVersion v1 and its capabilities')]);
  });
});
