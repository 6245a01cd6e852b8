import type { SqlExecutor } from '../client';

/** Runs one store operation on the right executor (pool, PGlite, or the open transaction). @internal */
export type Runner = <T>(op: (sql: SqlExecutor) => Promise<T>) => Promise<T>;

/** What every store gets. @internal */
export interface StoreContext {
  /** Runs an operation. */
  run: Runner;
  /** A table name qualified with the quoted schema, e.g. `"pax8_sync".companies`. */
  table: (name: string) => string;
}

/** A bigint/numeric column as a JS number (`pg` returns int8 as text). @internal */
export const num = (value: unknown): number => Number(value);

/** A nullable bigint column. @internal */
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * A list parameter, bound as `text[]` (`= ANY($n::text[])`): never spliced into SQL, and a bound
 * array is a constant to the planner, so Postgres hashes long lists instead of scanning them per row. @internal
 */
export const textArray = (values: readonly string[]): string[] => [...values];

/**
 * A `json` column as a JS value. `pg` and PGlite both parse `json` columns, so a string here is a
 * JSON string value (parsing it again would corrupt it). @internal
 */
export const json = <T>(value: unknown): T => value as T;
