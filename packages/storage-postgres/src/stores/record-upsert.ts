import type { RecordColumn } from './record-tables';

/** The upsert of one page of a record table: its SQL, and the parameters of a page. @internal */
export interface UpsertStatement<T> {
  sql: string;
  params(rows: readonly T[]): unknown[];
}

/**
 * `INSERT … SELECT … FROM ROWS FROM (unnest($1::text[]), …, json_array_elements($n::json))
 * ON CONFLICT (connection_id, id) DO UPDATE`: one typed array per column and one JSON array of the
 * rows' `data`, zipped row by row by `ROWS FROM`. The server parses the small columns as typed
 * arrays (no per-row JSON object to unpack, as `json_to_recordset` did) and the payloads as one JSON
 * text it only splits, so each `data` is stored as the text the engine serialised. @internal
 */
export function upsertStatement<T>(table: string, columns: readonly RecordColumn<T>[]): UpsertStatement<T> {
  const typed = columns.filter((c) => c.type !== 'json');
  const payloads = columns.filter((c) => c.type === 'json');
  const zipped = [...typed, ...payloads];
  const sources = zipped.map((c, i) => (c.type === 'json' ? `json_array_elements($${i + 1}::json)` : `unnest($${i + 1}::${c.type}[])`));
  const names = columns.map((c) => c.column).join(', ');
  const updates = columns
    .filter((c) => c.column !== 'connection_id' && c.column !== 'id')
    .map((c) => `${c.column} = EXCLUDED.${c.column}`)
    .join(', ');
  return {
    sql: `INSERT INTO ${table} (${names}) SELECT ${names} FROM ROWS FROM (${sources.join(', ')}) AS r(${zipped.map((c) => c.column).join(', ')})
    ON CONFLICT (connection_id, id) DO UPDATE SET ${updates}`,
    params: (rows) => zipped.map((c) => (c.type === 'json' ? JSON.stringify(rows.map((r) => r[c.field])) : rows.map((r) => r[c.field]))),
  };
}
