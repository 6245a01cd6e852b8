import { AsyncLocalStorage } from 'node:async_hooks';
import { type AuthorizationStore, type OutboxStore, Pax8SyncError, type Pax8SyncStorage, type Pax8SyncStores, type WebhookStore } from '@pax8-sync/core';
import { addedColumns, connectionTables, schemaSql } from './schema';
import type { SqliteDriver } from './sqlite-driver';
import { createAuthorizationStore } from './stores/authorization-store';
import { createChangeStore } from './stores/change-store';
import { createConnectionStore, createTokenStore } from './stores/connection-store';
import { checkFence, createLockStore } from './stores/lock-store';
import { createMappingStore, createQuarantineStore } from './stores/mapping-store';
import { createOutboxStore } from './stores/outbox-store';
import { companiesTable, createRecordStore, productsTable, subscriptionsTable } from './stores/record-store';
import { atomically, type Runner } from './stores/runner';
import { createRunStore } from './stores/run-store';
import { createWebhookStore } from './stores/webhook-store';

/** Options of {@link createSqliteStorage}. */
export interface SqliteStorageOptions {
  /** The SQLite connection, bound to the adapter's four calls (see `sqlJsDriver`). */
  driver: SqliteDriver;
}

function buildStores(run: Runner): Pax8SyncStores & { authorizations: AuthorizationStore; outbox: OutboxStore; webhooks: WebhookStore } {
  return {
    connections: createConnectionStore(run),
    tokens: createTokenStore(run),
    companies: createRecordStore(run, companiesTable),
    products: createRecordStore(run, productsTable),
    subscriptions: createRecordStore(run, subscriptionsTable),
    mappings: createMappingStore(run),
    runs: createRunStore(run),
    changes: createChangeStore(run),
    quarantine: createQuarantineStore(run),
    locks: createLockStore(run),
    authorizations: createAuthorizationStore(run),
    outbox: createOutboxStore(run),
    webhooks: createWebhookStore(run),
  };
}

/**
 * A pax8-sync storage adapter on SQLite (contract v1). SQLite has one writer at a time, so
 * transactions are serialised here: each waits for the previous one, and a plain call waits for
 * the running transaction. That is correct and declared (`concurrentTransactions: false`).
 * Delegated authorization, write-back and webhooks are implemented and declared
 * (`delegatedAuthorization`, `writeBack`, `webhooks`).
 */
export function createSqliteStorage(options: SqliteStorageOptions): Pax8SyncStorage {
  const { driver } = options;
  driver.exec(schemaSql);
  for (const { table, column, type } of addedColumns) {
    if (!driver.all<{ name: string }>(`PRAGMA table_info(${table})`).some((c) => c.name === column)) driver.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }

  // One operation or transaction at a time: a promise chain as a mutex.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T> | T): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };
  const inTransaction = new AsyncLocalStorage<true>();
  const nested = () =>
    Promise.reject(new Pax8SyncError('nested-transaction', 'Use the `tx` stores inside transaction(fn): the storage itself would wait for that transaction forever.'));

  const topLevel: Runner = (op) => (inTransaction.getStore() ? nested() : exclusive(() => op(driver)));

  return {
    specificationVersion: 'v1',
    capabilities: { concurrentTransactions: false, durable: driver.durable, delegatedAuthorization: true, writeBack: true, webhooks: true },
    ...buildStores(topLevel),
    transaction: (fn, txOptions = {}) => {
      if (inTransaction.getStore()) return nested();
      return exclusive(() =>
        inTransaction.run(true, async () => {
          driver.exec('BEGIN IMMEDIATE');
          let open = true;
          const inside: Runner = async (op) => {
            if (!open) throw new Pax8SyncError('transaction-closed', 'This transaction already settled; its stores cannot be used any more.');
            return op(driver);
          };
          try {
            if (txOptions.fence) checkFence(driver, txOptions.fence);
            const result = await fn(buildStores(inside));
            open = false;
            driver.exec('COMMIT');
            return result;
          } catch (error) {
            open = false;
            driver.exec('ROLLBACK');
            throw error;
          }
        }),
      );
    },
    purgeConnection: (connectionId) =>
      topLevel((db) =>
        atomically(db, () => {
          for (const { table, column } of connectionTables) db.run(`DELETE FROM ${table} WHERE ${column} = ?`, [connectionId]);
        }),
      ),
  };
}
