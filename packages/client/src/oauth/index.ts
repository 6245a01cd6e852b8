export { PAX8_OAUTH_DEFAULTS } from './defaults';
export type { Pax8OAuthClientOptions, Pax8OAuthRequestOptions, Pax8OAuthServerOptions } from './oauth-settings';
export { createPax8AuthorizationRequest, type Pax8AuthorizationRequest, type Pax8AuthorizationRequestOptions } from './create-authorization-request';
export { exchangePax8AuthorizationCode, type Pax8AuthorizationCallback, type Pax8CodeExchangeOptions } from './exchange-authorization-code';
export { refreshPax8AccessToken, type Pax8RefreshOptions } from './refresh-access-token';
export type { Pax8OAuthTokens } from './token-request';
