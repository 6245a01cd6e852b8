import type { Pax8TokenProvider } from '@pax8-sync/client';
import type { StoredConnection } from '../storage/connections';
import type { SyncLogger } from './logger';

/** One page as the engine reads it from the Pax8 client (`Pax8Page` satisfies it). */
export interface Pax8PageLike {
  /** Records that passed validation. */
  content: readonly unknown[];
  /** Paging metadata. */
  page: { size: number; totalElements: number; totalPages: number; number: number };
  /** Records that failed validation (lenient mode). */
  rejected?: readonly { index: number; record: unknown; reason: string; issues: readonly { path: string; message: string }[] }[];
}

/** Paging parameters the engine sends. */
export interface Pax8ListParams {
  /** Page number from 0. */
  page: number;
  /** Page size (≤ 200). */
  size: number;
  /** Subscriptions only: one company. */
  companyId?: string;
  /** Invoice listing: invoice date from, `YYYY-MM-DD`. */
  invoiceDateRangeStart?: string;
  /** Invoice listing: invoice date to, `YYYY-MM-DD`. */
  invoiceDateRangeEnd?: string;
  /** Invoice items: the invoice. */
  invoiceId?: string;
  /** Draft items: `0` for the current month. */
  monthOffset?: number;
  /** Usage summaries: the subscription. */
  subscriptionId?: string;
}

/** A paged listing the engine reads (one method of a client resource). */
export interface Pax8ListingLike<P> {
  /** One page. */
  list(params: P & { page: number; size: number }): Promise<Pax8PageLike>;
}

/** The billing reads of `syncInvoices` (`Pax8Client` satisfies it). */
export interface Pax8BillingReads {
  /** Invoices, their items and the draft items. */
  invoices: Pax8ReadResource & {
    /** Items of one invoice. */
    items: Pax8ListingLike<{ invoiceId: string }>;
    /** Draft items of the month so far. */
    draftItems: Pax8ListingLike<{ monthOffset?: number }>;
  };
  /** Usage summaries of a usage-billed subscription. */
  usage: {
    /** Summaries of one subscription; `get` by summary id. */
    summaries: Pax8ListingLike<{ subscriptionId: string }> & { get(id: string): Promise<unknown> };
  };
}

/** One entity's reads: a listing page, and one record by id (rejects with a 404 `Pax8ApiError` when Pax8 has no such record). */
export interface Pax8ReadResource {
  /** One page of the listing. */
  list(params: Pax8ListParams): Promise<Pax8PageLike>;
  /** One record (the engine asks before it marks a record removed). */
  get(id: string): Promise<unknown>;
}

/** The part of the Pax8 client the engine uses: reads only (`Pax8Client` satisfies it). */
export interface Pax8SyncClient {
  /** Companies. */
  companies: Pax8ReadResource;
  /** Products. */
  products: Pax8ReadResource;
  /** Subscriptions. */
  subscriptions: Pax8ReadResource;
  /** Invoices and draft items (needed by `syncInvoices` only; `Pax8Client` has them). */
  invoices?: Pax8BillingReads['invoices'];
  /** Usage summaries (needed by `syncInvoices` only; `Pax8Client` has them). */
  usage?: Pax8BillingReads['usage'];
  /** The client's connectivity check (never throws). */
  verifyConnectivity(): Promise<{ ok: boolean; latencyMs: number; reason?: string; failure?: string }>;
}

/** A token as the Pax8 client keeps it. */
export interface SyncClientToken {
  /** The bearer token (secret). */
  accessToken: string;
  /** Expiry, epoch ms. */
  expiresAt: number;
}

/** What the engine hands a client factory for one connection. */
export interface ClientFactoryInput {
  /** The connection (credentials sealed; use `clientId`/`clientSecret` below). */
  connection: StoredConnection;
  /** `client-credentials`: use `clientId`/`clientSecret` and `tokenStore`; `authorization-code`: use `tokenProvider`. */
  authKind: 'client-credentials' | 'authorization-code';
  /**
   * Opened client id: the partner's API client id, or for `authorization-code` the PSA
   * application's (shared by every partner of the application: do not key per-partner limits on it).
   */
  clientId: string;
  /** Opened client secret (client-credentials; empty for `authorization-code`). Pass it to the client only; never log it. */
  clientSecret: string;
  /**
   * For `authorization-code`: the connection's delegated tokens, renewed under a lease in storage.
   * Give it to the client as `tokenProvider` instead of `clientId`/`clientSecret`/`tokenStore`.
   */
  tokenProvider?: Pax8TokenProvider;
  /** Token store backed by storage (tokens sealed at rest), so a restart reuses the token (client-credentials). */
  tokenStore: { get(): Promise<SyncClientToken | undefined>; set(token: SyncClientToken): Promise<void> };
  /** The engine's clock, for token expiry. */
  now: () => number;
  /** The engine's logger. */
  logger: SyncLogger;
  /**
   * A `fetch` that refuses anything but reads (and the token request) for a Sandbox connection:
   * Pax8 has no sandbox, so a Sandbox connection must never change anything there.
   */
  fetch: typeof fetch;
}

/** Builds a Pax8 client for a connection. */
export type ClientFactory = (input: ClientFactoryInput) => Pax8SyncClient;
