/**
 * Reconciliation at scale: `pnpm bench:reconcile [sizes…]` (node --expose-gc; default sizes 20000
 * 100000 subscriptions, one company per 20: 100k is the 5,000-company tenant of issue #19).
 *
 * For each size: the simulator in its own process (its clock at 2026-06-10, June's invoices out), a
 * fresh schema on the PostgreSQL server, every company mapped, then timed: the subscription sync,
 * `syncInvoices` for June (invoices, their items, draft items, usage), and one `reconcile` pass with
 * the PSA lines in the function form (asked per company; see bench/reconcile-psa-lines.ts for the
 * differences it bills), findings streamed and counted, not kept. Printed per size: the sync and
 * reconcile seconds, findings and money at stake, and the peak RSS of the reconcile phase alone
 * (sampled every 10 ms, after a full GC). Then RSS(largest) ÷ RSS(smallest): flat memory is ≈ 1;
 * the RSS starts from what the sync phases left in the process, so the peak-heap ratio is printed too.
 *
 * Database: `PAX8_SYNC_BENCH_DATABASE_URL`, `PAX8_SYNC_TEST_DATABASE_URL`, else
 * `postgres://postgres@127.0.0.1:5432/test`. Every schema is fresh and dropped.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSyncEngine, type SyncResult } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient } from '@pax8-sync/storage-postgres';
import { benchClientOptions, connectAndMap, machineLine, measure, serverSettingsLine, type SimulatorProcess } from './postgres-harness';
import { benchPsaLines } from './reconcile-psa-lines';

const root = fileURLToPath(new URL('..', import.meta.url));
const requireFromAdapter = createRequire(new URL('../packages/storage-postgres/package.json', import.meta.url));
type Pool = PostgresClient & { query(sql: string): Promise<unknown>; end(): Promise<void> };
const url = process.env.PAX8_SYNC_BENCH_DATABASE_URL ?? process.env.PAX8_SYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sizes = process.argv.slice(2).filter((a) => a !== '--').map(Number);
if (sizes.length === 0) sizes.push(20_000, 100_000);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`sizes must be whole numbers of subscriptions, got ${process.argv.slice(2).join(' ')}`);
const perCompany = 20;
const NOW = Date.UTC(2026, 5, 10, 9);
const PERIOD = '2026-06';

/** Starts bench/reconcile-simulator.ts and waits for its URL. */
async function startSimulator(world: { seed: number; companies: number; products: number; subscriptions: number }): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', 'bench/reconcile-simulator.ts'], {
    cwd: root,
    env: { ...process.env, PAX8_BENCH_SIMULATOR: JSON.stringify({ ...world, now: NOW }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before listening`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  const info = JSON.parse(line) as { url: string; clientId: string; clientSecret: string };
  return { url: info.url, credentials: { clientId: info.clientId, clientSecret: info.clientSecret }, close: () => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM')) };
}

function ok(what: string, result: SyncResult): string {
  if (result.outcome !== 'succeeded') throw new Error(`${what} ended ${result.outcome}${'error' in result && result.error ? `: ${result.error}` : ''}`);
  return `${result.pages} pages`;
}

interface Figures {
  size: number;
  companies: number;
  reconcileRss: number;
  reconcileHeap: number;
}

async function benchSize(pool: Pool, size: number): Promise<Figures> {
  const companies = Math.max(1, Math.round(size / perCompany));
  const sim = await startSimulator({ seed: 19, companies, products: 300, subscriptions: size });
  const schema = `pax8_recon_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    const storage = createPostgresStorage({ client: pool, schema, encryptionKey: randomBytes(32) });
    await storage.migrate();
    const engine = createSyncEngine({ storage, codec: storage.codec, clock: { now: () => NOW }, clientOptions: benchClientOptions, syncDefaults: { pageSize: 200, prefetch: 4, perCompanyMaxCompanies: 0 } });
    const connectionId = await connectAndMap(engine, storage, sim);
    const subs = await measure(() => engine.syncSubscriptions({ connectionId }));
    const invoices = await measure(() => engine.syncInvoices({ connectionId, period: PERIOD }));
    const pass = await measure(async () => {
      const run = engine.reconcile({ connectionId, period: PERIOD, psaLines: benchPsaLines(storage, connectionId, PERIOD) });
      let streamed = 0;
      for await (const _ of run.findings) streamed += 1;
      return { streamed, summary: await run.summary() };
    });
    const { summary, streamed } = pass.value;
    const money = Object.entries(summary.total.byCurrency).map(([c, a]) => `${a.toFixed(2)} ${c}`).join(' + ');
    const kinds = Object.entries(summary.total.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(
      `  ${size.toLocaleString('en')} subscriptions, ${companies.toLocaleString('en')} companies: sync subscriptions ${subs.seconds.toFixed(2)} s (${ok('syncSubscriptions', subs.value)}), syncInvoices ${invoices.seconds.toFixed(2)} s (${ok('syncInvoices', invoices.value)}) | reconcile ${pass.seconds.toFixed(2)} s: ${streamed} findings in ${summary.companies.length} of ${summary.companiesCompared} companies (${kinds}), at stake ${money || 'nothing'} | reconcile peak RSS ${pass.peakRssMb.toFixed(0)} MB from ${pass.startRssMb.toFixed(0)}, heap ${pass.startHeapMb.toFixed(0)} MB at the start, ${pass.peakHeapMb.toFixed(0)} MB at the peak, ${pass.endHeapMb.toFixed(0)} MB after it (gc())`,
    );
    return { size, companies, reconcileRss: pass.peakRssMb, reconcileHeap: pass.peakHeapMb };
  } finally {
    if (process.env.BENCH_KEEP_SCHEMA) console.log(`  kept schema ${schema}`);
    else await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sim.close();
  }
}

async function main(): Promise<void> {
  const pg = requireFromAdapter('pg') as { Pool: new (o: { connectionString: string; max: number }) => Pool };
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  console.log(`pax8-sync bench:reconcile — sync into PostgreSQL (${new URL(url).host}) and one reconcile pass of ${PERIOD}, PSA lines by function, one company per ${perCompany} subscriptions; ${machineLine()}`);
  const all: Figures[] = [];
  try {
    console.log(`  ${await serverSettingsLine((sql) => pool.query(sql))}`);
    for (const size of sizes) all.push(await benchSize(pool, size));
  } finally {
    await pool.end();
  }
  const [small, large] = [all[0], all.at(-1)];
  if (small && large && large !== small) {
    console.log(`  flat memory: reconcile RSS(${large.size.toLocaleString('en')}) ÷ RSS(${small.size.toLocaleString('en')}) = ${(large.reconcileRss / small.reconcileRss).toFixed(2)} (${large.reconcileRss.toFixed(0)} / ${small.reconcileRss.toFixed(0)} MB; ≈ 1 is flat), peak heap ratio ${(large.reconcileHeap / small.reconcileHeap).toFixed(2)}`);
    console.log('  (the RSS of the reconcile phase starts from what the sync phases before it left in this process: the heap ratio is the pass\'s own)');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
