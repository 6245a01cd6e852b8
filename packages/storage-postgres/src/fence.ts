import { Pax8SyncLeaseLostError, type TransactionOptions } from '@pax8-sync/core';

/** The fence of a transaction (see `TransactionOptions.fence`). @internal */
export type Fence = NonNullable<TransactionOptions['fence']>;

/**
 * The statement that checks a fence and holds it until commit, with its parameters numbered from
 * `first`: `SELECT … FOR UPDATE` of the lock row with the caller's token, or, with `renew`, the
 * `UPDATE` that extends the lease (it locks the row as well). Either returns the token when it is
 * current and no row otherwise; a takeover (which updates that row) waits for the commit. @internal
 */
export function fenceStatement(locks: string, fence: Fence, first = 1): { sql: string; params: unknown[] } {
  const [c, n, t] = [first, first + 1, first + 2];
  if (fence.renew) {
    return {
      sql: `UPDATE ${locks} SET expires_at = $${first + 3}::bigint + $${first + 4}::bigint WHERE connection_id = $${c} AND name = $${n} AND token = $${t}::bigint RETURNING token`,
      params: [fence.connectionId, fence.name, fence.token, fence.renew.now, fence.renew.ttlMs],
    };
  }
  return { sql: `SELECT token FROM ${locks} WHERE connection_id = $${c} AND name = $${n} AND token = $${t}::bigint FOR UPDATE`, params: [fence.connectionId, fence.name, fence.token] };
}

/** The lease-lost error of a fence that found no current token. @internal */
export const leaseLost = (fence: Fence): Pax8SyncLeaseLostError => new Pax8SyncLeaseLostError(fence.name, fence.token);
