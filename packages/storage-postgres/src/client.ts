import { Pax8SyncConfigError } from '@pax8-sync/core';

/** The result shape both `pg` and PGlite return from `query`. */
export interface SqlResult<Row> {
  /** Returned rows. */
  rows: Row[];
  /** Rows affected (`pg`). */
  rowCount?: number | null;
  /** Rows affected (PGlite). */
  affectedRows?: number;
}

/** A connection checked out of a `pg` Pool (structural: only what the adapter uses). */
export interface PgPoolClientLike {
  /** Runs one statement. */
  query(text: string, values?: unknown[]): Promise<SqlResult<unknown>>;
  /** Returns the connection to the pool (`true`/an error destroys it). */
  release(destroy?: boolean | Error): void;
}

/**
 * A `pg` Pool (structural, so `pg` is never imported at runtime). A single `pg.Client` is not
 * enough: transactions need a dedicated connection each, checked out with `connect()`.
 */
export interface PgPoolLike {
  /** Checks out a dedicated connection. */
  connect(): Promise<PgPoolClientLike>;
  /** Runs one statement on any pooled connection. */
  query(text: string, values?: unknown[]): Promise<SqlResult<unknown>>;
  /** Connections open in the pool (present on `pg.Pool`, absent on `pg.Client`). */
  readonly totalCount: number;
}

/** The transaction handle PGlite passes to `transaction(fn)`. */
export interface PGliteTransactionLike {
  /** Runs one statement inside the transaction. */
  query(text: string, params?: unknown[]): Promise<SqlResult<unknown>>;
  /** Runs several statements without parameters inside the transaction. */
  exec(text: string): Promise<unknown>;
}

/** A PGlite instance (structural, so PGlite is never imported at runtime). */
export interface PGliteLike {
  /** Runs one statement (waits for a running transaction to end). */
  query(text: string, params?: unknown[]): Promise<SqlResult<unknown>>;
  /** Runs several statements without parameters. */
  exec(text: string): Promise<unknown>;
  /** Runs `fn` in a transaction, exclusive of every other query. */
  transaction<T>(fn: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
}

/** A client the adapter accepts: a `pg` Pool or a PGlite instance. */
export type PostgresClient = PgPoolLike | PGliteLike;

/** Runs statements: a pool, a PGlite instance, or one transaction's connection. @internal */
export interface SqlExecutor {
  query<Row>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs a multi-statement script without parameters (migrations). */
  script(text: string): Promise<void>;
}

/**
 * Statements that go with BEGIN and with COMMIT, in the same round trip on `pg` (one simple query:
 * their values are written in, see `literal.ts`); on PGlite, in process, right after and right before. @internal
 */
export interface TransactionEdges {
  /** One statement run right after BEGIN; its rows are handed to `fn`. */
  opening?: string;
  /** Called once `fn` resolved: one statement to run right before COMMIT, if any (its failure rolls back). */
  closing?: () => string | undefined;
}

/** The adapter's view of the client: plain statements, and transactions on a dedicated connection. @internal */
export interface SqlDriver {
  readonly kind: 'pg' | 'pglite';
  /** Runs one statement outside any transaction (autocommit). */
  readonly executor: SqlExecutor;
  /** Runs `fn` between BEGIN and COMMIT (ROLLBACK on rejection) on one connection, with the `edges` statements. */
  transaction<T>(fn: (executor: SqlExecutor, opened: readonly unknown[]) => Promise<T>, edges?: TransactionEdges): Promise<T>;
}

type QueryFn = (text: string, params?: unknown[]) => Promise<SqlResult<unknown>>;

function wrap(query: QueryFn, script: (text: string) => Promise<unknown>): SqlExecutor {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await query(text, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.affectedRows ?? 0 };
    },
    async script(text) {
      await script(text);
    },
  };
}

function isPglite(client: object): client is PGliteLike {
  const c = client as Partial<PGliteLike>;
  return typeof c.transaction === 'function' && typeof c.exec === 'function' && typeof c.query === 'function';
}

function isPgPool(client: object): client is PgPoolLike {
  const c = client as Partial<PgPoolLike>;
  return typeof c.connect === 'function' && typeof c.query === 'function' && typeof c.totalCount === 'number';
}

/** Detects the client kind and adapts it. @internal */
export function createDriver(client: PostgresClient): SqlDriver {
  if (typeof client !== 'object' || client === null) {
    throw new Pax8SyncConfigError('client', 'is required: pass a `pg` Pool (`new Pool({ connectionString })`) or a PGlite instance.');
  }
  if (isPglite(client)) {
    return {
      kind: 'pglite',
      executor: wrap(
        (text, params) => client.query(text, params),
        (text) => client.exec(text),
      ),
      transaction: (fn, edges = {}) =>
        client.transaction(async (tx) => {
          const opened = edges.opening === undefined ? [] : (await tx.query(edges.opening)).rows;
          const result = await fn(
            wrap(
              (text, params) => tx.query(text, params),
              (text) => tx.exec(text),
            ),
            opened,
          );
          const closing = edges.closing?.();
          if (closing !== undefined) await tx.query(closing);
          return result;
        }),
    };
  }
  if (isPgPool(client)) {
    return {
      kind: 'pg',
      executor: wrap(
        (text, params) => client.query(text, params),
        (text) => client.query(text),
      ),
      async transaction(fn, edges = {}) {
        const connection = await client.connect();
        const executor = wrap(
          (text, params) => connection.query(text, params),
          (text) => connection.query(text),
        );
        let broken: Error | undefined;
        try {
          // A simple query of two statements answers with one result each.
          const begun = (await connection.query(edges.opening === undefined ? 'BEGIN' : `BEGIN; ${edges.opening}`)) as SqlResult<unknown> | SqlResult<unknown>[];
          const result = await fn(executor, Array.isArray(begun) ? (begun[1]?.rows ?? []) : []);
          const closing = edges.closing?.();
          await connection.query(closing === undefined ? 'COMMIT' : `${closing}; COMMIT`);
          return result;
        } catch (error) {
          try {
            await executor.query('ROLLBACK');
          } catch (rollbackError) {
            // The connection is in an unknown state: destroy it rather than return it to the pool.
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
          throw error;
        } finally {
          connection.release(broken ?? false);
        }
      },
    };
  }
  throw new Pax8SyncConfigError(
    'client',
    'must be a `pg` Pool or a PGlite instance (a single `pg.Client` cannot run concurrent transactions; use `new Pool(...)`).',
  );
}
