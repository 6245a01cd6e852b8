/**
 * How a full subscription sync into the PostgreSQL server scales: `pnpm bench:scale [sizes…]`
 * (node --expose-gc; default sizes 10000 100000 1000000).
 *
 * For each size: the simulator in its own process holding that many subscriptions (one company per
 * 50, or BENCH_SUBSCRIPTIONS_PER_COMPANY), a fresh schema on the server, every company mapped, then the bare page download (same client,
 * page size and read-ahead as the engine) and a full sync, alternated BENCH_REPETITIONS times
 * (default 1: a million takes minutes). Printed per size: seconds, seconds per 100k, peak RSS of the
 * sync phase alone (sampled every 10 ms after a full GC) split into the pull and the removal pass
 * (from the first removal query on), and peak heap. Then the ratios the issue sets goals for:
 * RSS(1M) ÷ RSS(100k) and time per 100k at each size.
 *
 * Database: `PAX8_SYNC_BENCH_DATABASE_URL`, `PAX8_SYNC_TEST_DATABASE_URL`, else
 * `postgres://postgres@127.0.0.1:5432/test`. Every schema is fresh and dropped.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { createSyncEngine, type Pax8SyncStorage } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient } from '@pax8-sync/storage-postgres';
import { bareClient, bareDownload, benchClientOptions, connectAndMap, machineLine, measure, medianText, serverSettingsLine, startSimulatorProcess, succeeded } from './postgres-harness';

const requireFromAdapter = createRequire(new URL('../packages/storage-postgres/package.json', import.meta.url));
type Pool = PostgresClient & { query(sql: string): Promise<unknown>; end(): Promise<void> };
const url = process.env.PAX8_SYNC_BENCH_DATABASE_URL ?? process.env.PAX8_SYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(10_000, 100_000, 1_000_000);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`sizes must be whole numbers of subscriptions, got ${process.argv.slice(2).join(' ')}`);
const repetitions = Number(process.env.BENCH_REPETITIONS ?? 1);
const perCompany = Number(process.env.BENCH_SUBSCRIPTIONS_PER_COMPANY ?? 50);
const pageSize = 200;
const prefetch = 4;
const mb = (bytes: number) => bytes / 2 ** 20;
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

/** Peak memory of each phase of a sync, sampled every 10 ms; the phase turns to `removal` when the engine first asks storage for the removal counts. */
function phaseSampler() {
  const peaks: Record<string, { rss: number; heap: number; external: number; since: number; seconds: number }> = {};
  let phase = 'pull';
  const enter = (name: string) => {
    const same = peaks[name];
    if (same && name === phase) {
      same.since = performance.now();
      return;
    }
    if (peaks[phase]) (peaks[phase] as { seconds: number }).seconds = (performance.now() - (peaks[phase] as { since: number }).since) / 1000;
    phase = name;
    peaks[name] ??= { rss: 0, heap: 0, external: 0, since: performance.now(), seconds: 0 };
  };
  enter('pull');
  const sample = () => {
    const m = process.memoryUsage();
    const p = peaks[phase] as { rss: number; heap: number; external: number };
    p.rss = Math.max(p.rss, m.rss);
    p.heap = Math.max(p.heap, m.heapUsed);
    p.external = Math.max(p.external, m.external + m.arrayBuffers);
  };
  return { enter, sample, peaks, current: () => phase };
}

/** The storage with its removal queries marking the start of the removal phase. */
function marked(storage: Pax8SyncStorage, onRemoval: () => void): Pax8SyncStorage {
  const removalCalls = new Set(['count', 'countSeen', 'listUnseen']);
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (typeof value === 'function' && removalCalls.has(String(key))) {
          return (...args: unknown[]) => {
            onRemoval();
            return (value as (...a: unknown[]) => unknown).apply(obj, args);
          };
        }
        return value;
      },
    });
  return new Proxy(storage, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      return (key === 'subscriptions' || key === 'runs') && value && typeof value === 'object' ? wrap(value) : value;
    },
  });
}

interface SizeFigures {
  size: number;
  bare: number[];
  full: number[];
  rss: number[];
  startRss: number[];
  pullRss: number[];
  removalRss: number[];
  heap: number[];
  removalSeconds: number[];
  loads: string[];
}

async function benchSize(pool: Pool, size: number): Promise<SizeFigures> {
  const sim = await startSimulatorProcess({ seed: 13, companies: Math.max(1, Math.round(size / perCompany)), products: 300, subscriptions: size });
  const f: SizeFigures = { size, bare: [], full: [], rss: [], startRss: [], pullRss: [], removalRss: [], heap: [], removalSeconds: [], loads: [] };
  try {
    const client = bareClient(sim);
    await bareDownload(client, pageSize, prefetch); // untimed warm-up: the simulator builds its pages
    for (let rep = 1; rep <= repetitions; rep += 1) {
      const bare = await measure(() => bareDownload(client, pageSize, prefetch));
      const schema = `pax8_scale_${process.pid}_${randomBytes(4).toString('hex')}`;
      const base = createPostgresStorage({ client: pool, schema, encryptionKey: randomBytes(32) });
      try {
        await base.migrate();
        let sampler: ReturnType<typeof phaseSampler> | undefined; // armed for the subscription sync only, not the company sync before it
        const storage = marked(base, () => {
          if (sampler?.current() === 'pull') sampler.enter('removal');
        });
        const engine = createSyncEngine({ storage, codec: base.codec, clientOptions: benchClientOptions, syncDefaults: { pageSize, prefetch, perCompanyMaxCompanies: 0 } });
        const connectionId = await connectAndMap(engine, base, sim);
        const loadBefore = load();
        const armed = phaseSampler();
        const timer = setInterval(armed.sample, 10);
        let full: Awaited<ReturnType<typeof measure<Awaited<ReturnType<typeof engine.syncSubscriptions>>>>>;
        try {
          full = await measure(async () => {
            armed.enter('pull');
            sampler = armed;
            const result = await engine.syncSubscriptions({ connectionId });
            armed.sample();
            armed.enter('done');
            return result;
          });
        } finally {
          clearInterval(timer);
        }
        const s = succeeded(full.value);
        const pull = armed.peaks.pull ?? { rss: 0, heap: 0, external: 0, seconds: 0 };
        const removal = armed.peaks.removal ?? { rss: 0, heap: 0, external: 0, seconds: 0 };
        f.bare.push(bare.seconds);
        f.full.push(full.seconds);
        f.rss.push(full.peakRssMb);
        f.startRss.push(full.startRssMb);
        f.pullRss.push(mb(pull.rss));
        f.removalRss.push(mb(removal.rss));
        f.heap.push(full.peakHeapMb);
        f.removalSeconds.push(removal.seconds);
        f.loads.push(`${loadBefore}→${load()}`);
        console.log(
          `  ${size.toLocaleString('en')} run ${rep}: bare ${bare.seconds.toFixed(2)} s | full sync ${full.seconds.toFixed(2)} s (${s.text}, ${s.pages} pages; removal pass ${removal.seconds.toFixed(2)} s) | peak RSS ${full.peakRssMb.toFixed(0)} MB from ${full.startRssMb.toFixed(0)} (pull ${mb(pull.rss).toFixed(0)}, removal ${mb(removal.rss).toFixed(0)}), peak heap ${full.peakHeapMb.toFixed(0)} MB (pull ${mb(pull.heap).toFixed(0)}, removal ${mb(removal.heap).toFixed(0)}), external ${mb(Math.max(pull.external, removal.external)).toFixed(0)} MB | load ${loadBefore}→${load()}`,
        );
      } finally {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    }
  } finally {
    await sim.close();
  }
  return f;
}

async function main(): Promise<void> {
  const pg = requireFromAdapter('pg') as { Pool: new (o: { connectionString: string; max: number }) => Pool };
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  console.log(`pax8-sync bench:scale — full subscription sync into PostgreSQL (${new URL(url).host}), pages of ${pageSize}, read-ahead ${prefetch}, one company per ${perCompany} subscriptions, ${repetitions} run(s) a size; ${machineLine()}`);
  console.log(`  ${await serverSettingsLine((sql) => pool.query(sql))}`);
  const all: SizeFigures[] = [];
  try {
    for (const size of sizes) all.push(await benchSize(pool, size));
  } finally {
    await pool.end();
  }
  console.log(`median (range) of ${repetitions} run(s) a size:`);
  console.log('  size        full sync          per 100k         ÷ bare          peak RSS (sync phase)   pull / removal peak RSS');
  for (const f of all) {
    const per100k = f.full.map((s) => (s * 100_000) / f.size);
    console.log(
      `  ${f.size.toLocaleString('en').padEnd(10)}  ${medianText(f.full, 2, ' s').padEnd(18)} ${medianText(per100k, 2, ' s').padEnd(16)} ${medianText(f.full.map((s, i) => s / (f.bare[i] as number))).padEnd(15)} ${medianText(f.rss, 0, ' MB').padEnd(23)} ${medianText(f.pullRss, 0)} / ${medianText(f.removalRss, 0)} MB   (load ${f.loads.join(', ')})`,
    );
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] as number;
  const at = (n: number) => all.find((f) => f.size === n);
  const [big, mid] = [at(1_000_000), at(100_000)];
  if (big && mid) console.log(`  RSS(1M) ÷ RSS(100k) = ${(median(big.rss) / median(mid.rss)).toFixed(2)} (goal ≤ 1.3); peak RSS at 1M ${median(big.rss).toFixed(0)} MB (goal ≤ 300 MB)`);
  else if (all.length > 1) {
    const [a, b] = [all.at(-2) as SizeFigures, all.at(-1) as SizeFigures];
    console.log(`  RSS(${b.size.toLocaleString('en')}) ÷ RSS(${a.size.toLocaleString('en')}) = ${(median(b.rss) / median(a.rss)).toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
