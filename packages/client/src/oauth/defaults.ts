/**
 * Defaults of the delegated-authorization steps. Which come from Pax8's developer guide and which
 * are our assumptions (the guide does not state them; override them if Pax8 tells you otherwise):
 *
 * | value | default | source |
 * | --- | --- | --- |
 * | `authorizationEndpoint` | `https://login.pax8.com/authorize` | documented by Pax8 |
 * | `scope` | `Manage:Pax8Data` | documented by Pax8 |
 * | `audience` | `https://api.pax8.com` | documented by Pax8 (mandatory parameter) |
 * | `tokenEndpoint` | `https://login.pax8.com/oauth/token` | assumption (the usual path beside `/authorize`) |
 * | `offlineScope` | `offline_access` | assumption (the usual scope that asks for a refresh token) |
 * | `issuer` | `https://login.pax8.com/` | assumption (only checked when Pax8 sends an `iss` parameter) |
 */
export const PAX8_OAUTH_DEFAULTS = {
  /** Documented by Pax8: where the partner consents. */
  authorizationEndpoint: 'https://login.pax8.com/authorize',
  /** Documented by Pax8: the scope of partner data. */
  scope: 'Manage:Pax8Data',
  /** Documented by Pax8: the mandatory `audience` parameter. */
  audience: 'https://api.pax8.com',
  /** Assumption: the code exchange and refresh endpoint. */
  tokenEndpoint: 'https://login.pax8.com/oauth/token',
  /** Assumption: the scope that makes the token endpoint return a refresh token. */
  offlineScope: 'offline_access',
  /** Assumption: the issuer, checked only against an `iss` callback parameter. */
  issuer: 'https://login.pax8.com/',
} as const;
