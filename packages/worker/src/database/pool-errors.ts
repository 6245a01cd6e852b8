import type { SyncLogger } from '@pax8-sync/core';
import type { Pool, PoolClient } from 'pg';

/** Counted use of a pool's error listeners: on while anyone holds them. @internal */
export interface PoolErrorGuard {
  /** Turns the listeners on (if not yet) and returns the function that gives this use back. */
  hold(): () => void;
}

/**
 * Guards the user's pool while the worker uses it: a connection the server drops (a restart, a
 * failover, `pg_terminate_backend`, a killed proxy) makes `pg` emit 'error' on the pool (idle
 * client) or on the client (checked out). Without a listener that event is unhandled and ends the
 * process; here it is a warning through the logger, and `pg` replaces the connection. Listening on
 * 'connect' and 'acquire' also covers clients the pool opened before the worker started, and keeps
 * graphile-worker from installing its own handlers (and printing to the console). Clients keep
 * their listener for life: it only logs. @internal
 */
export function poolErrorGuard(pool: Pool, logger: Required<SyncLogger>): PoolErrorGuard {
  const guarded = new WeakSet<PoolClient>();
  const warn = (where: 'idle' | 'active') => (error: Error) =>
    logger.warn({ error: error.message, connection: where }, `pax8-sync worker: a Postgres connection failed (${where}); the pool replaces it`);
  const onIdleError = warn('idle');
  const onActiveError = warn('active');
  const guard = (client: PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', onActiveError);
  };
  let holders = 0;
  return {
    hold() {
      holders += 1;
      if (holders === 1) {
        pool.on('error', onIdleError);
        pool.on('connect', guard);
        pool.on('acquire', guard);
      }
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        holders -= 1;
        if (holders > 0) return;
        pool.off('error', onIdleError);
        pool.off('connect', guard);
        pool.off('acquire', guard);
      };
    },
  };
}
