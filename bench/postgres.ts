/**
 * Postgres adapter bench: `pnpm exec tsx bench/postgres.ts` (root script: `pnpm bench:postgres`).
 *
 * 1. Subscription upserts through the adapter (`upsertMany`, one statement per 500-row page) against a
 *    `COPY … FROM STDIN` of the same rows into the same table, in the same run: rows/s and the ratio.
 * 2. A full sync of 100,000 subscriptions from the simulator (over loopback HTTP) into Postgres,
 *    against the bare page download of the same listing with the client: seconds, the ratio, and peak memory.
 *
 * Database: `PAX8_SYNC_BENCH_DATABASE_URL` or `PAX8_SYNC_TEST_DATABASE_URL` (a real server through a pg
 * Pool), else an in-process PGlite. Each run uses a fresh schema and drops it. Sizes: BENCH_ROWS
 * (default 100000), BENCH_SUBSCRIPTIONS (default 100000).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createPax8Client } from '@pax8-sync/client';
import { createSyncEngine, type SubscriptionRecord } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { createPax8Simulator } from '@pax8-sync/testing';

// pg, PGlite and pg-copy-streams are the adapter package's (dev) dependencies: resolve them from there.
const requireFromAdapter = createRequire(new URL('../packages/storage-postgres/package.json', import.meta.url));
// Typed structurally: the root (where this file lives) has none of them installed.
interface PgPool {
  query(sql: string): Promise<unknown>;
  connect(): Promise<{ query(stream: unknown): NodeJS.WritableStream; release(): void }>;
  end(): Promise<void>;
}
type PgModule = { Pool: new (options: { connectionString: string; max: number }) => PgPool & PostgresClient };
type CopyModule = { from: (sql: string) => unknown };
interface PGliteDb {
  waitReady: Promise<void>;
  exec(sql: string): Promise<unknown>;
  query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
  close(): Promise<void>;
}
type PGliteModule = { PGlite: new () => PGliteDb & PostgresClient };

const url = process.env.PAX8_SYNC_BENCH_DATABASE_URL ?? process.env.PAX8_SYNC_TEST_DATABASE_URL;
const rowsCount = Number(process.env.BENCH_ROWS ?? 100_000);
const subscriptionsCount = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const pageSize = 500;
const schema = `pax8_bench_${process.pid}_${randomBytes(4).toString('hex')}`;

const columns = [
  'connection_id', 'id', 'hash', 'data', 'created_run_id', 'updated_run_id', 'created_at', 'updated_at', 'removed_at',
  'company_id', 'product_id', 'status', 'mapped_state', 'quantity',
];

function subscription(connectionId: string, i: number): SubscriptionRecord {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const companyId = `c-${i % 2_000}`;
  return {
    connectionId,
    id,
    hash: randomBytes(16).toString('hex'),
    data: { id, companyId, productId: `p-${i % 300}`, quantity: (i % 50) + 1, status: 'Active', billingTerm: 'Monthly', price: 12.5, startDate: '2026-01-01' },
    createdRunId: 'run-bench',
    updatedRunId: 'run-bench',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    removedAt: null,
    companyId,
    productId: `p-${i % 300}`,
    status: 'Active',
    mappedState: 'active',
    quantity: (i % 50) + 1,
  };
}

/** One row in COPY text format (tab-separated, `\N` for null, backslash escapes). */
function copyLine(r: SubscriptionRecord): string {
  const esc = (v: unknown) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
  const values = [r.connectionId, r.id, r.hash, JSON.stringify(r.data), r.createdRunId, r.updatedRunId, r.createdAt, r.updatedAt, r.removedAt, r.companyId, r.productId, r.status, r.mappedState, r.quantity];
  return `${values.map(esc).join('\t')}\n`;
}

/** Samples heap and RSS while `fn` runs; returns its duration and the peaks. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakHeapMb: number; peakRssMb: number }> {
  global.gc?.();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const timer = setInterval(sample, 20);
  const start = process.hrtime.bigint();
  try {
    const result = await fn();
    sample();
    return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9, peakHeapMb: peakHeap / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function openDatabase(): Promise<{ client: PostgresClient; copy: (sql: string, text: string) => Promise<void>; exec: (sql: string) => Promise<unknown>; close: () => Promise<void>; label: string }> {
  if (url) {
    const pg = requireFromAdapter('pg') as PgModule;
    const { from } = requireFromAdapter('pg-copy-streams') as CopyModule;
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    return {
      client: pool,
      label: `PostgreSQL server (${new URL(url).host}) through a pg Pool; COPY via pg-copy-streams`,
      exec: (sql) => pool.query(sql),
      async copy(sql, text) {
        const connection = await pool.connect();
        try {
          const stream = connection.query(from(sql));
          await pipeline(
            (async function* () {
              // Stream in ~1 MB chunks, as a real COPY client would.
              for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
            })(),
            stream as unknown as Writable,
          );
        } finally {
          connection.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = requireFromAdapter('@electric-sql/pglite') as PGliteModule;
  const db = new PGlite();
  await db.waitReady;
  return {
    client: db,
    label: "in-process PGlite; COPY via COPY … FROM '/dev/blob' (PGlite's stdin)",
    exec: (sql) => db.exec(sql),
    async copy(sql, text) {
      await db.query(sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([text]) });
    },
    close: () => db.close(),
  };
}

/** 1. upsertMany against COPY, same rows, same table. */
async function benchUpserts(storage: PostgresStorage, db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const rows = Array.from({ length: rowsCount }, (_, i) => subscription('bench-upsert', i));
  const inserted = await measure(async () => {
    for (let i = 0; i < rows.length; i += pageSize) await storage.subscriptions.upsertMany(rows.slice(i, i + pageSize));
  });
  const updatedRows = rows.map((r) => ({ ...r, hash: `${r.hash}x`, quantity: r.quantity + 1, updatedRunId: 'run-bench-2' }));
  const updated = await measure(async () => {
    for (let i = 0; i < updatedRows.length; i += pageSize) await storage.transaction((tx) => tx.subscriptions.upsertMany(updatedRows.slice(i, i + pageSize)));
  });
  const copyText = rows.map((r) => copyLine({ ...r, connectionId: 'bench-copy' })).join('');
  const copied = await measure(() => db.copy(`COPY "${schema}".subscriptions (${columns.join(', ')}) FROM STDIN`, copyText));
  if ((await storage.subscriptions.count('bench-copy')) !== rowsCount || (await storage.subscriptions.count('bench-upsert')) !== rowsCount) throw new Error('row counts differ');
  const rate = (m: { seconds: number }) => rowsCount / m.seconds;
  console.log(`\n1. ${fmt(rowsCount)} subscription rows into ${schema}.subscriptions (pages of ${pageSize}):`);
  console.log(`   upsertMany, new rows          ${fmt(rate(inserted)).padStart(10)} rows/s  (${fmt(inserted.seconds, 2)} s)`);
  console.log(`   upsertMany in a transaction,  ${fmt(rate(updated)).padStart(10)} rows/s  (${fmt(updated.seconds, 2)} s, every row changed)`);
  console.log(`   COPY FROM STDIN, same rows    ${fmt(rate(copied)).padStart(10)} rows/s  (${fmt(copied.seconds, 2)} s)`);
  console.log(`   ratio upsert/COPY             ${fmt(rate(inserted) / rate(copied), 2)} (new rows), ${fmt(rate(updated) / rate(copied), 2)} (updates)`);
}

async function main(): Promise<void> {
  const db = await openDatabase();
  console.log(`pax8-sync Postgres bench — ${db.label}; schema ${schema}; node ${process.version}`);
  const storage = createPostgresStorage({ client: db.client, schema, encryptionKey: randomBytes(32) });
  await storage.migrate();
  try {
    // Part 1 runs in its own function so its 100k rows are garbage by the time part 2 measures memory.
    await benchUpserts(storage, db);

    // 2. Full sync from the simulator against the bare page download.
    const companies = Math.max(1, Math.round(subscriptionsCount / 50));
    const sim = createPax8Simulator({ seed: 11, companies, products: 300, subscriptions: subscriptionsCount, wait: async () => undefined, requestLogLimit: 1_000 });
    const baseUrl = await sim.listen();
    try {
      const fast = { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 }, timeoutMs: false as const, rateLimit: { requestsPerMinute: 10_000_000, concurrency: 8 } };
      const client = createPax8Client({ baseUrl, ...sim.credentials, ...fast });
      const download = await measure(async () => {
        let n = 0;
        for await (const page of client.subscriptions.pages({ size: 200 })) n += page.content.length;
        return n;
      });
      const engine = createSyncEngine({ storage, codec: storage.codec, clientOptions: fast });
      const connection = await engine.createConnection({ name: 'bench', environment: 'Production', baseUrl, ...sim.credentials, country: 'US', currency: 'USD' });
      await engine.syncCompanies({ connectionId: connection.id });
      const mapped = await storage.companies.listActiveIds(connection.id);
      await storage.mappings.upsertMany(mapped.map((id) => ({ connectionId: connection.id, pax8CompanyId: id, psaCompanyId: `psa-${id}`, state: 'confirmed', score: null, source: 'manual', updatedAt: 1 })));
      const synced = await measure(() => engine.syncSubscriptions({ connectionId: connection.id, pageSize: 200, perCompanyMaxCompanies: 0 }));
      if (synced.result.outcome !== 'succeeded') throw new Error(`sync ended ${synced.result.outcome}`);
      const stored = await storage.subscriptions.count(connection.id);
      const resync = await measure(() => engine.syncSubscriptions({ connectionId: connection.id, pageSize: 200, perCompanyMaxCompanies: 0 }));
      console.log(`\n2. ${fmt(subscriptionsCount)} subscriptions from the simulator over loopback HTTP (pages of 200, ${fmt(companies)} mapped companies):`);
      console.log(`   bare page download (client)   ${fmt(download.seconds, 2).padStart(8)} s  ${fmt(download.result / download.seconds).padStart(8)} rows/s  peak heap ${fmt(download.peakHeapMb)} MB, rss ${fmt(download.peakRssMb)} MB`);
      console.log(`   full sync into Postgres       ${fmt(synced.seconds, 2).padStart(8)} s  ${fmt(stored / synced.seconds).padStart(8)} rows/s  peak heap ${fmt(synced.peakHeapMb)} MB, rss ${fmt(synced.peakRssMb)} MB  (${fmt(stored)} rows)`);
      console.log(`   re-sync, nothing changed      ${fmt(resync.seconds, 2).padStart(8)} s  peak heap ${fmt(resync.peakHeapMb)} MB`);
      console.log(`   ratio sync/download           ${fmt(synced.seconds / download.seconds, 2)} (first sync), ${fmt(resync.seconds / download.seconds, 2)} (no-op re-sync)`);
    } finally {
      await sim.close();
    }
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
