/**
 * A pax8-sync storage adapter on SQLite: the worked answer to "how do I plug pax8-sync into my own
 * database". Proven by the published conformance suite (see test/conformance.test.ts).
 */
export { connectionTables, schemaSql } from './schema';
export { createSqliteStorage, type SqliteStorageOptions } from './create-sqlite-storage';
export { type SqliteDriver, type SqlValue, sqlJsDriver } from './sqlite-driver';
