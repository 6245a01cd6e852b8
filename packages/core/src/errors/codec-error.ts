import { Pax8SyncError } from './pax8-sync-error';

/** A value could not be sealed or opened (wrong key, tampered value, unknown key id). Never carries key material. */
export class Pax8SyncCodecError extends Pax8SyncError {
  /** @param message - what failed (no key material, no plaintext). */
  constructor(message: string, options?: { cause?: unknown }) {
    super('codec', message, options);
    this.name = 'Pax8SyncCodecError';
  }
}
