import { Pax8SyncError } from './pax8-sync-error';

/**
 * Why `completeAuthorization` failed, as a stable code:
 * - `state-unknown`: the callback's state was never started here (forged, or from another installation);
 * - `state-replayed`: the callback was used before (a reload, the back button);
 * - `state-expired`: the person took longer than the state lives (10 minutes by default);
 * - `consent-denied`: the partner declined at Pax8's login page (`error=access_denied`);
 * - `authorization-error`: Pax8 sent another error back to the redirect URI;
 * - `code-refused`: Pax8 refused the code (expired, used, issued for another redirect URI);
 * - `pkce-failed`: Pax8 refused the PKCE verifier;
 * - `client-refused`: Pax8 refused the application's client id or secret (a configuration problem);
 * - `token-error`: another refusal by the token endpoint;
 * - `invalid-response`: the callback or the token answer was not usable.
 */
export type AuthorizationFailureReason =
  | 'state-unknown'
  | 'state-replayed'
  | 'state-expired'
  | 'consent-denied'
  | 'authorization-error'
  | 'code-refused'
  | 'pkce-failed'
  | 'client-refused'
  | 'token-error'
  | 'invalid-response';

/**
 * A delegated authorization could not be completed (code `authorization-failed`). The message is
 * plain words for the person at the screen and what to do; it never holds a code, state or token.
 * Nothing stored about the connection changed.
 */
export class Pax8SyncAuthorizationError extends Pax8SyncError {
  /** Why, as a stable code. */
  readonly reason: AuthorizationFailureReason;
  /** The connection, when the state named one. */
  readonly connectionId: string | undefined;

  /**
   * @param reason - why, as a stable code.
   * @param message - plain words and what to do (no secrets).
   * @param connectionId - the connection, when known.
   */
  constructor(reason: AuthorizationFailureReason, message: string, connectionId?: string) {
    super('authorization-failed', message);
    this.name = 'Pax8SyncAuthorizationError';
    this.reason = reason;
    this.connectionId = connectionId;
  }

  /** True for this error, even from a duplicate install of the package. */
  static override isInstance(error: unknown): error is Pax8SyncAuthorizationError {
    return Pax8SyncError.isInstance(error) && error.code === 'authorization-failed';
  }
}
