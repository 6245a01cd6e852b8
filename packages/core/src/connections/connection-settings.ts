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
  /** Pax8 OAuth client id. */
  clientId: string;
  /** Pax8 OAuth client secret (stored sealed; never logged or returned). */
  clientSecret: string;
  /** ISO 3166-1 alpha-2 country code of the partner, e.g. `US`. */
  country: string;
  /** ISO 4217 currency code, e.g. `USD`. */
  currency: string;
  /** Defaults for companies created through this connection; each defaults to `false`, and all are forced `false` for Sandbox. */
  companyDefaults?: Partial<CompanyDefaults>;
}

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
  /** Creation time, epoch ms. */
  createdAt: number;
  /** Last update, epoch ms. */
  updatedAt: number;
}

/** The sealed part of a connection. @internal */
export interface ConnectionCredentials {
  /** OAuth client id. */
  clientId: string;
  /** OAuth client secret. */
  clientSecret: string;
}
