import type { CredentialCodec, EngineClientOptions, Pax8SyncStorage, SuggestMappingsOptions, SyncEngine } from '@pax8-sync/core';
import type { SyncJobs } from './sdk/sync-jobs';

/** A company as the PSA knows it: its own id and name (what Quick Match matches Pax8 companies to). */
export type PsaCompany = SuggestMappingsOptions['psaCompanies'][number];

/** Where the console reads the PSA's companies from: in your product, your own customer table. */
export interface PsaDirectory {
  /** Every PSA company a Pax8 company may be mapped to (Quick Match compares them all). */
  listCompanies(): Promise<readonly PsaCompany[]>;
  /**
   * At most `limit` PSA companies whose name contains every word of `query`, best first: the
   * manual mapping picker's search. In your product, a query on your customer table; default
   * `searchPsaCompanies` (src/sdk/psa-search.ts) over `listCompanies()`.
   */
  searchCompanies?(query: string, limit: number): Promise<readonly PsaCompany[]>;
}

/** A hint the demo shows on the Connect screen: where its simulated Pax8 is and which credentials it accepts. */
export interface DemoPax8Hint {
  /** Base URL of the simulator, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** The simulator's public demo client id. */
  clientId: string;
  /** The simulator's public demo client secret (a demo value, not a real secret). */
  clientSecret: string;
}

/**
 * The PSA's one Pax8 application, for "Connect to Pax8" (delegated authorization): each partner
 * consents at Pax8's login and the connection keeps its refresh token, sealed.
 */
export interface DelegatedApplication {
  /** The application's client id, from its registration with Pax8. */
  clientId: string;
  /** The application's client secret (leave out for a public client). */
  clientSecret?: string;
  /** Pax8's login; default `https://login.pax8.com/authorize` (the demo: the simulator's). */
  authorizationEndpoint?: string;
  /** Pax8's token endpoint; default the SDK's (the demo: the simulator's). */
  tokenEndpoint?: string;
  /** Pax8 API base URL of the connections; default `https://api.pax8.com`. */
  baseUrl?: string;
}

/** What the console's routes need; {@link createAdminConsole} takes it once. */
export interface ConsoleDeps {
  /** The engine, bound to `storage`. */
  engine: SyncEngine;
  /** The storage the engine writes (the console reads runs, counts and mappings from it). */
  storage: Pax8SyncStorage;
  /** The PSA's companies, for Quick Match and the manual mapping dropdown. */
  psaDirectory: PsaDirectory;
  /**
   * The codec the engine seals credentials with. Verify Connectivity checks the typed settings on a
   * scratch in-memory storage with it (so a stored secret can be opened there), and stores nothing.
   */
  codec: CredentialCodec;
  /** The engine's Pax8 client options (retry, timeouts), for that scratch check; default the engine's defaults. */
  clientOptions?: EngineClientOptions;
  /** Rows per page of the Map screen; default 50. */
  mapPageSize?: number;
  /** Syncs running in the background, with their progress. */
  jobs: SyncJobs;
  /** Current time, epoch ms (the schedule's "next run"); default `Date.now`. */
  now?: () => number;
  /** Demo only: the simulator's address and credentials, offered on the Connect screen. */
  demo?: DemoPax8Hint;
  /** The application "Connect to Pax8" uses; without it only the client-credentials form is offered. */
  delegated?: DelegatedApplication;
}

/** {@link ConsoleDeps} with its defaults applied. */
export type ResolvedConsoleDeps = Required<Omit<ConsoleDeps, 'demo' | 'clientOptions' | 'delegated'>> & Pick<ConsoleDeps, 'demo' | 'clientOptions' | 'delegated'>;
