import type { Pax8OAuthClientOptions } from '@pax8-sync/client';
import type { ConnectionCredentials } from '../connections/connection-settings';
import type { StoredAuthorizationCodeAuth } from '../storage/authorizations';

/** The client's OAuth step options of a delegated connection (application and endpoints). @internal */
export function oauthStepOptions(auth: StoredAuthorizationCodeAuth, credentials: ConnectionCredentials): Pax8OAuthClientOptions {
  return {
    clientId: credentials.clientId,
    ...(credentials.clientSecret === undefined || auth.clientAuthentication === 'none' ? {} : { clientSecret: credentials.clientSecret }),
    clientAuthentication: auth.clientAuthentication,
    authorizationEndpoint: auth.authorizationEndpoint,
    tokenEndpoint: auth.tokenEndpoint,
    ...(auth.issuer === undefined ? {} : { issuer: auth.issuer }),
  };
}
