import { runStorageConformance } from '@pax8-sync/testing/conformance';
import initSqlJs, { type Database } from 'sql.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionTables, createSqliteStorage, sqlJsDriver } from '../src/index';

const SQL = await initSqlJs();
// The raw read-back bypasses the adapter: it reads the tables with plain SQL on the same database.
const databases = new WeakMap<object, Database>();

runStorageConformance({
  test: { describe, it, expect, beforeEach, afterEach },
  name: 'pax8-sync storage conformance (v1) on SQLite (sql.js)',
  createStorage: () => {
    const db = new SQL.Database();
    const storage = createSqliteStorage({ driver: sqlJsDriver(db) });
    databases.set(storage, db);
    return storage;
  },
  disposeStorage: (storage) => databases.get(storage)?.close(),
  raw: {
    rowsOfConnection: (storage, connectionId) => {
      const db = databases.get(storage);
      if (!db) throw new Error('unknown storage');
      const rows: unknown[] = [];
      for (const { table, column } of connectionTables) {
        const statement = db.prepare(`SELECT * FROM ${table} WHERE ${column} = ?`);
        statement.bind([connectionId]);
        while (statement.step()) rows.push({ table, row: statement.getAsObject() });
        statement.free();
      }
      return rows;
    },
  },
  capabilities: { concurrentTransactions: false, durable: false, delegatedAuthorization: true, writeBack: true, webhooks: true },
});
