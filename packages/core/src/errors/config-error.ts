import { Pax8SyncError } from './pax8-sync-error';

/** Bad input: names the field and how to fix it. */
export class Pax8SyncConfigError extends Pax8SyncError {
  /** The offending field, e.g. `settings.baseUrl`. */
  readonly field: string;

  /**
   * @param field - the offending field.
   * @param message - what is wrong and how to fix it.
   */
  constructor(field: string, message: string) {
    super('invalid-input', `${field}: ${message}`);
    this.name = 'Pax8SyncConfigError';
    this.field = field;
  }
}
