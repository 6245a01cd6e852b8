/**
 * What bench/sync.ts, bench/postgres.ts and bench/scale.ts share: the simulator in its own process
 * (the `pax8-simulator` CLI, as Pax8 would be: its CPU and memory are not the subject's), the bare
 * download baseline with the engine's read-ahead, phase measurement (wall time, peak RSS and heap of
 * the phase alone, after a full GC), and median-and-range summaries of alternated repetitions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPax8Client, type Pax8Client } from '@pax8-sync/client';
import type { Pax8SyncStorage, SyncEngine, SyncResult } from '@pax8-sync/core';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A simulator running in a child process. */
export interface SimulatorProcess {
  url: string;
  credentials: { clientId: string; clientSecret: string };
  close(): Promise<void>;
}

/** Starts `packages/testing/src/cli.ts --json` on a free port and waits for its URL. */
export async function startSimulatorProcess(world: { seed: number; companies: number; products: number; subscriptions: number }): Promise<SimulatorProcess> {
  const args = ['--import', 'tsx', 'packages/testing/src/cli.ts', '--port', '0', '--json', '--seed', String(world.seed), '--companies', String(world.companies), '--products', String(world.products), '--subscriptions', String(world.subscriptions)];
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=8192', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code} before listening`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve);
  });
  const info = JSON.parse(line) as { url: string; accounts: { clientId: string; clientSecret: string }[] };
  const account = info.accounts[0];
  if (!account) throw new Error('the simulator printed no account');
  return {
    url: info.url,
    credentials: { clientId: account.clientId, clientSecret: account.clientSecret },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Client options of every bench: no pacing to speak of, fast retries, no timeouts. */
export const benchClientOptions = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 }, timeoutMs: false as const, rateLimit: { requestsPerMinute: 100_000_000, concurrency: 8 } };

/** A bare client on the simulator, with the bench client options. */
export function bareClient(sim: SimulatorProcess): Pax8Client {
  return createPax8Client({ baseUrl: sim.url, ...sim.credentials, ...benchClientOptions });
}

/**
 * Downloads every subscription page with the bare client (validated, as the engine's client does),
 * keeping `prefetch` requests in flight after the first page, as the engine's pull does. Returns the records read.
 */
export async function bareDownload(client: Pax8Client, pageSize: number, prefetch: number): Promise<number> {
  const first = await client.subscriptions.list({ page: 0, size: pageSize });
  const total = first.page.totalPages;
  const inflight = new Map<number, ReturnType<Pax8Client['subscriptions']['list']>>();
  let next = 1;
  let records = first.content.length;
  for (let p = 1; p < total; p += 1) {
    while (next < total && inflight.size < prefetch) {
      inflight.set(next, client.subscriptions.list({ page: next, size: pageSize }));
      next += 1;
    }
    const page = await inflight.get(p);
    inflight.delete(p);
    records += page?.content.length ?? 0;
  }
  return records;
}

/** One measured phase. */
export interface Phase<T> {
  value: T;
  seconds: number;
  /** Highest RSS sampled during the phase (whole process), MB. */
  peakRssMb: number;
  /** RSS when the phase started, after a full GC, MB. */
  startRssMb: number;
  /** Highest heap in use during the phase, MB. */
  peakHeapMb: number;
  /** Heap in use when the phase started, after a full GC, MB. */
  startHeapMb: number;
  /** Heap in use once the phase ended, after a full GC (what it kept, its result included), MB; the peak without gc() when unavailable. */
  endHeapMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Whether `gc()` is available (node --expose-gc); without it phases start on whatever garbage the last one left. */
export const hasGc = typeof gc === 'function';

/** Runs `fn` after a full GC, sampling RSS and heap every 10 ms. */
export async function measure<T>(fn: () => Promise<T>): Promise<Phase<T>> {
  gc?.();
  gc?.();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const t0 = process.hrtime.bigint();
  try {
    const value = await fn();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    sample();
    gc?.();
    gc?.();
    const end = gc ? process.memoryUsage().heapUsed : peakHeap;
    return { value, seconds, peakRssMb: peakRss / 2 ** 20, startRssMb: start.rss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, startHeapMb: start.heapUsed / 2 ** 20, endHeapMb: end / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** The median and range of some figures. */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

/** `1.23 (1.20–1.31)`: median and range. */
export function medianText(values: readonly number[], digits = 2, unit = ''): string {
  const s = spread(values);
  return `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

/** The machine as the figures were taken: cores and load, and whether phases started after a full GC. */
export function machineLine(): string {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  return `node ${process.version}, ${cpus().length} cores (shared; load ${load}), ${hasGc ? 'gc() before each phase' : 'no --expose-gc: phases start on the last one\'s garbage'}; the simulator runs in its own process`;
}

/** A connection on the simulator with its companies synced and every company mapped, ready for a subscription sync. */
export async function connectAndMap(engine: SyncEngine, storage: Pax8SyncStorage, sim: SimulatorProcess): Promise<string> {
  const connection = await engine.createConnection({ name: 'bench', environment: 'Production', baseUrl: sim.url, ...sim.credentials, country: 'US', currency: 'USD' });
  const companies = await engine.syncCompanies({ connectionId: connection.id });
  if (companies.outcome !== 'succeeded') throw new Error(`the company sync ended ${companies.outcome}`);
  const ids = await storage.companies.listActiveIds(connection.id);
  for (let i = 0; i < ids.length; i += 1_000) {
    await storage.mappings.upsertMany(ids.slice(i, i + 1_000).map((pax8CompanyId) => ({ connectionId: connection.id, pax8CompanyId, psaCompanyId: `psa-${pax8CompanyId}`, state: 'confirmed', score: null, source: 'manual', updatedAt: 0 })));
  }
  return connection.id;
}

/** Fails loudly unless the sync succeeded; returns its pages and counts. */
export function succeeded(result: SyncResult): { pages: number; text: string } {
  if (result.outcome !== 'succeeded') throw new Error(`sync ended ${result.outcome}${'error' in result && result.error ? `: ${result.error}` : ''}`);
  const c = result.counts;
  return { pages: result.pages, text: `+${c.created} ~${c.updated} =${c.unchanged} -${c.removed}` };
}

/**
 * The server settings that move these figures: autovacuum (off means tables are never analyzed, and a
 * plan built on no statistics can turn a set difference quadratic), fsync, synchronous commit, memory.
 */
export async function serverSettingsLine(query: (sql: string) => Promise<unknown>): Promise<string> {
  const result = (await query("SELECT name, setting, unit FROM pg_settings WHERE name IN ('autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers', 'work_mem') ORDER BY name")) as { rows: { name: string; setting: string; unit: string | null }[] };
  const text = (r: { name: string; setting: string; unit: string | null }) => (r.unit === '8kB' ? `${(Number(r.setting) * 8) / 1024} MB` : r.unit === 'kB' ? `${Number(r.setting) / 1024} MB` : r.setting);
  const off = result.rows.some((r) => r.name === 'autovacuum' && r.setting === 'off');
  const warning = off ? ' (autovacuum off: no table is ever analyzed, so plans rest on default estimates, as on a first sync before autovacuum runs)' : '';
  return `server: ${result.rows.map((r) => `${r.name} ${text(r)}`).join(', ')}${warning}`;
}
