import type { Database } from 'sql.js';

/** A value SQLite binds: text, number (integers up to 2^53 are exact) or NULL. */
export type SqlValue = string | number | null;

/**
 * The four calls the adapter needs from a SQLite driver. Keeping the adapter on this interface is
 * what makes it portable: bind it to sql.js (below), better-sqlite3, node:sqlite or your PSA's own
 * connection wrapper in a dozen lines.
 */
export interface SqliteDriver {
  /** Runs one statement with `?` parameters; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): { changes: number };
  /** Runs one query with `?` parameters; returns every row as an object keyed by column name. */
  all<Row>(sql: string, params?: readonly SqlValue[]): Row[];
  /** Runs a script of statements without parameters (schema, BEGIN/COMMIT). */
  exec(sql: string): void;
  /** Whether the data outlives the process (a file database); declared as the adapter's `durable` capability. */
  readonly durable: boolean;
}

const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });

/** Binds a sql.js database (SQLite compiled to WebAssembly; in memory, exported with `db.export()`). */
export function sqlJsDriver(db: Database): SqliteDriver {
  return {
    durable: false,
    run(sql, params = []) {
      db.run(sql, [...params]);
      return { changes: db.getRowsModified() };
    },
    all<Row>(sql: string, params: readonly SqlValue[] = []): Row[] {
      const statement = db.prepare(sql);
      try {
        statement.bind([...params]);
        const names = statement.getColumnNames();
        const rows: Row[] = [];
        while (statement.step()) {
          const values = statement.get();
          const row: Record<string, unknown> = {};
          // sql.js decodes text with a TextDecoder that drops a leading U+FEFF (byte order mark): the
          // conformance suite's verbatim check caught it. Text is decoded again from its bytes, keeping it.
          names.forEach((name, i) => {
            const value = values[i];
            row[name] = typeof value === 'string' ? keepBom.decode((statement as unknown as { getBlob(column: number): Uint8Array }).getBlob(i)) : value;
          });
          rows.push(row as Row);
        }
        return rows;
      } finally {
        statement.free();
      }
    },
    exec(sql) {
      db.exec(sql);
    },
  };
}
