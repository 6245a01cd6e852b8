import type { StoredConnectionAuth } from './authorizations';
import type { Pax8Environment } from './entity';
import type { JsonObject } from './json';

/** Defaults applied to companies this connection creates in Pax8 (write-back, later capability). All `false` for a Sandbox connection. */
export interface CompanyDefaults {
  /** Whether the company may buy in the Pax8 marketplace itself. */
  selfServiceAllowed: boolean;
  /** Whether Pax8 bills the end customer on behalf of the partner. */
  billOnBehalfOfEnabled: boolean;
  /** Whether orders need the partner's approval. */
  orderApprovalRequired: boolean;
}

/**
 * A connection as storage holds it. Credentials are only present sealed (see `CredentialCodec`);
 * an adapter stores `sealedCredentials` as an opaque string and never tries to read it.
 */
export interface StoredConnection {
  /** Connection id (chosen by the engine's id generator). */
  id: string;
  /** Display name, unique per storage is not required. */
  name: string;
  /** Production or Sandbox. */
  environment: Pax8Environment;
  /** Pax8 API base URL, e.g. `https://api.pax8.com`. */
  baseUrl: string;
  /** ISO 3166 country code of the partner, e.g. `US`. */
  country: string;
  /** ISO 4217 currency code, e.g. `USD`. */
  currency: string;
  /** Defaults for companies created through this connection. */
  companyDefaults: CompanyDefaults;
  /**
   * Client id and secret, sealed by the engine's codec. Opaque to storage. For an
   * `authorization-code` connection they are the PSA application's, not the partner's.
   */
  sealedCredentials: string;
  /**
   * How the connection authenticates; absent means `client-credentials`. Only an adapter that
   * declares `capabilities.delegatedAuthorization` is given (and must return) this field.
   */
  auth?: StoredConnectionAuth;
  /**
   * The connection's write-back policy (which intents need approval, who wins a conflict), as the
   * engine wrote it (`setWritePolicy`). Opaque JSON to storage: stored and returned as given;
   * absent means the engine's default policy. Only adapters declaring `capabilities.writeBack` are given it.
   */
  writePolicy?: JsonObject;
  /** Creation time, epoch ms (engine clock). */
  createdAt: number;
  /** Last update time, epoch ms (engine clock). */
  updatedAt: number;
}

/** Connections: settings plus sealed credentials. */
export interface ConnectionStore {
  /** Inserts or replaces the connection with `connection.id`; `get` afterwards returns an equal value. */
  put(connection: StoredConnection): Promise<void>;
  /** Returns the connection with that id, or `undefined` (also after `purgeConnection`). */
  get(id: string): Promise<StoredConnection | undefined>;
  /** Returns every connection, ordered by id ascending. */
  list(): Promise<StoredConnection[]>;
}
