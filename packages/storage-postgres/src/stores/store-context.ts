import type { SqlExecutor } from '../client';

/** Runs one store operation on the right executor (pool, PGlite, or the open transaction). @internal */
export type Runner = <T>(op: (sql: SqlExecutor) => Promise<T>) => Promise<T>;

/** What every store gets. @internal */
export interface StoreContext {
  /** Runs an operation. */
  run: Runner;
  /** A table name qualified with the quoted schema, e.g. `"pax8_sync".companies`. */
  table: (name: string) => string;
  /**
   * A text column as it must be selected to come back verbatim: `column` on pg; `to_json(column)`
   * on PGlite, whose wire decoder drops a leading U+FEFF (byte order mark) from every text field
   * (JSON text starts with a quote, so the value survives). `column` may be qualified (`t.id`).
   */
  text: (column: string) => string;
}

/** Builds {@link StoreContext.text} for a client kind. @internal */
export function textColumn(kind: 'pg' | 'pglite'): (column: string) => string {
  return kind === 'pg' ? (column) => column : (column) => `to_json(${column}) AS ${column.slice(column.lastIndexOf('.') + 1)}`;
}

/** A select list: the text columns through {@link StoreContext.text}, the others as they are. @internal */
export function selectList(ctx: Pick<StoreContext, 'text'>, columns: readonly string[], text: readonly string[], prefix = ''): string {
  const isText = new Set(text);
  return columns.map((c) => (isText.has(c) ? ctx.text(`${prefix}${c}`) : `${prefix}${c}`)).join(', ');
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
