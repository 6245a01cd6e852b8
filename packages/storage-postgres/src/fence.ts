import { Pax8SyncLeaseLostError, type TransactionOptions } from '@pax8-sync/core';
import { integerLiteral, textLiteral } from './literal';

/** The fence of a transaction (see `TransactionOptions.fence`). @internal */
export type Fence = NonNullable<TransactionOptions['fence']>;

/** The values of a fence as SQL expressions: parameters (`$n`) or literals. */
interface FenceValues {
  connection: string;
  name: string;
  token: string;
  now: string;
  ttl: string;
}

/**
 * The statement that checks a fence and holds it until commit: `SELECT … FOR UPDATE` of the lock
 * row with the caller's token, or, with `renew`, the `UPDATE` that extends the lease (it locks the
 * row as well). Either returns the token when it is current and no row otherwise; a takeover (which
 * updates that row) waits for the commit.
 */
function fenceSql(locks: string, fence: Fence, v: FenceValues): string {
  const where = `connection_id = ${v.connection} AND name = ${v.name} AND token = ${v.token}`;
  if (fence.renew) return `UPDATE ${locks} SET expires_at = ${v.now} + ${v.ttl} WHERE ${where} RETURNING token`;
  return `SELECT token FROM ${locks} WHERE ${where} FOR UPDATE`;
}

/** The fence statement with its parameters numbered from `first`. @internal */
export function fenceStatement(locks: string, fence: Fence, first = 1): { sql: string; params: unknown[] } {
  const p = (i: number, cast = '') => `$${first + i}${cast}`;
  const sql = fenceSql(locks, fence, { connection: p(0), name: p(1), token: p(2, '::bigint'), now: p(3, '::bigint'), ttl: p(4, '::bigint') });
  const params: unknown[] = [fence.connectionId, fence.name, fence.token];
  if (fence.renew) params.push(fence.renew.now, fence.renew.ttlMs);
  return { sql, params };
}

/** The fence statement with its values written in (see `literal.ts`), to go with BEGIN in one round trip. @internal */
export function fenceLiteral(locks: string, fence: Fence): string {
  const renew = fence.renew ?? { now: 0, ttlMs: 0 };
  return fenceSql(locks, fence, { connection: textLiteral(fence.connectionId), name: textLiteral(fence.name), token: integerLiteral(fence.token), now: integerLiteral(renew.now), ttl: integerLiteral(renew.ttlMs) });
}

/** The lease-lost error of a fence that found no current token. @internal */
export const leaseLost = (fence: Fence): Pax8SyncLeaseLostError => new Pax8SyncLeaseLostError(fence.name, fence.token);
