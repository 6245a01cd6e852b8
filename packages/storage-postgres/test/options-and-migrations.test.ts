import { randomBytes } from 'node:crypto';
import { Pax8SyncConfigError, Pax8SyncError } from '@pax8-sync/core';
import { createPostgresStorage, loadMigrations, type PostgresClient } from '@pax8-sync/storage-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyRow } from './support/rows';
import { databaseUrl, dropStorage, secondClient, tablesOf, testDatabases, testKey, uniqueSchema } from './support/databases';

const configError = (fn: () => unknown): Pax8SyncConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Pax8SyncConfigError) return error;
    throw error;
  }
  throw new Error('expected a Pax8SyncConfigError');
};

describe('options', () => {
  const client = { query: async () => ({ rows: [] }), exec: async () => [], transaction: async () => undefined } as unknown as PostgresClient;

  it.each([['pax8"; DROP SCHEMA public CASCADE; --'], ['has space'], ['1starts_with_digit'], ['pg_catalog'], [''], ['x'.repeat(64)], ['Robert\'); DROP TABLE companies;--']])(
    'refuses schema %j with an error naming the option',
    (schema) => {
      const error = configError(() => createPostgresStorage({ client, schema, encryptionKey: testKey }));
      expect(error.field).toBe('schema');
      expect(error.message).toMatch(/^schema: must be a plain identifier/);
    },
  );

  it('refuses a single pg.Client (transactions need a pool), and a missing client', () => {
    expect(configError(() => createPostgresStorage({ client: new pg.Client() as unknown as PostgresClient, encryptionKey: testKey })).field).toBe('client');
    expect(configError(() => createPostgresStorage({ client: undefined as unknown as PostgresClient, encryptionKey: testKey })).field).toBe('client');
  });

  it('refuses a bad or missing encryption key without echoing it', () => {
    const bad = 'not-a-key-but-looks-secret';
    const error = configError(() => createPostgresStorage({ client, encryptionKey: bad }));
    expect(error.field).toBe('encryptionKey');
    expect(error.message).toMatch(/^encryptionKey: must be a 32-byte key/);
    expect(error.message.includes(bad)).toBe(false);
    expect(configError(() => createPostgresStorage({ client, encryptionKey: undefined as unknown as string })).field).toBe('encryptionKey');
    expect(configError(() => createPostgresStorage({ client, encryptionKey: testKey, previousKeys: ['short'] })).field).toBe('previousKeys[0]');
  });

  it('defaults the schema to pax8_sync and detects the client kind', () => {
    const storage = createPostgresStorage({ client, encryptionKey: testKey });
    expect(storage.schema).toBe('pax8_sync');
    expect(storage.clientKind).toBe('pglite');
    expect(storage.capabilities).toEqual({ concurrentTransactions: false, durable: true, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true });
    const pool = new pg.Pool({ connectionString: databaseUrl ?? 'postgres://127.0.0.1:1/none' });
    expect(createPostgresStorage({ client: pool, encryptionKey: testKey }).capabilities.concurrentTransactions).toBe(true);
    void pool.end();
  });

  it('ships readable, versioned .sql migrations', async () => {
    const migrations = await loadMigrations();
    expect(migrations.map((m) => `${m.version}:${m.name}`)).toEqual(['1:initial', '2:seen_pages', '3:delegated_authorization', '4:write_back_and_webhooks', '5:billing', '6:page_marks', '7:hot_updates']);
    expect(migrations[0]?.sql).toMatch(/CREATE TABLE subscriptions/);
  });
});

for (const db of testDatabases()) {
  describe(`migrate() (${db.name})`, () => {
    const schema = uniqueSchema();
    beforeAll(() => db.open());
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });

    it('runs once even when two clients migrate at the same time, then is a no-op', async () => {
      const other = secondClient(db);
      try {
        const first = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
        const second = createPostgresStorage({ client: other.client, schema, encryptionKey: testKey });
        const results = await Promise.all([first.migrate(), second.migrate(), first.migrate()]);
        expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 7]);
        expect(results.every((r) => r.version === 7)).toBe(true);
        expect(await first.migrate()).toEqual({ applied: [], version: 7 });
        const recorded = await db.query<{ version: number; name: string }>(`SELECT version, name FROM "${schema}".migrations`);
        expect(recorded).toEqual([{ version: 1, name: 'initial' }, { version: 2, name: 'seen_pages' }, { version: 3, name: 'delegated_authorization' }, { version: 4, name: 'write_back_and_webhooks' }, { version: 5, name: 'billing' }, { version: 6, name: 'page_marks' }, { version: 7, name: 'hot_updates' }]);
        expect((await tablesOf(db, schema)).map((t) => t.table)).toEqual([
          'authorization_grants', 'authorization_states', 'change_heads', 'changes', 'companies', 'connections', 'invoice_items', 'invoices', 'locks', 'mappings', 'migrations', 'products', 'quarantine', 'run_pages', 'run_seen', 'runs', 'subscriptions', 'tokens', 'usage_summaries', 'webhook_deliveries', 'webhooks', 'write_intents',
        ]);
        await second.companies.upsertMany([companyRow('conn-m', 'co-1')]);
        expect(await first.companies.count('conn-m')).toBe(1);
      } finally {
        await other.close();
      }
    });

    it('refuses to run when an applied migration differs from the shipped file', async () => {
      const tampered = uniqueSchema();
      const storage = createPostgresStorage({ client: db.client(), schema: tampered, encryptionKey: testKey });
      await storage.migrate();
      await db.query(`UPDATE "${tampered}".migrations SET checksum = $1 WHERE version = 1`, [randomBytes(8).toString('hex')]);
      const error = await storage.migrate().catch((e: unknown) => e);
      expect(Pax8SyncError.isInstance(error) && error.code).toBe('migration-changed');
      await dropStorage(db, storage);
    });

    it('a store call inside transaction(fn) that bypasses `tx` is refused instead of deadlocking', async () => {
      const storage = createPostgresStorage({ client: db.client(), schema, encryptionKey: testKey });
      const error = await storage.transaction(() => storage.companies.count('conn-m')).catch((e: unknown) => e);
      expect(Pax8SyncError.isInstance(error) && error.code).toBe('nested-transaction');
    });

    it('writes a page in four round trips: the fence with BEGIN, the rows, the change events, the checkpoint with COMMIT (#13)', async () => {
      const statements: string[] = [];
      const counting = countingClient(db.client(), statements);
      const storage = createPostgresStorage({ client: counting, schema, encryptionKey: testKey });
      await storage.runs.start({ id: `run-rt-${db.name}`, connectionId: 'conn-rt', entity: 'companies', pullId: 'p', resumedFromRunId: null, startedAt: 1, finishedAt: null, outcome: 'running', checkpoint: null, counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, error: null, flags: [] });
      const lease = await storage.locks.acquire({ connectionId: 'conn-rt', name: 'sync:companies', holder: 'h', ttlMs: 1_000, now: 0 });
      statements.length = 0;
      const rows = Array.from({ length: 500 }, (_, i) => companyRow('conn-rt', `co-${String(i).padStart(3, '0')}`));
      await storage.transaction(
        async (tx) => {
          await tx.companies.upsertMany(rows);
          await tx.changes.append(rows.map((r) => ({ connectionId: 'conn-rt', runId: 'r', entity: 'companies', entityId: r.id, kind: 'created', at: 1, fields: [], detail: {}, before: null, after: r.data })));
          await tx.runs.checkpoint({ runId: `run-rt-${db.name}`, checkpoint: { page: 1 }, counts: { created: 500, updated: 0, unchanged: 0, removed: 0, quarantined: 0 }, seenIds: rows.map((r) => r.id), page: 0 });
        },
        { fence: { connectionId: 'conn-rt', name: 'sync:companies', token: lease?.token ?? -1 } },
      );
      // Each round trip, as the statements it carries (a simple query of two on pg; on PGlite, in process, BEGIN and COMMIT are its own).
      expect(statements.map((s) => s.split(';').map((part) => part.trim().split(/\s+/)[0]?.toUpperCase()))).toEqual(
        db.name === 'pg' ? [['BEGIN', 'SELECT'], ['INSERT'], ['WITH'], ['INSERT', 'COMMIT']] : [['SELECT'], ['INSERT'], ['WITH'], ['INSERT']],
      );
      expect(await storage.companies.count('conn-rt')).toBe(500);
      expect((await storage.runs.listSeen('conn-rt', 'p')).length).toBe(500);
    });
  });
}

/** Wraps a client so every statement sent is recorded (transactions included). */
function countingClient(client: PostgresClient, statements: string[]): PostgresClient {
  const record = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver);
        if (key === 'query') {
          return (text: string, params?: unknown[]) => {
            statements.push(text);
            return (value as (t: string, p?: unknown[]) => unknown).call(obj, text, params);
          };
        }
        if (key === 'connect') return async () => record(await (value as () => Promise<object>).call(obj));
        if (key === 'transaction') return (fn: (tx: object) => Promise<unknown>) => (value as (f: (tx: object) => Promise<unknown>) => unknown).call(obj, (tx: object) => fn(record(tx)));
        return typeof value === 'function' ? value.bind(obj) : value;
      },
    });
  return record(client);
}
