import type { JsonValue } from '@pax8-sync/core';
import type { SqliteDriver, SqlValue } from '../sqlite-driver';

/** Runs one synchronous database operation: at top level after the running transaction, or inside it. */
export type Runner = <T>(op: (db: SqliteDriver) => T) => Promise<T>;

/** JSON to TEXT. */
export const toJson = (value: JsonValue | readonly unknown[] | object): string => JSON.stringify(value);

/** TEXT to JSON. */
export const fromJson = <T>(text: unknown): T => JSON.parse(String(text)) as T;

/** `?, ?, ?` for `n` parameters. */
export const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Runs `op` inside a savepoint, so a multi-statement write is all or nothing, in or out of a transaction. */
export function atomically<T>(db: SqliteDriver, op: () => T): T {
  db.exec('SAVEPOINT pax8_sync_write');
  try {
    const result = op();
    db.exec('RELEASE pax8_sync_write');
    return result;
  } catch (error) {
    db.exec('ROLLBACK TO pax8_sync_write; RELEASE pax8_sync_write');
    throw error;
  }
}

/** Splits ids into chunks that fit SQLite's parameter limit. */
export function chunks<T>(values: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** A number column read back (sql.js returns numbers; other drivers may return bigint). */
export const num = (value: unknown): number => Number(value);

/** A nullable number column. */
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Parameters as SQLite takes them. */
export type Params = SqlValue[];
