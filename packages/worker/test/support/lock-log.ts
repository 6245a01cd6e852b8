import type { LockStore, Pax8SyncStorage } from '@pax8-sync/core';

/** One call on a lock: a lease taken, refused (another lease was live) or let go. */
export interface LockEvent {
  event: 'acquired' | 'refused' | 'released';
  name: string;
  holder: string;
}

/** The storage with its lock calls recorded in `log`, in the order they returned (one process: a true order). */
export function recordingLocks<S extends Pax8SyncStorage>(storage: S, log: LockEvent[]): S {
  const locks = storage.locks;
  const holders = new Map<number, string>();
  const recorded: LockStore = {
    async acquire(input) {
      const lease = await locks.acquire(input);
      if (lease) holders.set(lease.token, input.holder);
      log.push({ event: lease ? 'acquired' : 'refused', name: input.name, holder: input.holder });
      return lease;
    },
    renew: (input) => locks.renew(input),
    async release(input) {
      const released = await locks.release(input);
      if (released) log.push({ event: 'released', name: input.name, holder: holders.get(input.token) ?? `token ${input.token}` });
      return released;
    },
    get: (connectionId, name) => locks.get(connectionId, name),
  };
  return { ...storage, locks: recorded };
}
