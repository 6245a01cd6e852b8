/**
 * Scale-out bench of @pax8-sync/worker: N connections × 3 entities on 1, 2 and 4 worker processes
 * (graphile-worker on the local Postgres server), against simulated Pax8 partner accounts in their
 * own processes with a fixed latency per request. Each configuration runs on fresh schemas:
 *   1. drain: every sync is due at once (never synced): throughput;
 *   2. steady: the cadence runs `--speed` times faster (60: subscriptions every minute, companies
 *      every 4, products every 24), jittered per connection, for `--steady` seconds; 5 s in, as soon
 *      as one worker is in the middle of a subscriptions sync (a page committed, more to come), it
 *      is killed with SIGKILL and a replacement started; the killed runs must be resumed from their
 *      checkpoint by a later run (`resumedFromRunId`).
 * Prints syncs a minute (drain and steady), p50/p99 lateness of scheduled syncs against their slot
 * (steady: of every scheduled sync started in it, and of those whose slot fell in it, with the
 * worst three printed and where they came from), overlapping runs of one (connection, entity)
 * (must be 0), work lost after the kill (must be 0: every pair synced and scheduled, every run the
 * kill interrupted resumed by a later run), worker CPU seconds per 1,000 subscriptions synced, and the speed-up against 1 worker
 * measured in the same run. The configurations alternate, 1, 2, 4, 4, 2, 1, repeated `--rounds`
 * times; each figure is the median of its runs with the range [min–max], and the speed-up 1→4 is the
 * median of the ratios of neighbouring runs (the 4 next to each 1 in the order), with its range.
 *
 * Run: pnpm bench:worker [--connections 1000] [--workers 1,2,4] [--concurrency 4] [--simulators 2]
 *      [--latency 20] [--steady 60] [--rounds 1] [--speed 60] [--page-size 25]; DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSyncEngine } from '@pax8-sync/core';
import { createPostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8SyncWorker, type Pax8SyncWorkerOptions } from '@pax8-sync/worker';
import { spawnWorkerProcess, type WorkerProcess } from '../packages/worker/test/support/processes';
import type { WorkerProcessConfig } from '../packages/worker/test/support/worker-process';
import {
  abandonedRuns,
  cpuSeconds,
  finishedBetween,
  lostWork,
  overdueJobs,
  overlappingRuns,
  percentile,
  type RunInProgress,
  resumedRuns,
  runsHeldBy,
  scheduledStarts,
  subscriptionsSynced,
  unresumedRuns,
} from './worker-stats';

const root = fileURLToPath(new URL('../', import.meta.url));
// pg from the worker package (the repository root has none).
const pg = createRequire(new URL('../packages/worker/package.json', import.meta.url))('pg') as { Pool: new (config: { connectionString: string; max: number }) => Pool };
type Pool = Pax8SyncWorkerOptions['pgPool'];
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '1000' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '4' },
    simulators: { type: 'string', default: '2' },
    latency: { type: 'string', default: '20' },
    steady: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '1' },
    speed: { type: 'string', default: '60' },
    'page-size': { type: 'string', default: '25' },
  },
});
const connections = Number(args.connections);
const workerCounts = String(args.workers).split(',').map(Number);
const concurrency = Number(args.concurrency);
const simulatorCount = Number(args.simulators);
const latencyMs = Number(args.latency);
const steadyMs = Number(args.steady) * 1000;
const rounds = Number(args.rounds);
const speed = Number(args.speed);
const pageSize = Number(args['page-size']);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// A database of the bench's own: graphile-worker announces a schema migration with a database-wide
// NOTIFY "worker:migrate", and a breaking one (any fresh install of its schema, e.g. another test
// run on the same database) makes every worker pool in that database shut down.
const benchDatabase = `pax8_bench_worker_${process.pid}`;
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${benchDatabase}`;
  return url.toString();
})();
const world = { companies: 12, products: 20, subscriptions: 100 };
// The default cadence (companies 4 h, subscriptions 1 h, products 24 h), `speed` times faster.
const cadence = { companies: 14_400_000 / speed, subscriptions: 3_600_000 / speed, products: 86_400_000 / speed };
const settleLimitMs = 180_000;

interface Simulator {
  child: ChildProcess;
  url: string;
  clientId: string;
  clientSecret: string;
  companyIds: string[];
}

function startSimulator(seed: number): Promise<Simulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/worker-simulator.ts'], {
    cwd: root,
    env: { ...process.env, PAX8_BENCH_SIMULATOR: JSON.stringify({ seed, ...world, latencyMs }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve({ child, ...(JSON.parse(out.slice(0, newline)) as Omit<Simulator, 'child'>) });
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function prepare(pool: Pool, sims: readonly Simulator[]) {
  const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const schemas = { storage: `bench_ps_${tag}`, worker: `bench_pw_${tag}`, graphile: `bench_gw_${tag}` };
  const key = randomBytes(32).toString('base64');
  const storage = createPostgresStorage({ client: pool, schema: schemas.storage, encryptionKey: key });
  await storage.migrate();
  await createPax8SyncWorker({ pgPool: pool, storage, codec: storage.codec, schema: schemas.worker, graphileSchema: schemas.graphile }).migrate();
  const engine = createSyncEngine({ storage, codec: storage.codec });
  for (let i = 0; i < connections; i += 8) {
    await Promise.all(
      Array.from({ length: Math.min(8, connections - i) }, async (_, k) => {
        const sim = sims[(i + k) % sims.length] as Simulator;
        const { id } = await engine.createConnection({ name: `Partner ${i + k}`, environment: 'Production', baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, country: 'US', currency: 'USD' });
        await storage.mappings.upsertMany(sim.companyIds.map((c) => ({ connectionId: id, pax8CompanyId: c, psaCompanyId: `psa-${c}`, state: 'confirmed', score: null, source: 'manual', updatedAt: 0 })));
      }),
    );
  }
  return { schemas, key };
}

interface Row {
  workers: number;
  drainSeconds: number;
  /** The backlog of the drain was cleared before the steady phase (else the lateness includes it). */
  settled: boolean;
  drainPerMinute: number;
  steadyPerMinute: number;
  p50: number;
  p99: number;
  overlaps: number;
  lost: number;
  killedMidSync: number;
  /** Pages each killed run had committed when the process was killed. */
  killedPages: number[];
  /** Of the killed runs with a committed page, those a later run resumed (resumed_from_run_id) and brought to success. */
  resumed: number;
  /** Killed runs with at least one committed page (a run killed before its first page has no checkpoint: the next run starts it afresh). */
  withCheckpoint: number;
  /** Records each resuming run read (a full pull reads them all; a resumed one only what was left). */
  resumedRead: number[];
  /** Lateness p99 of the scheduled syncs whose slot fell in the steady phase (not the drain's leftovers). */
  p99OwnSlot: number;
  outliers: string[];
  cpuPer1000: number;
}

async function runConfiguration(pool: Pool, sims: readonly Simulator[], workers: number): Promise<Row> {
  const { schemas, key } = await prepare(pool, sims);
  const config = (): WorkerProcessConfig => ({
    url: databaseUrl,
    schemas,
    key,
    preparedStatements: true,
    accountPerConnection: true,
    printMetrics: true,
    worker: {
      concurrency,
      pollIntervalMs: 200,
      lockTtlMs: 10_000,
      liveness: { heartbeatMs: 1_000, deadAfterMs: 5_000 },
      cadence,
      syncDefaults: { pageSize },
      // The sync tasks are measured here; write-back passes (one per connection a minute) would add their own load.
      writeBack: false,
      // As in production (the test support's default never fires): the ten-minute pass mends chains.
      reconcileCrontab: '*/10 * * * *',
      clientOptions: { timeoutMs: 30_000, retry: { retries: 3, minDelayMs: 100, maxDelayMs: 2_000 } },
    },
  });
  const pairs = connections * 3;
  const processes: WorkerProcess[] = await Promise.all(Array.from({ length: workers }, () => spawnWorkerProcess(config())));
  const started = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT DISTINCT connection_id, entity FROM "${schemas.storage}".runs WHERE outcome = 'succeeded') s`);
    const synced = Number(rows[0]?.n ?? 0);
    if (synced >= pairs) break;
    if (processes.every((p) => p.child.exitCode !== null)) {
      throw new Error(`every worker process exited during the drain (${synced} of ${pairs}): ${processes.flatMap((p) => p.lines.filter((l) => l.level === 'error').map((l) => l.message)).slice(-3).join(' | ')}`);
    }
    if (Date.now() - started > 30 * 60_000) throw new Error(`drain did not finish in 30 minutes (${synced} of ${pairs})`);
    await sleep(250);
  }
  const drainMs = Date.now() - started;
  // The drain took longer than a cadence, so the next slots are already due: let the workers catch
  // up (bounded) before measuring lateness, or it would measure the drain's backlog.
  const settleFrom = Date.now();
  while (Date.now() - settleFrom < settleLimitMs && (await overdueJobs(pool, schemas.graphile)) > pairs / 100) await sleep(500);
  const settledMs = Date.now() - settleFrom;
  // Steady phase; a few seconds in, one worker is killed mid-job and a replacement started.
  const steadyFrom = Date.now();
  await sleep(Math.min(5_000, steadyMs / 4));
  const victim = processes[0] as WorkerProcess;
  // Strike while the victim is in the middle of a subscriptions sync: a page or two of its four committed.
  let held: RunInProgress[] = [];
  const strikeBy = Date.now() + 60_000;
  while (Date.now() < strikeBy) {
    held = await runsHeldBy(pool, schemas, victim.poolId);
    if (held.some((r) => r.pages >= 1 && r.pages <= 2 && r.entity === 'subscriptions')) break;
    await sleep(20);
  }
  victim.child.kill('SIGKILL');
  const overdueAtStart = await overdueJobs(pool, schemas.graphile);
  processes.push(await spawnWorkerProcess(config()));
  await sleep(Math.max(0, steadyFrom + steadyMs - Date.now()));
  const steadyTo = Date.now();
  const interrupted = held.map((r) => r.id);
  // Lost means never recovered: give the killed runs time to be taken over (bounded) before counting.
  const recoverFrom = Date.now();
  while (Date.now() - recoverFrom < settleLimitMs && (await unresumedRuns(pool, schemas.storage, interrupted)) > 0) await sleep(500);
  const lost = await lostWork(pool, schemas, pairs);
  const unresumed = await unresumedRuns(pool, schemas.storage, interrupted);
  const overlaps = await overlappingRuns(pool, schemas.storage);
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => p.exited));
  const lines = processes.map((p) => p.lines);
  const errors = lines.flat().filter((l) => l.level === 'error');
  if (errors.length > 0) console.log(`  ${errors.length} error lines of the workers, first: ${errors.slice(0, 3).map((l) => l.message).join(' | ')}`);
  const exitedEarly = processes.filter((p) => p !== victim && p.child.exitCode !== null && p.child.exitCode !== 0).length;
  if (exitedEarly > 0) console.log(`  ${exitedEarly} worker process(es) exited on their own`);
  const starts = scheduledStarts(lines, steadyFrom, steadyTo);
  const late = starts.map((j) => j.lateMs);
  const ownSlot = starts.filter((j) => j.scheduledFor >= steadyFrom).map((j) => j.lateMs);
  const outliers = [...starts]
    .sort((a, b) => b.lateMs - a.lateMs)
    .slice(0, 3)
    .filter((j) => j.lateMs > 10_000)
    .map((j) => `${j.entity} ${(j.lateMs / 1000).toFixed(1)} s late, slot ${((j.scheduledFor - steadyFrom) / 1000).toFixed(1)} s from the steady start, job due ${((j.runAt - j.scheduledFor) / 1000).toFixed(1)} s after its slot, attempt ${j.attempts}`);
  if (overdueAtStart > 0) outliers.push(`${overdueAtStart} sync jobs were > 5 s overdue when the steady phase began`);
  const resumed = await resumedRuns(pool, schemas.storage, interrupted);
  const subscriptions = await subscriptionsSynced(pool, schemas.storage);
  const cpu = cpuSeconds(lines);
  const killedMidSync = await abandonedRuns(pool, schemas.storage);
  for (const schema of Object.values(schemas)) await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  return {
    workers,
    drainSeconds: drainMs / 1000,
    settled: settledMs < settleLimitMs,
    drainPerMinute: (pairs / drainMs) * 60_000,
    steadyPerMinute: (finishedBetween(lines, steadyFrom, steadyTo) / (steadyTo - steadyFrom)) * 60_000,
    p50: percentile(late, 50),
    p99: percentile(late, 99),
    overlaps,
    lost: lost.neverSynced + lost.unscheduled + unresumed,
    killedMidSync,
    killedPages: held.map((r) => r.pages),
    resumed: held.filter((r) => r.pages >= 1 && resumed.has(r.id)).length,
    withCheckpoint: held.filter((r) => r.pages >= 1).length,
    resumedRead: [...resumed.values()],
    p99OwnSlot: percentile(ownSlot, 99),
    outliers,
    cpuPer1000: cpu / (subscriptions / 1000),
  };
}

/** The median (the mean of the middle two of an even count); NaN when empty. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  return Number.isInteger(mid) ? ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2 : (sorted[Math.floor(mid)] as number);
}

/** `median [min–max]` of the values, in `digits` decimals (just the value when there is one run). */
function spread(values: readonly number[], digits: number, scale = 1): string {
  const f = (v: number) => (v / scale).toFixed(digits);
  // A figure a run could not measure (no sync of its kind started) is left out, and said so.
  const known = values.filter(Number.isFinite);
  const none = known.length < values.length ? ` (${values.length - known.length} of ${values.length} runs: none)` : '';
  if (known.length === 0) return `none${none}`;
  if (known.length < 2) return `${f(known[0] as number)}${none}`;
  return `${f(median(known))} [${f(Math.min(...known))}–${f(Math.max(...known))}]${none}`;
}

/** The order of the runs: 1, 2, 4, 4, 2, 1 (for `--workers 1,2,4`), `rounds` times. */
function runOrder(counts: readonly number[], times: number): number[] {
  const once = [...counts, ...[...counts].reverse()];
  return Array.from({ length: times }, () => once).flat();
}

/** Speed-ups of `top` workers over `base` workers, each run of `top` against the nearest run of `base` in the order (ties: the earlier). */
function pairedSpeedUps(results: readonly Row[], base: number, top: number): number[] {
  const ups: number[] = [];
  results.forEach((row, i) => {
    if (row.workers !== top) return;
    let nearest: Row | undefined;
    let distance = Number.POSITIVE_INFINITY;
    results.forEach((other, j) => {
      if (other.workers === base && Math.abs(i - j) < distance) {
        nearest = other;
        distance = Math.abs(i - j);
      }
    });
    if (nearest) ups.push(row.drainPerMinute / nearest.drainPerMinute);
  });
  return ups;
}

async function main(): Promise<void> {
  const admin = new pg.Pool({ connectionString: serverUrl, max: 1 });
  admin.on('error', () => undefined);
  try {
    await admin.query(`CREATE DATABASE "${benchDatabase}"`);
  } catch (error) {
    await admin.end();
    throw new Error(`the bench needs a Postgres server at ${serverUrl} (${error instanceof Error ? error.message : String(error)}); set DATABASE_URL or start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`);
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  pool.on('error', () => undefined);
  const sims = await Promise.all(Array.from({ length: simulatorCount }, (_, i) => startSimulator(100 + i)));
  console.log(
    `pax8-sync worker bench: ${connections} connections × 3 entities (${world.companies} companies, ${world.products} products, ${world.subscriptions} subscriptions each), ` +
      `${simulatorCount} simulator processes with ${latencyMs} ms latency, one partner account per connection, concurrency ${concurrency} per worker, steady phase ${steadyMs / 1000} s at ${speed}× cadence, page size ${pageSize}.`,
  );
  console.log(`machine: ${cpus().length} cores, shared with other work; Postgres and the simulators run on it too. Figures are ratios against 1 worker in this run, not absolute capacity.`);
  const order = runOrder(workerCounts, rounds);
  console.log(`order: ${order.join(', ')}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  const results: Row[] = [];
  try {
    for (const workers of order) {
      const row = await runConfiguration(pool, sims, workers);
      results.push(row);
      for (const outlier of row.outliers) console.log(`    lateness outlier: ${outlier}`);
      console.log(
        `  ran ${workers} worker(s): drain ${row.drainSeconds.toFixed(1)} s (${row.drainPerMinute.toFixed(0)} syncs/min), steady ${row.steadyPerMinute.toFixed(0)} syncs/min, ` +
          `lateness p50 ${(row.p50 / 1000).toFixed(1)} s / p99 ${(row.p99 / 1000).toFixed(1)} s, overlaps ${row.overlaps}, lost ${row.lost} (runs killed ${row.killedMidSync}), ` +
          `CPU ${row.cpuPer1000.toFixed(2)} s/1,000 subs; p99 of syncs whose slot fell in the steady phase ${Number.isFinite(row.p99OwnSlot) ? `${(row.p99OwnSlot / 1000).toFixed(1)} s` : 'none (none of them started in it)'}; ` +
          `kill -9 hit ${row.killedPages.length} run(s) mid-sync (pages committed: ${row.killedPages.join(', ') || 'none'}); of the ${row.withCheckpoint} with a committed page ${row.resumed} resumed from their checkpoint (records read by the resuming runs: ${row.resumedRead.join(', ') || 'none'}); load ${loadavg()[0]?.toFixed(1)}${row.settled ? '' : '; the backlog was not cleared within 180 s, so its lateness includes it'}`,
      );
    }
  } finally {
    for (const sim of sims) sim.child.kill('SIGTERM');
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${benchDatabase}" WITH (FORCE)`);
    await admin.end();
  }
  const byWorkers = new Map<number, Row[]>();
  for (const row of results) byWorkers.set(row.workers, [...(byWorkers.get(row.workers) ?? []), row]);
  const baseWorkers = Math.min(...workerCounts);
  const base = median((byWorkers.get(baseWorkers) ?? []).map((r) => r.drainPerMinute));
  console.log('');
  console.log('medians [min–max] of the runs of each configuration');
  console.log('workers | runs | syncs/min (drain) | speed-up | syncs/min (steady) | lateness p50 s (steady) | lateness p99 s (steady) | lateness p99 s (slots in the steady phase) | overlapping syncs | lost after kill -9 | runs killed with a committed page → resumed from checkpoint | worker CPU s per 1,000 subscriptions');
  for (const workers of workerCounts) {
    const rows = byWorkers.get(workers) ?? [];
    const all = (pick: (r: Row) => number) => rows.map(pick);
    console.log(
      [
        String(workers).padStart(7),
        String(rows.length).padStart(4),
        spread(all((r) => r.drainPerMinute), 0),
        `${(median(all((r) => r.drainPerMinute)) / base).toFixed(2)}×`,
        spread(all((r) => r.steadyPerMinute), 0),
        spread(all((r) => r.p50), 1, 1000),
        spread(all((r) => r.p99), 1, 1000),
        spread(all((r) => r.p99OwnSlot), 1, 1000),
        String(Math.max(...all((r) => r.overlaps))),
        String(Math.max(...all((r) => r.lost))),
        rows.map((r) => `${r.withCheckpoint}→${r.resumed}`).join(', '),
        spread(all((r) => r.cpuPer1000), 2),
      ].join(' | '),
    );
  }
  const topWorkers = Math.max(...workerCounts);
  const ups = pairedSpeedUps(results, baseWorkers, topWorkers);
  console.log(`speed-up ${baseWorkers}→${topWorkers} workers (drain, each ${topWorkers}-worker run against its neighbouring ${baseWorkers}-worker run): ${spread(ups, 2)}×; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  console.log(`drain = first syncs (token, every row created, change events); steady = re-syncs at ${speed}× cadence (mostly unchanged rows), so steady syncs are cheaper.`);
  const worst = Math.max(...results.map((r) => r.overlaps + r.lost + (r.withCheckpoint - r.resumed)));
  const missed = results.filter((r) => r.withCheckpoint === 0).length;
  if (missed > 0) console.log(`${missed} run(s): the kill -9 found no sync with a committed page on its victim within 60 s`);
  if (worst > 0) {
    console.log('FAILED: overlapping syncs, lost work and killed runs not resumed must be 0');
    process.exitCode = 1;
  }
}

await main();
