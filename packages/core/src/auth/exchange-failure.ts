import { Pax8OAuthError } from '@pax8-sync/client';
import { Pax8SyncAuthorizationError } from '../errors/authorization-error';

/** Turns a refused code exchange into the engine's typed error; other failures (network, 5xx) pass unchanged. @internal */
export function exchangeFailure(error: unknown, connectionId: string): unknown {
  if (!Pax8OAuthError.isInstance(error)) return error;
  const status = error.status === undefined ? '' : `, HTTP ${error.status}`;
  switch (error.reason) {
    case 'code-refused':
      return new Pax8SyncAuthorizationError('code-refused', `Pax8 refused the authorization code (expired, already used, or issued for another redirect URI${status}): nothing was connected. Start "Connect to Pax8" again.`, connectionId);
    case 'pkce-failed':
      return new Pax8SyncAuthorizationError('pkce-failed', `Pax8 refused the PKCE verifier of this sign-in${status}: nothing was connected. Start "Connect to Pax8" again.`, connectionId);
    case 'client-refused':
      return new Pax8SyncAuthorizationError('client-refused', `Pax8 refused the application's client id or secret (${error.code}${status}): check the connection's auth.clientId and auth.clientSecret against your Pax8 application.`, connectionId);
    case 'consent-denied':
      return new Pax8SyncAuthorizationError('consent-denied', 'The partner declined at the Pax8 login page: nothing was connected.', connectionId);
    case 'invalid-response':
      return new Pax8SyncAuthorizationError('invalid-response', `Pax8's answer to the code exchange was not usable (${error.code}${status}): nothing was connected. Try again later.`, connectionId);
    case 'state-mismatch':
    case 'authorization-error':
      return new Pax8SyncAuthorizationError('authorization-error', `Pax8's callback was not usable (${error.code}): nothing was connected. Start "Connect to Pax8" again.`, connectionId);
    default:
      return new Pax8SyncAuthorizationError('token-error', `Pax8's token endpoint refused the code exchange (${error.code}${status}): nothing was connected. Start "Connect to Pax8" again.`, connectionId);
  }
}
