/**
 * Sync throughput: a full sync of 100,000 subscriptions across 5,000 companies from the simulator
 * over loopback HTTP into the memory adapter, then a re-sync with nothing changed. Each is compared
 * with downloading the same pages with the bare client (same page size and read-ahead) in the same
 * run. Prints wall time, pages a second, peak heap and the ratio to the bare download.
 *
 * Run: pnpm exec tsx bench/sync.ts [subscriptions] [companies]
 */
import { randomBytes } from 'node:crypto';
import { createPax8Client, type Pax8Client } from '@pax8-sync/client';
import { createAesGcmCodec, createSyncEngine, type SyncResult } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator } from '@pax8-sync/testing';

const subscriptions = Number(process.argv[2] ?? 100_000);
const companies = Number(process.argv[3] ?? 5_000);
const pageSize = 200;
const prefetch = 4;
const clientOptions = { rateLimit: { requestsPerMinute: 100_000_000, concurrency: 8 } };

/** Samples heap use while `fn` runs; returns its result, wall time and the peak heap seen. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakHeapMb: number }> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const start = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, ms: performance.now() - start, peakHeapMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Downloads every subscription page with the bare client, keeping `prefetch` pages in flight like the engine. */
async function bareDownload(client: Pax8Client): Promise<number> {
  const first = await client.subscriptions.list({ page: 0, size: pageSize });
  const total = first.page.totalPages;
  const inflight = new Map<number, ReturnType<Pax8Client['subscriptions']['list']>>();
  let next = 1;
  let pages = 1;
  for (let p = 1; p < total; p += 1) {
    while (next < total && inflight.size < prefetch) {
      inflight.set(next, client.subscriptions.list({ page: next, size: pageSize }));
      next += 1;
    }
    await inflight.get(p);
    inflight.delete(p);
    pages += 1;
  }
  return pages;
}

function line(label: string, pages: number, m: { ms: number; peakHeapMb: number }, bareMs?: number): string {
  const ratio = bareMs === undefined ? '' : `  ratio to bare client ${(m.ms / bareMs).toFixed(2)}×`;
  return `${label.padEnd(34)} ${(m.ms / 1000).toFixed(2).padStart(7)} s  ${(pages / (m.ms / 1000)).toFixed(1).padStart(7)} pages/s  peak heap ${m.peakHeapMb.toFixed(0).padStart(5)} MB${ratio}`;
}

async function main(): Promise<void> {
  const sim = createPax8Simulator({ seed: 2026, companies, subscriptions, products: 300 });
  const baseUrl = await sim.listen();
  const storage = createMemoryStorage();
  const engine = createSyncEngine({ storage, codec: createAesGcmCodec({ key: randomBytes(32) }), clientOptions, syncDefaults: { prefetch, pageSize } });
  const connection = await engine.createConnection({ name: 'bench', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
  const companiesRun = await engine.syncCompanies({ connectionId: connection.id });
  const stored = await storage.companies.listActiveIds(connection.id);
  await storage.mappings.upsertMany(
    stored.map((pax8CompanyId, i) => ({ connectionId: connection.id, pax8CompanyId, psaCompanyId: `psa-${i}`, state: 'confirmed', score: null, source: 'manual', updatedAt: 0 })),
  );
  console.log(`pax8-sync bench: ${subscriptions.toLocaleString('en')} subscriptions, ${stored.length.toLocaleString('en')} companies (${companiesRun.outcome}), page size ${pageSize}, read-ahead ${prefetch}, simulator at ${baseUrl}`);

  const bare = createPax8Client({ ...sim.credentials, baseUrl, ...clientOptions });
  // Warm-up: the simulator builds its world lazily; the first pass over it would skew the baseline.
  await bareDownload(bare);
  const bare1 = await measure(() => bareDownload(bare));
  console.log(line('bare client download', bare1.value, bare1));

  const full = await measure(() => engine.syncSubscriptions({ connectionId: connection.id }));
  const fullPages = pagesOf(full.value);
  console.log(line(`full sync (${describe(full.value)})`, fullPages, full, bare1.ms));

  const bare2 = await measure(() => bareDownload(bare));
  console.log(line('bare client download', bare2.value, bare2));
  const again = await measure(() => engine.syncSubscriptions({ connectionId: connection.id }));
  console.log(line(`re-sync, no change (${describe(again.value)})`, pagesOf(again.value), again, bare2.ms));
  console.log(`stored subscriptions: ${(await storage.subscriptions.count(connection.id)).toLocaleString('en')}; change events: ${(await storage.changes.list(connection.id, { limit: 1_000_000 })).events.length.toLocaleString('en')}; process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await sim.close();
}

function pagesOf(result: SyncResult): number {
  return 'pages' in result ? result.pages : 0;
}

function describe(result: SyncResult): string {
  if (result.outcome === 'already-running') return 'already running';
  if (result.outcome === 'skipped') return `skipped: ${result.reason}`;
  const c = result.counts;
  return `${result.outcome}: +${c.created} ~${c.updated} =${c.unchanged} -${c.removed}`;
}

await main();
