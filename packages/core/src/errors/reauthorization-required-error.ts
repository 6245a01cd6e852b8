import { Pax8SyncError } from './pax8-sync-error';

/**
 * A delegated connection cannot reach Pax8 until the partner connects again (code
 * `reauthorization-required`): its consent was withdrawn, its refresh token refused or expired,
 * or it never completed "Connect to Pax8". Syncs and writes throw it before calling Pax8.
 */
export class Pax8SyncReauthorizationRequiredError extends Pax8SyncError {
  /** The connection. */
  readonly connectionId: string;
  /** Why, in plain words (no secrets). */
  readonly reason: string;

  /**
   * @param connectionId - the connection.
   * @param reason - why, in plain words.
   */
  constructor(connectionId: string, reason: string) {
    super(
      'reauthorization-required',
      `Connection ${connectionId} needs the partner to re-authenticate (${reason}): send them through "Connect to Pax8" again (beginAuthorization, then completeAuthorization in the callback).`,
    );
    this.name = 'Pax8SyncReauthorizationRequiredError';
    this.connectionId = connectionId;
    this.reason = reason;
  }

  /** True for this error, even from a duplicate install of the package. */
  static override isInstance(error: unknown): error is Pax8SyncReauthorizationRequiredError {
    return Pax8SyncError.isInstance(error) && error.code === 'reauthorization-required';
  }
}
