import { type ListRecordsOptions, type Pax8SyncStorage, type RunCheckpointInput, type Pax8SyncStores, pax8SyncEntities, type QuarantinedRecord, type RecordStore, type SyncedRecordBase, type TransactionOptions } from '@pax8-sync/core';
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
  // The memory adapter declares delegatedAuthorization, writeBack, webhooks, billing and pageMarks, so the suite is asked to prove them.
  runStorageConformance({ test: api, createStorage, raw: { rowsOfConnection: (s, id) => (s as ReturnType<typeof createMemoryStorage>).rawRows(id) }, capabilities: { delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true } });
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

  it('catches billing stores that ignore the scope filter, or a partner invoice matching a company filter', async () => {
    const { failed } = await failuresOf(() => {
      const inner = createMemoryStorage();
      const items = inner.billing.invoiceItems;
      const drop = <T extends { scopes?: readonly string[] }>(o: T | undefined) => {
        const { scopes: _scopes, ...rest } = o ?? ({} as T);
        return rest;
      };
      const invoiceItems = { ...items, list: (c: string, o?: ListRecordsOptions) => items.list(c, drop(o)), listUnseen: (c: string, p: string, o?: ListRecordsOptions) => items.listUnseen(c, p, drop(o)) };
      return { ...inner, billing: { ...inner.billing, invoiceItems } } satisfies Pax8SyncStorage;
    });
    expect(failed).toEqual(
      expect.arrayContaining([expect.stringContaining('filter by scopes, periods and companyIds'), expect.stringContaining('limited to the scopes'), expect.stringContaining('filtered listings page by keyset')]),
    );
    const partner = await failuresOf(() => {
      const inner = createMemoryStorage();
      const invoices = inner.billing.invoices;
      // Lets an invoice without a company through a company filter.
      const listActiveIds = async (c: string, o?: { companyIds?: readonly string[] }) => {
        const all = await invoices.listActiveIds(c, { ...o, companyIds: undefined });
        const rows = await invoices.getMany(c, all);
        return all.filter((id) => { const row = rows.find((r) => r.id === id); return o?.companyIds === undefined || row?.companyId === null || o.companyIds.includes(row?.companyId ?? ''); });
      };
      return { ...inner, billing: { ...inner.billing, invoices: { ...invoices, listActiveIds } } } satisfies Pax8SyncStorage;
    });
    expect(partner.failed).toEqual([expect.stringContaining('an invoice without one matches no company filter')]);
  });

  it('catches getHashes that gives hashes of removed rows, page marks that clearSeen or an unmarked checkpoint mishandle, and pageMarks declared but not asked for', async () => {
    const withRemoved = await failuresOf(() => {
      const inner = createMemoryStorage();
      // Reads the hashes off every row asked for, removed ones included.
      const getHashes = async (c: string, ids: readonly string[]) => (await inner.products.getMany(c, ids)).map((r) => ({ id: r.id, hash: r.hash }));
      return { ...inner, products: { ...inner.products, getHashes } } satisfies Pax8SyncStorage;
    });
    expect(withRemoved.failed).toEqual([expect.stringContaining('products: getHashes gives the hashes of active rows only')]);

    const stickyMarks = await failuresOf(() => {
      const inner = createMemoryStorage();
      const runs = inner.runs;
      // A checkpoint without a mark keeps the slot's old one.
      const checkpoint = async (input: RunCheckpointInput) => {
        if (input.mark !== undefined) return runs.checkpoint(input);
        const run = await runs.get(input.runId);
        const kept = run && (await runs.pageMarks?.(run.connectionId, run.entity))?.find((m) => m.page === input.page);
        return runs.checkpoint(kept ? { ...input, mark: kept.mark } : input);
      };
      return { ...inner, runs: { ...runs, checkpoint } } satisfies Pax8SyncStorage;
    });
    expect(stickyMarks.failed).toEqual([expect.stringContaining('one without a mark clears it')]);

    const marksWithSeen = await failuresOf(() => {
      const inner = createMemoryStorage();
      const runs = inner.runs;
      // Frees the marks with the seen set, as if they were kept in it.
      const clearSeen = async (connectionId: string, pullId: string) => {
        for (const run of await runs.list(connectionId)) {
          if (run.pullId !== pullId) continue;
          for (const { page } of (await runs.pageMarks?.(connectionId, run.entity)) ?? []) await runs.checkpoint({ runId: run.id, checkpoint: run.checkpoint ?? {}, counts: run.counts, seenIds: [], page });
        }
        await runs.clearSeen(connectionId, pullId);
      };
      return { ...inner, runs: { ...runs, clearSeen } } satisfies Pax8SyncStorage;
    });
    expect(marksWithSeen.failed).toEqual([expect.stringContaining('marks survive clearSeen')]);

    // Declared by the adapter (the memory adapter does), but the options do not ask for it: the declaration test names the fix.
    const registered: { name: string; body: Body }[] = [];
    const setups: Body[] = [];
    runStorageConformance({
      test: { describe: (_name, body) => body(), it: (name, body) => void registered.push({ name, body }), beforeEach: (body) => void setups.push(body), afterEach: () => undefined },
      createStorage: () => createMemoryStorage(),
      capabilities: { delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true },
    });
    const declaration = registered.find((t) => t.name.startsWith('declares'));
    for (const setup of setups) await setup();
    await expect((async () => declaration?.body())()).rejects.toThrow(/pass capabilities: \{ pageMarks: true \}/);
    expect(registered.some((t) => t.name.includes('getHashes'))).toBe(false);
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
        expect.stringContaining('a rolled-back transaction leaves the previous marks'),
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
    expect(lazyPurge.failed).toEqual([
      expect.stringContaining('purgeConnection removes every row'),
      expect.stringContaining('purgeConnection removes the states and grant'),
      expect.stringContaining('purgeConnection removes the connection\'s intents only'),
      expect.stringContaining('purgeConnection removes the connection\'s webhook and delivery keys only'),
      expect.stringContaining('purgeConnection removes the connection\'s invoices, items and usage summaries only'),
      expect.stringContaining('purgeConnection removes the connection\'s page marks only'),
    ]);

    const reversed = await failuresOf(() => {
      const inner = createMemoryStorage();
      return {
        ...inner,
        changes: { ...inner.changes, list: async (id, o) => { const page = await inner.changes.list(id, o); return { ...page, events: [...page.events].reverse() }; } },
      } satisfies Pax8SyncStorage;
    });
    expect(reversed.failed).toEqual(expect.arrayContaining([expect.stringContaining('append keeps order')]));
  });

  it('passes an adapter that reads rows back with their keys in another order (as a jsonb column does)', async () => {
    const reorder = <T>(value: T): T => {
      if (value === null || typeof value !== 'object') return value;
      if (Array.isArray(value)) return value.map(reorder) as T;
      return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)])) as T;
    };
    const wrap = (stores: Pax8SyncStores): Pax8SyncStores => ({
      ...stores,
      ...Object.fromEntries(
        pax8SyncEntities.map((entity) => {
          const store = stores[entity as 'companies' | 'products' | 'subscriptions'] as RecordStore<SyncedRecordBase>;
          return [entity, { ...store, getMany: async (c: string, ids: readonly string[]) => reorder(await store.getMany(c, ids)), list: async (c: string, o?: ListRecordsOptions) => reorder(await store.list(c, o)) }];
        }),
      ),
      quarantine: { ...stores.quarantine, list: async (c, o) => reorder(await stores.quarantine.list(c, o)) },
    });
    const { failed } = await failuresOf(() => {
      const inner = createMemoryStorage();
      return { ...inner, ...wrap(inner), transaction: (fn, o) => inner.transaction((tx) => fn(wrap(tx)), o) } satisfies Pax8SyncStorage;
    });
    expect(failed).toEqual([]);
  });

  it('catches first-wins duplicates, mangled non-object quarantine records, untyped nested calls and UTF-16 id order', async () => {
    const firstWins = await failuresOf(() => {
      const inner = createMemoryStorage();
      const dedupe = <T extends { id: string }>(rows: readonly T[]) => [...new Map([...rows].reverse().map((r) => [r.id, r])).values()].reverse();
      return { ...inner, companies: { ...inner.companies, upsertMany: (rows) => inner.companies.upsertMany(dedupe(rows)) } } satisfies Pax8SyncStorage;
    });
    expect(firstWins.failed).toEqual([expect.stringContaining('companies > upsertMany with the same id twice')]);

    const boxing = await failuresOf(() => {
      const inner = createMemoryStorage();
      const box = (records: readonly QuarantinedRecord[]) => records.map((q) => ({ ...q, record: typeof q.record === 'object' && q.record !== null ? q.record : { value: q.record } }));
      return { ...inner, quarantine: { ...inner.quarantine, putMany: (records) => inner.quarantine.putMany(box(records)) } } satisfies Pax8SyncStorage;
    });
    expect(boxing.failed).toEqual([expect.stringContaining('a record that is not an object')]);

    const untyped = await failuresOf(() => {
      const inner = createMemoryStorage();
      const plain = (error: unknown) => {
        throw new Error(error instanceof Error ? error.message : String(error));
      };
      return { ...inner, subscriptions: { ...inner.subscriptions, getMany: (c, ids) => inner.subscriptions.getMany(c, ids).catch(plain) } } satisfies Pax8SyncStorage;
    });
    expect(untyped.failed).toEqual([expect.stringContaining('calling the storage itself (not tx) inside fn')]);

    const codeUnits = await failuresOf(() => {
      const inner = createMemoryStorage();
      const byUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return {
        ...inner,
        products: {
          ...inner.products,
          list: async (c, o) => {
            const page = await inner.products.list(c, o);
            return { ...page, items: page.items.sort((a, b) => byUnit(a.id, b.id)) };
          },
          listActiveIds: async (c, o) => (await inner.products.listActiveIds(c, o)).sort(byUnit),
        },
      } satisfies Pax8SyncStorage;
    });
    expect(codeUnits.failed).toEqual([expect.stringContaining('products > ids order by Unicode code point')]);
  });

  it('catches an adapter that declares renewInTransaction but ignores fence.renew', async () => {
    const { failed } = await failuresOf(() => {
      const inner = createMemoryStorage();
      const strip = (o: TransactionOptions): TransactionOptions => {
        if (!o.fence) return o;
        const { renew: _ignored, ...fence } = o.fence;
        return { fence };
      };
      return { ...inner, transaction: (fn, o = {}) => inner.transaction(fn, strip(o)) } satisfies Pax8SyncStorage;
    });
    expect(failed).toEqual([expect.stringContaining('fence.renew: with renewInTransaction')]);
  });

  it('catches an authorizations store whose states are reusable or whose putGrant is last-writer-wins, and a capability declared but not asked for', async () => {
    const reusable = await failuresOf(() => {
      const inner = createMemoryStorage();
      // Never marks a state used: a replayed callback would connect again.
      const consumeState = async (hash: string, now: number) => {
        const result = await inner.authorizations.consumeState(hash, now);
        if (result.outcome === 'consumed') await inner.authorizations.saveState(result.state);
        return result;
      };
      return { ...inner, authorizations: { ...inner.authorizations, consumeState } } satisfies Pax8SyncStorage;
    });
    expect(reusable.failed).toEqual([expect.stringContaining('consumeState: first use returns the state')]);
    const lastWriterWins = await failuresOf(() => {
      const inner = createMemoryStorage();
      // Ignores the expected version: an older refresh token could replace a newer one.
      const putGrant = async (grant: Parameters<typeof inner.authorizations.putGrant>[0]) => {
        const current = await inner.authorizations.getGrant(grant.connectionId);
        return inner.authorizations.putGrant({ ...grant, version: (current?.version ?? 0) + 1 }, current?.version ?? null);
      };
      return { ...inner, authorizations: { ...inner.authorizations, putGrant } } satisfies Pax8SyncStorage;
    });
    expect(lastWriterWins.failed).toEqual([expect.stringContaining('putGrant is a compare-and-swap on version')]);

    // Declared by the adapter, but the options do not ask for it: the declaration test fails, naming the fix.
    const registered: { name: string; body: Body }[] = [];
    const setups: Body[] = [];
    runStorageConformance({
      test: { describe: (_name, body) => body(), it: (name, body) => void registered.push({ name, body }), beforeEach: (body) => void setups.push(body), afterEach: () => undefined },
      createStorage: () => createMemoryStorage(),
    });
    const declaration = registered.find((t) => t.name.startsWith('declares'));
    for (const setup of setups) await setup();
    await expect((async () => declaration?.body())()).rejects.toThrow(/pass capabilities: \{ delegatedAuthorization: true \}/);
    expect(registered.some((t) => t.name.includes('putGrant'))).toBe(false);
  });
});
