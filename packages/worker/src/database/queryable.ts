/** The part of a `pg` Pool (or client) the worker's own SQL uses. */
export interface Queryable {
  /** Runs one statement. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Runs a statement and types its rows. @internal */
export async function rowsOf<Row>(db: Queryable, text: string, values: unknown[] = []): Promise<Row[]> {
  return (await db.query(text, values)).rows as Row[];
}
