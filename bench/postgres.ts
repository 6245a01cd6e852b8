/**
 * Postgres adapter bench: `pnpm bench:postgres` (node --expose-gc).
 *
 * 1. Subscription upserts through the adapter (`upsertMany`, one statement per 500-row page; new rows,
 *    then every row changed) against a `COPY … FROM STDIN` of the same rows into the same table,
 *    alternated 3 times: rows/s, and the ratio, median and range. Only on a real server: PGlite runs
 *    in this process and its COPY reads a blob, so the ratio says nothing about a server.
 * 2. A full sync of 100,000 subscriptions from the simulator (its own process, over loopback HTTP)
 *    into a fresh schema, then a re-sync with nothing changed, each against the bare page download
 *    (same client, page size and read-ahead), alternated 3 times after an untimed warm-up of each:
 *    seconds, ratios, peak RSS of each sync phase; on the server also the WAL the re-sync wrote. Then
 *    one more re-sync with row triggers counts every row it wrote, by table.
 *
 * Database: `PAX8_SYNC_BENCH_DATABASE_URL` or `PAX8_SYNC_TEST_DATABASE_URL` (a real server through a pg
 * Pool), else an in-process PGlite. Every schema is fresh and dropped. Sizes: BENCH_ROWS (default
 * 100000), BENCH_SUBSCRIPTIONS (default 100000), BENCH_REPETITIONS (default 3).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createSyncEngine } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { columns, copyLine, subscription } from './postgres-rows';
import { bareClient, bareDownload, benchClientOptions, connectAndMap, machineLine, measure, medianText, serverSettingsLine, type SimulatorProcess, startSimulatorProcess, succeeded } from './postgres-harness';
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
const repetitions = Number(process.env.BENCH_REPETITIONS ?? 3);
const pageSize = 500;
const syncPageSize = 200;
const prefetch = 4;
const schemaName = () => `pax8_bench_${process.pid}_${randomBytes(4).toString('hex')}`;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

type Database = Awaited<ReturnType<typeof openDatabase>>;

async function openDatabase(): Promise<{ client: PostgresClient; copy: (sql: string, text: string) => Promise<void>; exec: (sql: string) => Promise<unknown>; close: () => Promise<void>; label: string; server: boolean }> {
  if (url) {
    const pg = requireFromAdapter('pg') as PgModule;
    const { from } = requireFromAdapter('pg-copy-streams') as CopyModule;
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    return {
      client: pool,
      server: true,
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
    server: false,
    label: "in-process PGlite; COPY via COPY … FROM '/dev/blob' (PGlite's stdin)",
    exec: (sql) => db.exec(sql),
    async copy(sql, text) {
      await db.query(sql.replace('FROM STDIN', "FROM '/dev/blob'"), [], { blob: new Blob([text]) });
    },
    close: () => db.close(),
  };
}

/** A migrated storage in a fresh schema. */
async function freshStorage(db: Database): Promise<PostgresStorage> {
  const storage = createPostgresStorage({ client: db.client, schema: schemaName(), encryptionKey: randomBytes(32) });
  await storage.migrate();
  return storage;
}

/** 1. upsertMany against COPY, same rows, same table, alternated. */
async function benchUpserts(db: Database): Promise<void> {
  if (!db.server) {
    console.log('\n1. upsert vs COPY: not measured on PGlite (in this process, COPY from a blob): the ratio would say nothing about a server.');
    return;
  }
  const storage = await freshStorage(db);
  const figures: { insert: number; update: number; copy: number }[] = [];
  try {
    for (let rep = 1; rep <= repetitions; rep += 1) {
      const rows = Array.from({ length: rowsCount }, (_, i) => subscription(`bench-upsert-${rep}`, i));
      const inserted = await measure(async () => {
        for (let i = 0; i < rows.length; i += pageSize) await storage.subscriptions.upsertMany(rows.slice(i, i + pageSize));
      });
      const changed = rows.map((r) => ({ ...r, hash: `${r.hash}x`, quantity: r.quantity + 1, updatedRunId: 'run-bench-2' }));
      const updated = await measure(async () => {
        for (let i = 0; i < changed.length; i += pageSize) await storage.transaction((tx) => tx.subscriptions.upsertMany(changed.slice(i, i + pageSize)));
      });
      const copyText = rows.map((r) => copyLine({ ...r, connectionId: `bench-copy-${rep}` })).join('');
      const copied = await measure(() => db.copy(`COPY "${storage.schema}".subscriptions (${columns.join(', ')}) FROM STDIN`, copyText));
      if ((await storage.subscriptions.count(`bench-copy-${rep}`)) !== rowsCount || (await storage.subscriptions.count(`bench-upsert-${rep}`)) !== rowsCount) throw new Error('row counts differ');
      const rate = (m: { seconds: number }) => rowsCount / m.seconds;
      figures.push({ insert: rate(inserted), update: rate(updated), copy: rate(copied) });
      console.log(`   run ${rep}: upsert new ${fmt(rate(inserted))} rows/s, upsert changed ${fmt(rate(updated))} rows/s, COPY ${fmt(rate(copied))} rows/s`);
    }
  } finally {
    await db.exec(`DROP SCHEMA IF EXISTS "${storage.schema}" CASCADE`);
  }
  console.log(`1. ${fmt(rowsCount)} subscription rows, pages of ${pageSize}, median (range) of ${repetitions}:`);
  console.log(`   upsertMany, new rows          ${medianText(figures.map((f) => f.insert), 0, ' rows/s')}`);
  console.log(`   upsertMany, every row changed ${medianText(figures.map((f) => f.update), 0, ' rows/s')}`);
  console.log(`   COPY FROM STDIN               ${medianText(figures.map((f) => f.copy), 0, ' rows/s')}`);
  console.log(`   ratio upsert/COPY             ${medianText(figures.map((f) => f.insert / f.copy))} (new rows), ${medianText(figures.map((f) => f.update / f.copy))} (every row changed)`);
}

/** Server-wide WAL position in bytes (other sessions on the server write too). */
async function walBytes(db: Database): Promise<number | undefined> {
  if (!db.server) return undefined;
  const rows = (await db.exec("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS b")) as { rows: { b: string }[] };
  return Number(rows.rows[0]?.b);
}

/** Every row a no-change re-sync writes, counted by row triggers on every table of the schema. */
async function countResyncWrites(db: Database, storage: PostgresStorage, resync: () => Promise<unknown>): Promise<Record<string, number>> {
  const s = `"${storage.schema}"`;
  await db.exec(`CREATE TABLE ${s}.written (tbl text, op text, n bigint NOT NULL DEFAULT 0, PRIMARY KEY (tbl, op))`);
  await db.exec(`CREATE FUNCTION ${s}.count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    INSERT INTO ${s}.written VALUES (TG_TABLE_NAME, TG_OP, 1) ON CONFLICT (tbl, op) DO UPDATE SET n = ${s}.written.n + 1; RETURN NULL; END $$`);
  for (const table of ['connections', 'tokens', 'companies', 'products', 'subscriptions', 'mappings', 'runs', 'run_seen', 'run_pages', 'change_heads', 'changes', 'quarantine', 'locks']) {
    await db.exec(`CREATE TRIGGER count_write AFTER INSERT OR UPDATE OR DELETE ON ${s}.${table} FOR EACH ROW EXECUTE FUNCTION ${s}.count_write()`);
  }
  await resync();
  const result = (await db.exec(`SELECT tbl, op, n::int AS n FROM ${s}.written ORDER BY 1, 2`)) as { rows: { tbl: string; op: string; n: number }[] } | { rows: { tbl: string; op: string; n: number }[] }[];
  const rows = Array.isArray(result) ? (result[0]?.rows ?? []) : result.rows;
  return Object.fromEntries(rows.map((r) => [`${r.tbl} ${r.op}`, r.n]));
}

/** 2. Full sync and no-change re-sync against the bare download, alternated, each full sync into a fresh schema. */
async function benchSync(db: Database, sim: SimulatorProcess): Promise<void> {
  const client = bareClient(sim);
  const subject = async () => {
    const storage = await freshStorage(db);
    const engine = createSyncEngine({ storage, codec: storage.codec, clientOptions: benchClientOptions, syncDefaults: { pageSize: syncPageSize, prefetch, perCompanyMaxCompanies: 0 } });
    const connectionId = await connectAndMap(engine, storage, sim);
    return { storage, sync: () => engine.syncSubscriptions({ connectionId }) };
  };
  const drop = (storage: PostgresStorage) => db.exec(`DROP SCHEMA IF EXISTS "${storage.schema}" CASCADE`);
  // Warm-up, untimed: the simulator's pages and both code paths.
  await bareDownload(client, syncPageSize, prefetch);
  const warm = await subject();
  succeeded(await warm.sync());
  await drop(warm.storage);
  const figures: { bare: number; full: number; resync: number; fullRss: number; resyncRss: number; wal?: number }[] = [];
  console.log(`\n2. ${fmt(subscriptionsCount)} subscriptions from the simulator over loopback HTTP (pages of ${syncPageSize}, read-ahead ${prefetch}, every company mapped):`);
  let last: Awaited<ReturnType<typeof subject>> | undefined;
  for (let rep = 1; rep <= repetitions; rep += 1) {
    const bare = await measure(() => bareDownload(client, syncPageSize, prefetch));
    if (last) await drop(last.storage);
    last = await subject();
    const full = await measure(last.sync);
    const walBefore = await walBytes(db);
    const resync = await measure(last.sync);
    const walAfter = await walBytes(db);
    const f = succeeded(full.value);
    const r = succeeded(resync.value);
    const wal = walBefore === undefined || walAfter === undefined ? undefined : walAfter - walBefore;
    figures.push({ bare: bare.seconds, full: full.seconds, resync: resync.seconds, fullRss: full.peakRssMb, resyncRss: resync.peakRssMb, ...(wal === undefined ? {} : { wal }) });
    console.log(
      `   run ${rep}: bare ${fmt(bare.seconds, 2)} s | full sync ${fmt(full.seconds, 2)} s (${f.text}, peak RSS ${fmt(full.peakRssMb)} MB from ${fmt(full.startRssMb)}) | re-sync ${fmt(resync.seconds, 2)} s (${r.text}, peak RSS ${fmt(resync.peakRssMb)} MB${wal === undefined ? '' : `, WAL ${fmt(wal / 2 ** 20, 1)} MB server-wide`})`,
    );
  }
  console.log(`   median (range) of ${repetitions}; each ratio against the bare download just before it:`);
  console.log(`   bare page download            ${medianText(figures.map((f) => f.bare), 2, ' s')}`);
  console.log(`   full sync into Postgres       ${medianText(figures.map((f) => f.full), 2, ' s')}  ratio ${medianText(figures.map((f) => f.full / f.bare))}  peak RSS ${medianText(figures.map((f) => f.fullRss), 0, ' MB')}`);
  console.log(`   re-sync, nothing changed      ${medianText(figures.map((f) => f.resync), 2, ' s')}  ratio ${medianText(figures.map((f) => f.resync / f.bare))}  peak RSS ${medianText(figures.map((f) => f.resyncRss), 0, ' MB')}`);
  const wals = figures.flatMap((f) => (f.wal === undefined ? [] : [f.wal / 2 ** 20]));
  if (wals.length > 0) console.log(`   WAL during the re-sync        ${medianText(wals, 1, ' MB')} (server-wide: other sessions' writes count too)`);
  if (last) {
    const written = await countResyncWrites(db, last.storage, last.sync);
    const total = Object.values(written).reduce((a, b) => a + b, 0);
    console.log(`   rows one more re-sync wrote   ${fmt(total)} for ${fmt(Math.ceil(subscriptionsCount / syncPageSize))} pages: ${Object.entries(written).map(([k, n]) => `${k} ${fmt(n)}`).join(', ')}`);
    await drop(last.storage);
  }
}

async function main(): Promise<void> {
  const db = await openDatabase();
  console.log(`pax8-sync Postgres bench — ${db.label}; ${machineLine()}`);
  if (db.server) console.log(`   ${await serverSettingsLine(db.exec)}`);
  try {
    await benchUpserts(db);
    const companies = Math.max(1, Math.round(subscriptionsCount / 50));
    const sim = await startSimulatorProcess({ seed: 11, companies, products: 300, subscriptions: subscriptionsCount });
    try {
      await benchSync(db, sim);
    } finally {
      await sim.close();
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
