/** A held lease on a named lock of a connection. */
export interface LockLease {
  /** The connection. */
  connectionId: string;
  /** Lock name, e.g. `sync:subscriptions`. */
  name: string;
  /** Who holds it (engine-generated, unique per holder). */
  holder: string;
  /**
   * Fencing token: strictly greater than every token previously issued for this (connection, name),
   * across releases and expiries. Writes check it (see {@link TransactionOptions.fence}).
   */
  token: number;
  /** Lease expiry, epoch ms. */
  expiresAt: number;
}

/** Input of {@link LockStore.acquire}. */
export interface AcquireLockInput {
  /** The connection. */
  connectionId: string;
  /** Lock name. */
  name: string;
  /** The would-be holder. */
  holder: string;
  /** Lease length, ms. */
  ttlMs: number;
  /** Current time, epoch ms (the caller's injected clock; storage never reads its own clock). */
  now: number;
}

/** Lease locks with fencing tokens. */
export interface LockStore {
  /**
   * Takes the lock if it is free, released, or its lease expired (`expiresAt <= now`), and returns
   * the new lease with a fresh fencing token; returns `null` if another lease is live. Atomic: of
   * concurrent callers at most one gets a lease.
   */
  acquire(input: AcquireLockInput): Promise<LockLease | null>;
  /**
   * Extends the lease to `now + ttlMs` if `token` is still the current token, returning the new
   * lease (same token); `null` if the lock was taken over or released.
   */
  renew(input: { connectionId: string; name: string; token: number; ttlMs: number; now: number }): Promise<LockLease | null>;
  /** Releases the lock if `token` is still current; returns whether it did. Token numbering continues. */
  release(input: { connectionId: string; name: string; token: number }): Promise<boolean>;
  /** The current lease (possibly expired), or `undefined` if never taken or released. */
  get(connectionId: string, name: string): Promise<LockLease | undefined>;
}

/** Options of {@link Pax8SyncStorage.transaction}. */
export interface TransactionOptions {
  /**
   * Checked before `fn` runs and held until commit: if `token` is no longer the current token of
   * the lock (it was taken over or released), nothing is written and the transaction rejects with
   * a `Pax8SyncLeaseLostError`. A later takeover cannot slip in before this transaction commits.
   */
  fence?: {
    /** The connection of the lock. */
    connectionId: string;
    /** The lock name. */
    name: string;
    /** The fencing token the caller holds. */
    token: number;
    /**
     * Also extend the lease to `now + ttlMs` in this transaction, as `LockStore.renew` would (only
     * while `token` is current; committed with the transaction, undone if it rolls back). Honoured
     * by adapters that declare `capabilities.renewInTransaction`; others must ignore it.
     */
    renew?: { ttlMs: number; now: number };
  };
  /**
   * The transaction writes nothing but a run's checkpoint (a page where nothing changed: its seen
   * ids and counts) and the fence's lease renewal. Losing it in a crash costs only a re-read of that
   * page by the run that resumes, so an adapter may commit it without waiting for the disk
   * (Postgres: `synchronous_commit` off for this transaction; the next durable commit makes it
   * durable too). Adapters may ignore it.
   */
  checkpointOnly?: boolean;
}
