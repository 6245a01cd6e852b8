/**
 * Which upsert statement shape comes closest to COPY: `node --expose-gc --import tsx bench/upsert-shapes.ts [rows] [repetitions]`
 * (a bench-only prototype; the adapter keeps its own statement until the lead ports the winner).
 *
 * The same rows (bench/postgres-rows.ts) go into the same table of one fresh schema on the server,
 * pages of 500, each shape as new rows and then with every row changed (each page its own
 * transaction), against `COPY … FROM STDIN` of the same rows, all alternated `repetitions` times:
 * - `adapter`: `upsertMany` as shipped (typed arrays per column and one JSON array of `data`, zipped by `ROWS FROM`);
 * - `jsonb`: the same statement through `jsonb_to_recordset($1::jsonb)`;
 * - `unnest`: one typed array per column, `INSERT … SELECT FROM unnest($1::text[], …)`;
 * - `values`: a multi-row `VALUES` list with one parameter a value (7,000 a page).
 * Printed: rows/s and the ratio to COPY (median and range), and the client's time building parameters.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SubscriptionRecord } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresClient } from '@pax8-sync/storage-postgres';
import { medianText } from './postgres-harness';
import { columns, copyLine, subscription } from './postgres-rows';

const requireFromAdapter = createRequire(new URL('../packages/storage-postgres/package.json', import.meta.url));
interface Conn {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  release(): void;
}
type Pool = PostgresClient & { query(sql: string, params?: unknown[]): Promise<unknown>; connect(): Promise<Conn>; end(): Promise<void> };
const url = process.env.PAX8_SYNC_BENCH_DATABASE_URL ?? process.env.PAX8_SYNC_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const rowsCount = Number(process.argv[2] ?? 100_000);
const repetitions = Number(process.argv[3] ?? 3);
const pageSize = 500;
const types = ['text', 'text', 'text', 'json', 'text', 'text', 'bigint', 'bigint', 'bigint', 'text', 'text', 'text', 'text', 'double precision'];

const values = (r: SubscriptionRecord): unknown[] => [r.connectionId, r.id, r.hash, JSON.stringify(r.data), r.createdRunId, r.updatedRunId, r.createdAt, r.updatedAt, r.removedAt, r.companyId, r.productId, r.status, r.mappedState, r.quantity];

/** A statement shape: the SQL for a page of `n` rows and its parameters. */
interface Shape {
  name: string;
  statement(table: string, rows: readonly SubscriptionRecord[]): { sql: string; params: unknown[] };
}

function upsertTail(): string {
  const updates = columns.filter((c) => c !== 'connection_id' && c !== 'id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `ON CONFLICT (connection_id, id) DO UPDATE SET ${updates}`;
}

const recordset = columns.map((c, i) => `${c} ${types[i]}`).join(', ');
const asJsonRow = (r: SubscriptionRecord) => {
  const v = values(r);
  v[3] = r.data;
  return Object.fromEntries(columns.map((c, i) => [c, v[i]]));
};

const shapes: Shape[] = [
  {
    name: 'jsonb',
    statement: (table, rows) => ({ sql: `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${recordset}) ${upsertTail()}`, params: [JSON.stringify(rows.map(asJsonRow))] }),
  },
  {
    name: 'unnest',
    statement(table, rows) {
      const params = columns.map(() => [] as unknown[]);
      for (const r of rows) {
        const v = values(r);
        for (let i = 0; i < v.length; i += 1) (params[i] as unknown[]).push(v[i]);
      }
      // json travels as text[] and is cast once: a json[] literal would quote every element again.
      const arrays = columns.map((_, i) => `$${i + 1}::${types[i] === 'json' ? 'text' : types[i]}[]`).join(', ');
      const select = columns.map((c, i) => (types[i] === 'json' ? `${c}::json` : c)).join(', ');
      return { sql: `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${select} FROM unnest(${arrays}) AS r(${columns.join(', ')}) ${upsertTail()}`, params };
    },
  },
  {
    name: 'values',
    statement(table, rows) {
      const params: unknown[] = [];
      const tuples = rows.map((r) => `(${values(r).map((v, i) => `$${params.push(v)}::${types[i]}`).join(', ')})`);
      return { sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${upsertTail()}`, params };
    },
  },
];

async function copy(pool: Pool, sql: string, text: string): Promise<void> {
  const { from } = requireFromAdapter('pg-copy-streams') as { from: (sql: string) => unknown };
  const connection = await pool.connect();
  try {
    const stream = (connection as unknown as { query(s: unknown): Writable }).query(from(sql));
    await pipeline(
      (async function* () {
        for (let i = 0; i < text.length; i += 1 << 20) yield text.slice(i, i + (1 << 20));
      })(),
      stream,
    );
  } finally {
    connection.release();
  }
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const gc = (globalThis as { gc?: () => void }).gc;

/** Writes every page through one shape, each page its own transaction; returns seconds and the client's parameter-building seconds. */
async function writePages(pool: Pool, table: string, shape: Shape, rows: readonly SubscriptionRecord[]): Promise<{ s: number; build: number }> {
  gc?.();
  const connection = await pool.connect();
  let build = 0;
  const t0 = process.hrtime.bigint();
  try {
    for (let i = 0; i < rows.length; i += pageSize) {
      const b0 = process.hrtime.bigint();
      const { sql, params } = shape.statement(table, rows.slice(i, i + pageSize));
      build += seconds(b0);
      await connection.query('BEGIN');
      await connection.query(sql, params);
      await connection.query('COMMIT');
    }
  } finally {
    connection.release();
  }
  return { s: seconds(t0), build };
}

async function main(): Promise<void> {
  const pg = requireFromAdapter('pg') as { Pool: new (o: { connectionString: string; max: number }) => Pool };
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const storage = createPostgresStorage({ client: pool, schema: `pax8_shapes_${process.pid}_${randomBytes(4).toString('hex')}`, encryptionKey: randomBytes(32) });
  const table = `"${storage.schema}".subscriptions`;
  console.log(`pax8-sync upsert shapes — ${rowsCount.toLocaleString('en')} rows, pages of ${pageSize}, each page a transaction, ${repetitions} alternated runs; node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const adapter: Shape = { name: 'adapter', statement: () => ({ sql: '', params: [] }) };
  const figures = new Map<string, { fresh: number[]; changed: number[]; build: number[] }>();
  const copies: number[] = [];
  const record = (name: string, fresh: number, changed: number, build: number) => {
    const f = figures.get(name) ?? { fresh: [], changed: [], build: [] };
    f.fresh.push(fresh);
    f.changed.push(changed);
    f.build.push(build);
    figures.set(name, f);
  };
  try {
    await storage.migrate();
    for (let rep = 1; rep <= repetitions; rep += 1) {
      const line: string[] = [];
      const t0 = process.hrtime.bigint();
      gc?.();
      const copyText = Array.from({ length: rowsCount }, (_, i) => copyLine(subscription(`copy-${rep}`, i))).join('');
      const c0 = process.hrtime.bigint();
      await copy(pool, `COPY ${table} (${columns.join(', ')}) FROM STDIN`, copyText);
      const copyRate = rowsCount / seconds(c0);
      void t0;
      copies.push(copyRate);
      line.push(`COPY ${copyRate.toFixed(0)}`);
      for (const shape of [adapter, ...shapes]) {
        const rows = Array.from({ length: rowsCount }, (_, i) => subscription(`${shape.name}-${rep}`, i));
        const changedRows = rows.map((r) => ({ ...r, hash: `${r.hash}x`, quantity: r.quantity + 1, updatedRunId: 'run-bench-2' }));
        let fresh: { s: number; build: number };
        let changed: { s: number; build: number };
        if (shape === adapter) {
          const viaAdapter = async (page: readonly SubscriptionRecord[]) => {
            gc?.();
            const a0 = process.hrtime.bigint();
            for (let i = 0; i < page.length; i += pageSize) await storage.transaction((tx) => tx.subscriptions.upsertMany(page.slice(i, i + pageSize)));
            return { s: seconds(a0), build: Number.NaN };
          };
          fresh = await viaAdapter(rows);
          changed = await viaAdapter(changedRows);
          // The same statements in one transaction: what the per-page commit (an fsync each) costs.
          const oneTx = async (page: readonly SubscriptionRecord[]) => {
            gc?.();
            const a0 = process.hrtime.bigint();
            await storage.transaction(async (tx) => {
              for (let i = 0; i < page.length; i += pageSize) await tx.subscriptions.upsertMany(page.slice(i, i + pageSize));
            });
            return seconds(a0);
          };
          const single = rows.map((r) => ({ ...r, connectionId: `one-tx-${rep}` }));
          const singleNew = await oneTx(single);
          const singleChanged = await oneTx(single.map((r) => ({ ...r, hash: `${r.hash}x`, quantity: r.quantity + 1 })));
          record('adapter, one transaction', rowsCount / singleNew / copyRate, rowsCount / singleChanged / copyRate, Number.NaN);
          line.push(`adapter in one transaction ${(rowsCount / singleNew).toFixed(0)}/${(rowsCount / singleChanged).toFixed(0)}`);
        } else {
          fresh = await writePages(pool, table, shape, rows);
          changed = await writePages(pool, table, shape, changedRows);
        }
        record(shape.name, rowsCount / fresh.s / copyRate, rowsCount / changed.s / copyRate, fresh.build);
        line.push(`${shape.name} ${(rowsCount / fresh.s).toFixed(0)}/${(rowsCount / changed.s).toFixed(0)}`);
      }
      console.log(`  run ${rep} (rows/s; new/changed): ${line.join(' | ')} | load ${loadavg()[0]?.toFixed(2)}`);
    }
    const n = Number((await storage.subscriptions.count(`values-${repetitions}`)) ?? 0);
    if (n !== rowsCount) throw new Error(`values shape stored ${n} rows, expected ${rowsCount}`);
    console.log(`median (range) of ${repetitions}; ratios to the COPY of the same run:`);
    console.log(`  COPY FROM STDIN     ${medianText(copies, 0, ' rows/s')}`);
    for (const [name, f] of figures) {
      const build = f.build.some(Number.isNaN) ? '' : `   client builds params ${medianText(f.build, 2, ' s')}`;
      console.log(`  ${name.padEnd(24)} new ÷ COPY ${medianText(f.fresh)}   changed ÷ COPY ${medianText(f.changed)}${build}`);
    }
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${storage.schema}" CASCADE`);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
