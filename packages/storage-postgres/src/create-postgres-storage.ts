import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type AuthorizationStore,
  type AesKey,
  type BillingStores,
  type CredentialCodec,
  createAesGcmCodec,
  Pax8SyncConfigError,
  Pax8SyncError,
  type Pax8SyncStorage,
  type OutboxStore,
  type Pax8SyncStores,
  type WebhookStore,
} from '@pax8-sync/core';
import { checkpointOnlyTransaction } from './checkpoint-only';
import { createDriver, type PostgresClient, type SqlDriver, type SqlExecutor } from './client';
import { fenceLiteral, leaseLost } from './fence';
import { heldCheckpointTransaction } from './held-checkpoint';
import { type MigrateResult, runMigrations } from './migrations';
import { defaultSchema, quoteSchema } from './schema-name';
import { createAuthorizationStore } from './stores/authorization-store';
import { createChangeStore } from './stores/change-store';
import { createConnectionStore } from './stores/connection-store';
import { createLockStore } from './stores/lock-store';
import { createMappingStore } from './stores/mapping-store';
import { createOutboxStore } from './stores/outbox-store';
import { createQuarantineStore } from './stores/quarantine-store';
import { createHashReader } from './stores/record-hashes';
import { createRecordStore } from './stores/record-store';
import { companiesTable, invoiceItemsTable, invoicesTable, productsTable, subscriptionsTable, usageSummariesTable } from './stores/record-tables';
import { reencryptSecrets, type ReencryptResult } from './reencrypt';
import { type Runner, type StoreContext, textColumn } from './stores/store-context';
import { createRunStore } from './stores/run-store';
import { createTokenStore } from './stores/token-store';
import { createWebhookStore } from './stores/webhook-store';

/** Options of {@link createPostgresStorage}. */
export interface PostgresStorageOptions {
  /**
   * The database client you already have: a `pg` Pool (`new Pool({ connectionString })`) or a
   * PGlite instance (`new PGlite()`). The adapter never closes it. A single `pg.Client` is refused:
   * each transaction needs its own pooled connection.
   */
  client: PostgresClient;
  /**
   * Schema holding the tables; default `pax8_sync`. A plain identifier (letters, digits, `_`, at most
   * 63 characters); anything else is refused with a `Pax8SyncConfigError` naming `schema`.
   */
  schema?: string;
  /**
   * The AES-256 key (32 bytes: raw, 64 hex digits or base64) of {@link PostgresStorage.codec}, the
   * codec the engine seals credentials and tokens with before they reach the database.
   * Generate one with `openssl rand -base64 32`; keep it out of the database.
   */
  encryptionKey: AesKey;
  /** Keys used before a rotation: values sealed with them still open; {@link PostgresStorage.reencrypt} moves them to `encryptionKey`. */
  previousKeys?: readonly AesKey[];
}

/** The Postgres adapter: the v1 storage contract plus migrations and key rotation. */
export interface PostgresStorage extends Pax8SyncStorage {
  /** Started authorizations and grants (the adapter declares `delegatedAuthorization`). */
  readonly authorizations: AuthorizationStore;
  /** The write-back outbox (the adapter declares `writeBack`). */
  readonly outbox: OutboxStore;
  /** Webhook registrations and delivery keys (the adapter declares `webhooks`). */
  readonly webhooks: WebhookStore;
  /** Invoices, invoice and draft items, usage summaries (the adapter declares `billing`). */
  readonly billing: BillingStores;
  /** The schema name in use. */
  readonly schema: string;
  /** `pg` or `pglite`: which client was detected. */
  readonly clientKind: 'pg' | 'pglite';
  /**
   * AES-256-GCM codec over `encryptionKey` and `previousKeys`: pass it to the engine as `codec`, so
   * credentials and tokens are sealed before they are stored.
   */
  readonly codec: CredentialCodec;
  /**
   * Creates the schema and applies the shipped migrations that have not run yet, in one transaction
   * under an advisory lock: safe to call on every start, from many processes at once.
   */
  migrate(): Promise<MigrateResult>;
  /**
   * Re-seals every stored credential and token that was sealed with a previous key, using the current
   * `encryptionKey`, in one transaction. Afterwards the previous keys can be dropped.
   */
  reencrypt(): Promise<ReencryptResult>;
}

function buildStores(ctx: StoreContext): Pax8SyncStores & Pick<PostgresStorage, 'authorizations' | 'outbox' | 'webhooks' | 'billing'> {
  return {
    connections: createConnectionStore(ctx),
    tokens: createTokenStore(ctx),
    companies: { ...createRecordStore(ctx, companiesTable), getHashes: createHashReader(ctx, companiesTable) },
    products: { ...createRecordStore(ctx, productsTable), getHashes: createHashReader(ctx, productsTable) },
    subscriptions: { ...createRecordStore(ctx, subscriptionsTable), getHashes: createHashReader(ctx, subscriptionsTable) },
    mappings: createMappingStore(ctx),
    runs: createRunStore(ctx),
    changes: createChangeStore(ctx),
    quarantine: createQuarantineStore(ctx),
    locks: createLockStore(ctx),
    authorizations: createAuthorizationStore(ctx),
    outbox: createOutboxStore(ctx),
    webhooks: createWebhookStore(ctx),
    billing: {
      invoices: createRecordStore(ctx, invoicesTable),
      invoiceItems: createRecordStore(ctx, invoiceItemsTable),
      usageSummaries: createRecordStore(ctx, usageSummariesTable),
    },
  };
}

function buildCodec(options: PostgresStorageOptions): CredentialCodec {
  try {
    return createAesGcmCodec({ key: options.encryptionKey, previousKeys: [...(options.previousKeys ?? [])] });
  } catch (error) {
    // The codec names its own field `key`; the option here is `encryptionKey`. The message never holds the key.
    if (error instanceof Pax8SyncConfigError && error.field === 'key') {
      throw new Pax8SyncConfigError('encryptionKey', error.message.replace(/^key: /, ''));
    }
    throw error;
  }
}

const purgeTables = ['tokens', 'companies', 'products', 'subscriptions', 'mappings', 'runs', 'run_seen', 'run_pages', 'change_heads', 'changes', 'quarantine', 'locks', 'authorization_states', 'authorization_grants', 'write_intents', 'webhooks', 'webhook_deliveries', 'invoices', 'invoice_items', 'usage_summaries'];

/**
 * Creates the Postgres storage adapter over your `pg` Pool or PGlite instance. Call
 * `await storage.migrate()` once before use (it is idempotent).
 * @throws `Pax8SyncConfigError` naming `client`, `schema`, `encryptionKey` or `previousKeys[i]`.
 * @example
 * import { Pool } from 'pg';
 * const storage = createPostgresStorage({ client: new Pool({ connectionString: process.env.DATABASE_URL }), encryptionKey: process.env.PAX8_SYNC_KEY! });
 * await storage.migrate();
 */
export function createPostgresStorage(options: PostgresStorageOptions): PostgresStorage {
  if (typeof options !== 'object' || options === null) {
    throw new Pax8SyncConfigError('options', 'pass { client, encryptionKey, schema? } to createPostgresStorage.');
  }
  const schema = options.schema ?? defaultSchema;
  const quoted = quoteSchema(schema);
  const driver: SqlDriver = createDriver(options.client);
  if (options.encryptionKey === undefined) {
    throw new Pax8SyncConfigError('encryptionKey', 'is required: a 32-byte AES key (generate one with `openssl rand -base64 32`).');
  }
  const codec = buildCodec(options);
  const table = (name: string) => `${quoted}.${name}`;
  const inTransaction = new AsyncLocalStorage<true>();

  const topLevel: Runner = (op) => {
    if (inTransaction.getStore()) {
      // On PGlite the call would wait for the open transaction forever; on pg it would run outside it.
      return Promise.reject(
        new Pax8SyncError('nested-transaction', 'Use the `tx` stores inside transaction(fn): calling the storage itself there runs outside the transaction.'),
      );
    }
    return op(driver.executor);
  };
  const text = textColumn(driver.kind);
  const stores = buildStores({ run: topLevel, table, text });

  const storage: PostgresStorage = {
    specificationVersion: 'v1',
    capabilities: { concurrentTransactions: driver.kind === 'pg', durable: true, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true },
    schema,
    clientKind: driver.kind,
    codec,
    ...stores,
    transaction: (fn, txOptions = {}) =>
      inTransaction.run(true, () => {
        const fence = txOptions.fence;
        // The fence goes with BEGIN in one round trip. A transaction that writes only a checkpoint and
        // became a real one (see checkpoint-only.ts) commits without waiting for the disk.
        const opened = <T>(body: (executor: SqlExecutor) => Promise<T>, closing?: () => string | undefined) =>
          driver.transaction(
            async (executor: SqlExecutor, fenced) => {
              if (fence && fenced.length === 0) throw leaseLost(fence);
              if (txOptions.checkpointOnly === true) await executor.script('SET LOCAL synchronous_commit TO OFF');
              return body(executor);
            },
            { ...(fence ? { opening: fenceLiteral(table('locks'), fence) } : {}), ...(closing ? { closing } : {}) },
          );
        const stores = (run: Runner) => buildStores({ run, table, text });
        if (txOptions.checkpointOnly === true) return checkpointOnlyTransaction({ driver, table, stores, transaction: opened }, fence, fn);
        return heldCheckpointTransaction({ table, stores, transaction: opened }, fn);
      }),
    purgeConnection: (connectionId) =>
      topLevel(() =>
        inTransaction.run(true, () =>
          driver.transaction(async (sql) => {
            // Wait for the connection's fenced transactions in flight first (they hold their lock rows),
            // so the purge does not interleave with a sync's page and deadlock on its rows.
            await sql.query(`SELECT 1 FROM ${table('locks')} WHERE connection_id = $1 ORDER BY name FOR UPDATE`, [connectionId]);
            const deletes = purgeTables.map((name, i) => `d${i} AS (DELETE FROM ${table(name)} WHERE connection_id = $1)`).join(', ');
            await sql.query(`WITH ${deletes} DELETE FROM ${table('connections')} WHERE id = $1`, [connectionId]);
          }),
        ),
      ),
    migrate: () => runMigrations(driver, schema, quoted),
    reencrypt: () => inTransaction.run(true, () => driver.transaction((sql) => reencryptSecrets(sql, table, codec))),
  };
  return storage;
}
