import type { LockLease, LockStore } from '@pax8-sync/core';
import { num, type StoreContext, selectList } from './store-context';

interface LockRow {
  connection_id: string;
  name: string;
  holder: string;
  token: unknown;
  expires_at: unknown;
}

const toLease = (r: LockRow): LockLease => ({
  connectionId: r.connection_id,
  name: r.name,
  holder: r.holder,
  token: num(r.token),
  expiresAt: num(r.expires_at),
});


/**
 * Lease locks with fencing tokens from the `fencing_tokens` sequence. `acquire` is one
 * `INSERT … ON CONFLICT DO UPDATE … WHERE expired` statement: the row lock it takes makes
 * concurrent callers (any process, any machine) queue, and only one of them finds the lease free.
 * @internal
 */
export function createLockStore(ctx: StoreContext): LockStore {
  const { run, table } = ctx;
  const t = table('locks');
  const lockColumns = ['connection_id', 'name', 'holder', 'token', 'expires_at'];
  const select = selectList(ctx, lockColumns, ['connection_id', 'name', 'holder'], 'l.');
  const returning = `RETURNING ${selectList(ctx, lockColumns, ['connection_id', 'name', 'holder'])}`;
  const sequence = table('fencing_tokens');
  return {
    acquire: (input) =>
      run(async (sql) => {
        const { rows } = await sql.query<LockRow>(
          `INSERT INTO ${t} AS l (connection_id, name, holder, token, expires_at)
           VALUES ($1, $2, $3, nextval('${sequence}'), $4::bigint + $5::bigint)
           ON CONFLICT (connection_id, name) DO UPDATE SET holder = EXCLUDED.holder, token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
           WHERE l.expires_at <= $4::bigint
           ${returning}`,
          [input.connectionId, input.name, input.holder, input.now, input.ttlMs],
        );
        return rows[0] ? toLease(rows[0]) : null;
      }),
    renew: (input) =>
      run(async (sql) => {
        const { rows } = await sql.query<LockRow>(
          `UPDATE ${t} SET expires_at = $4::bigint + $5::bigint WHERE connection_id = $1 AND name = $2 AND token = $3::bigint ${returning}`,
          [input.connectionId, input.name, input.token, input.now, input.ttlMs],
        );
        return rows[0] ? toLease(rows[0]) : null;
      }),
    release: (input) =>
      run(async (sql) => {
        const { rowCount } = await sql.query(`DELETE FROM ${t} WHERE connection_id = $1 AND name = $2 AND token = $3::bigint`, [
          input.connectionId,
          input.name,
          input.token,
        ]);
        return rowCount > 0;
      }),
    get: (connectionId, name) =>
      run(async (sql) => {
        const { rows } = await sql.query<LockRow>(`SELECT ${select} FROM ${t} l WHERE l.connection_id = $1 AND l.name = $2`, [
          connectionId,
          name,
        ]);
        return rows[0] ? toLease(rows[0]) : undefined;
      }),
  };
}
