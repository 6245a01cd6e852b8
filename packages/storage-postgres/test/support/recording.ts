import type { PostgresClient } from '@pax8-sync/storage-postgres';
import type { TestDatabase } from './databases';

/** A statement the adapter sent: its text and parameters. */
export interface LoggedStatement {
  text: string;
  params: unknown[];
}

/** The client of `db`, recording every statement the adapter sends (text and parameters). */
export function recording(db: TestDatabase, log: LoggedStatement[]): PostgresClient {
  const inner = db.client() as unknown as Record<string, (...args: unknown[]) => unknown> & { totalCount?: number };
  const query = (text: unknown, params?: unknown) => {
    log.push({ text: String(text), params: (params as unknown[] | undefined) ?? [] });
    return inner.query!.call(inner, text, params);
  };
  if (db.name === 'pglite') return { query, exec: (t: string) => inner.exec!.call(inner, t), transaction: (fn: unknown) => inner.transaction!.call(inner, fn) } as unknown as PostgresClient;
  return { query, connect: () => inner.connect!.call(inner), get totalCount() { return inner.totalCount ?? 0; } } as unknown as PostgresClient;
}

/** The plan (`EXPLAIN`) of a logged statement, its lines joined. */
export async function planOf(db: TestDatabase, statement: LoggedStatement): Promise<string> {
  return (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.params)).map((r) => r['QUERY PLAN']).join('\n');
}
