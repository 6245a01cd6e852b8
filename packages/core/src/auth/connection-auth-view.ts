import type { ConnectionAuthView } from '../connections/connection-settings';
import type { StoredAuthorizationGrant } from '../storage/authorizations';
import type { StoredConnection } from '../storage/connections';

/** How a connection authenticates, for its view: settings in clear, and the grant's status. @internal */
export function connectionAuthView(connection: StoredConnection, grant: StoredAuthorizationGrant | undefined): ConnectionAuthView {
  const auth = connection.auth;
  if (auth?.kind !== 'authorization-code') return { kind: 'client-credentials' };
  const view: ConnectionAuthView = {
    kind: 'authorization-code',
    status: grant?.status ?? 'not-connected',
    authorizationEndpoint: auth.authorizationEndpoint,
    tokenEndpoint: auth.tokenEndpoint,
    audience: auth.audience,
    scopes: [...auth.scopes],
    offlineScope: auth.offlineScope,
  };
  if (grant) view.authorizedAt = grant.authorizedAt;
  if (grant?.reason) view.reason = grant.reason;
  return view;
}
