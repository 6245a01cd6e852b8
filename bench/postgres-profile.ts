/**
 * Where a sync's time goes: wraps the storage to time every call, syncs N subscriptions (default 20,000)
 * from the simulator into Postgres (or memory with BENCH_STORAGE=memory) and prints time per store method.
 * `pnpm exec tsx bench/postgres-profile.ts`
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createAesGcmCodec, createSyncEngine, type Pax8SyncStorage } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createPostgresStorage, type PostgresClient } from '@pax8-sync/storage-postgres';
import { createPax8Simulator } from '@pax8-sync/testing';

const requireFromAdapter = createRequire(new URL('../packages/storage-postgres/package.json', import.meta.url));
const n = Number(process.env.BENCH_SUBSCRIPTIONS ?? 20_000);
const url = process.env.PAX8_SYNC_BENCH_DATABASE_URL ?? process.env.PAX8_SYNC_TEST_DATABASE_URL;
const schema = `pax8_prof_${process.pid}`;

const spent = new Map<string, { ms: number; calls: number }>();
function timed<T extends object>(target: T, prefix: string): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      const name = `${prefix}${String(key)}`;
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          const start = performance.now();
          const wrapped = key === 'transaction' ? [(tx: object) => (args[0] as (t: object) => Promise<unknown>)(timed(tx, 'tx.')), args[1]] : args;
          const done = () => {
            const s = spent.get(name) ?? { ms: 0, calls: 0 };
            s.ms += performance.now() - start;
            s.calls += 1;
            spent.set(name, s);
          };
          const result = (value as (...a: unknown[]) => unknown).apply(obj, wrapped);
          if (result instanceof Promise) return result.finally(done);
          done();
          return result;
        };
      }
      if (value && typeof value === 'object' && key !== 'capabilities' && key !== 'codec') return timed(value as object, `${name}.`);
      return value;
    },
  });
}

async function main() {
  let storage: Pax8SyncStorage;
  let close = async () => undefined as unknown;
  if (process.env.BENCH_STORAGE === 'memory') storage = createMemoryStorage();
  else {
    const pg = requireFromAdapter('pg') as { Pool: new (o: { connectionString: string }) => PostgresClient & { end(): Promise<void>; query(s: string): Promise<unknown> } };
    if (!url) throw new Error('set PAX8_SYNC_TEST_DATABASE_URL');
    const pool = new pg.Pool({ connectionString: url });
    const s = createPostgresStorage({ client: pool, schema, encryptionKey: randomBytes(32) });
    await s.migrate();
    storage = s;
    close = async () => {
      if (process.env.BENCH_KEEP_SCHEMA) console.log(`kept schema ${schema}`);
      else await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
      await pool.end();
    };
  }
  const sim = createPax8Simulator({ seed: 11, companies: Math.round(n / 50), products: 300, subscriptions: n, wait: async () => undefined, requestLogLimit: 1_000 });
  const baseUrl = await sim.listen();
  const fast = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 }, timeoutMs: false as const, rateLimit: { requestsPerMinute: 10_000_000, concurrency: 8 } };
  const t = timed(storage, '');
  const engine = createSyncEngine({ storage: t, codec: createAesGcmCodec({ key: randomBytes(32) }), clientOptions: fast });
  const c = await engine.createConnection({ name: 'p', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
  await engine.syncCompanies({ connectionId: c.id });
  const ids = await storage.companies.listActiveIds(c.id);
  await storage.mappings.upsertMany(ids.map((id) => ({ connectionId: c.id, pax8CompanyId: id, psaCompanyId: id, state: 'confirmed', score: null, source: 'manual', updatedAt: 1 })));
  for (const label of ['first sync', 'no-op re-sync']) {
    spent.clear();
    const start = performance.now();
    await engine.syncSubscriptions({ connectionId: c.id, pageSize: 200, perCompanyMaxCompanies: 0 });
    const total = performance.now() - start;
    const rows = [...spent.entries()].filter(([k]) => !k.startsWith('tx.') || true).sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
    console.log(`${label}: ${(total / 1000).toFixed(2)} s total`);
    for (const [k, v] of rows) console.log(`  ${k.padEnd(32)} ${(v.ms / 1000).toFixed(2).padStart(7)} s  ${String(v.calls).padStart(6)} calls`);
  }
  for (const filter of [undefined, ids]) {
    const start = performance.now();
    const active = await storage.subscriptions.listActiveIds(c.id, filter ? { companyIds: filter } : {});
    console.log(`listActiveIds(${filter ? `${filter.length} companies` : 'all'}): ${active.length} ids in ${(performance.now() - start).toFixed(0)} ms`);
  }
  await sim.close();
  await close();
}
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
