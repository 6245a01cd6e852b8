import type { AuthorizationGrantStatus, ClientAuthenticationMethod } from '../storage/authorizations';
import type { CompanyDefaults } from '../storage/connections';
import type { Pax8Environment } from '../storage/entity';
import type { normalizeBaseUrl } from './normalize-base-url';

/** Everything needed to create a connection. */
export interface ConnectionSettings {
  /** Display name, e.g. `Contoso MSP (Pax8)`. */
  name: string;
  /** `Production` or `Sandbox` (Sandbox reads Pax8 but never changes anything there). */
  environment: Pax8Environment;
  /**
   * Pax8 API base URL; default `https://api.pax8.com`. Given as Pax8's documents write it
   * (`https://api.pax8.com/v1`) it is normalised to the origin (see {@link normalizeBaseUrl}).
   * Must be https://, except http:// to this machine (a simulator), or to any host for a Sandbox connection.
   */
  baseUrl?: string;
  /** The partner's Pax8 API client id (client-credentials connections; for `authorization-code` use `auth.clientId`). */
  clientId?: string;
  /** The partner's Pax8 API client secret (stored sealed; never logged or returned). Client-credentials connections only. */
  clientSecret?: string;
  /**
   * How the connection authenticates: `client-credentials` (the default: the partner's own API
   * credentials above) or `authorization-code` (delegated: the partner consents at Pax8's login,
   * see `beginAuthorization`).
   */
  auth?: ConnectionAuthSettings;
  /** ISO 3166-1 alpha-2 country code of the partner, e.g. `US`. */
  country: string;
  /** ISO 4217 currency code, e.g. `USD`. */
  currency: string;
  /** Defaults for companies created through this connection; each defaults to `false`, and all are forced `false` for Sandbox. */
  companyDefaults?: Partial<CompanyDefaults>;
}

/** How a connection authenticates. */
export type ConnectionAuthSettings = { kind: 'client-credentials' } | AuthorizationCodeSettings;

/**
 * Delegated authorization ("Connect to Pax8"): one PSA application, many partners, each consenting
 * at Pax8's login. Defaults marked "documented" are Pax8's developer guide's; the others are assumptions.
 */
export interface AuthorizationCodeSettings {
  /** Delegated authorization by the OAuth 2 authorization-code grant with PKCE. */
  kind: 'authorization-code';
  /** The PSA application's OAuth client id (registered with Pax8). */
  clientId: string;
  /** The application's client secret (stored sealed). Leave out for a public client (PKCE only). */
  clientSecret?: string;
  /** How the secret is sent: `client_secret_post` (default with a secret), `client_secret_basic`, or `none` (default without). */
  clientAuthentication?: ClientAuthenticationMethod;
  /** Pax8's login page. Default `https://login.pax8.com/authorize` (documented). */
  authorizationEndpoint?: string;
  /** The mandatory `audience` parameter. Default `https://api.pax8.com` (documented). */
  audience?: string;
  /** Scopes asked for. Default `['Manage:Pax8Data']` (documented). */
  scopes?: string[];
  /** Code exchange and refresh endpoint. Default `https://login.pax8.com/oauth/token` (an assumption: the guide does not say). */
  tokenEndpoint?: string;
  /** Scope that asks for a refresh token; `false` for none. Default `offline_access` (an assumption). */
  offlineScope?: string | false;
  /** Issuer checked against a callback's `iss`. Default `https://login.pax8.com/`, or the origin of a moved `authorizationEndpoint` (an assumption). */
  issuer?: string;
}

/** What `updateConnection` takes: any settings to change; `auth` fields of a delegated connection one by one. */
export type ConnectionSettingsUpdate = Partial<Omit<ConnectionSettings, 'auth'>> & {
  /** Delegated settings to change (the kind itself cannot change: create a new connection). */
  auth?: Partial<AuthorizationCodeSettings> | { kind: 'client-credentials' };
};

/** How a connection authenticates, as the engine shows it (no secrets). */
export type ConnectionAuthView =
  | { kind: 'client-credentials' }
  | {
      kind: 'authorization-code';
      /** `not-connected` until the partner completes "Connect to Pax8"; `reauthorization-required` after a refused renewal. */
      status: 'not-connected' | AuthorizationGrantStatus;
      /** Why reauthorization is required, in plain words. */
      reason?: string;
      /** When the partner last completed the authorization, epoch ms. */
      authorizedAt?: number;
      /** Pax8's login page. */
      authorizationEndpoint: string;
      /** The token endpoint. */
      tokenEndpoint: string;
      /** The audience. */
      audience: string;
      /** Scopes asked for (without the offline scope). */
      scopes: string[];
      /** The offline scope, or `false`. */
      offlineScope: string | false;
    };

/** A connection as the engine shows it: settings without credentials. */
export interface ConnectionView {
  /** Connection id. */
  id: string;
  /** Display name. */
  name: string;
  /** Production or Sandbox. */
  environment: Pax8Environment;
  /** Pax8 API base URL. */
  baseUrl: string;
  /** Country code. */
  country: string;
  /** Currency code. */
  currency: string;
  /** Company defaults (all forced `false` for Sandbox). */
  companyDefaults: CompanyDefaults;
  /** How it authenticates, and for a delegated connection whether it is connected. */
  auth: ConnectionAuthView;
  /** Creation time, epoch ms. */
  createdAt: number;
  /** Last update, epoch ms. */
  updatedAt: number;
}

/** The sealed part of a connection: the partner's API credentials, or the application's. @internal */
export interface ConnectionCredentials {
  /** OAuth client id. */
  clientId: string;
  /** OAuth client secret (absent for a public delegated application). */
  clientSecret?: string;
}
