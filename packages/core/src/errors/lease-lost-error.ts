import { Pax8SyncError } from './pax8-sync-error';

/** A write carried a fencing token that is no longer current: another holder took the lock over. */
export class Pax8SyncLeaseLostError extends Pax8SyncError {
  /**
   * @param lock - the lock name.
   * @param token - the stale token.
   */
  constructor(lock: string, token: number) {
    super('lease-lost', `The lease on ${lock} (fencing token ${token}) was taken over or released; the write was refused.`);
    this.name = 'Pax8SyncLeaseLostError';
  }
}
