import { Pax8SyncError } from './pax8-sync-error';

/** The thing asked for (e.g. a connection) does not exist in storage. */
export class Pax8SyncNotFoundError extends Pax8SyncError {
  /**
   * @param what - e.g. `connection`.
   * @param id - its id.
   */
  constructor(what: string, id: string) {
    super('not-found', `No ${what} with id "${id}" in storage.`);
    this.name = 'Pax8SyncNotFoundError';
  }
}
