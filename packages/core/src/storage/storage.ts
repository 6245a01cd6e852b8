import type { AuthorizationStore } from './authorizations';
import type { BillingStores } from './billing';
import type { ChangeStore } from './changes';
import type { ConnectionStore } from './connections';
import type { LockStore, TransactionOptions } from './locks';
import type { MappingStore } from './mappings';
import type { OutboxStore } from './outbox';
import type { QuarantineStore } from './quarantine';
import type { CompanyRecord, ProductRecord, RecordStore, SubscriptionRecord } from './records';
import type { RunStore } from './runs';
import type { TokenStore } from './tokens';
import type { WebhookStore } from './webhooks';

/**
 * Optional capabilities an adapter declares (never guessed by the engine).
 * Everything not listed here is mandatory in v1.
 */
export interface Pax8SyncStorageCapabilities {
  /**
   * Transactions really run in parallel (e.g. Postgres). When `false` the adapter serialises them,
   * which is correct but slower with many workers.
   */
  concurrentTransactions: boolean;
  /** Data survives a process restart (false for the memory adapter). */
  durable: boolean;
  /**
   * The adapter honours `TransactionOptions.fence.renew`: the fence check and the lease renewal are
   * one step of the transaction. The engine then renews the lease inside each page transaction
   * (one round trip less per page); when absent or `false` it calls `locks.renew` before each page.
   */
  renewInTransaction?: boolean;
  /**
   * Delegated authorization ("Connect to Pax8"): the adapter stores `StoredConnection.auth`, has the
   * `authorizations` store (also inside transactions) and purges its rows with the connection. When
   * absent or `false` the engine refuses `authorization-code` connections; client-credentials ones work as before.
   */
  delegatedAuthorization?: boolean;
  /**
   * Write-back: the adapter has the `outbox` store (also inside transactions), stores change events
   * of kind `write_transition`, and purges intents with the connection. When absent or `false` the
   * engine refuses every write-back call with a `Pax8SyncConfigError`.
   */
  writeBack?: boolean;
  /**
   * Webhooks: the adapter has the `webhooks` store (also inside transactions) and purges the
   * connection's webhook and delivery keys with it. When absent or `false` the engine refuses
   * `ensureWebhook` and the receiver answers 503.
   */
  webhooks?: boolean;
  /**
   * Billing: the adapter has the `billing` stores (invoices, invoice items, usage summaries; also
   * inside transactions), honours `scopes`, `periods` and `companyIds` on them, and purges their
   * rows with the connection. When absent or `false` the engine refuses `syncInvoices` and
   * `reconcile` with a `Pax8SyncConfigError`.
   */
  billing?: boolean;
  /**
   * Page marks: the adapter keeps `RunCheckpointInput.mark` with the page's slot, returns them from
   * `RunStore.pageMarks`, and has `RecordStore.getHashes` on the companies, products and subscriptions
   * stores (also inside transactions). A re-sync then skips the diff of every page whose listing and
   * stored rows match the mark of a page of an earlier pull, reading only the rows' hashes. When
   * absent or `false` every page is diffed as before.
   */
  pageMarks?: boolean;
}

/** The stores of the contract, as seen inside and outside a transaction. */
export interface Pax8SyncStores {
  /** Connections (settings and sealed credentials). */
  readonly connections: ConnectionStore;
  /** Sealed access tokens. */
  readonly tokens: TokenStore;
  /** Pax8 companies. */
  readonly companies: RecordStore<CompanyRecord>;
  /** Pax8 products. */
  readonly products: RecordStore<ProductRecord>;
  /** Pax8 subscriptions. */
  readonly subscriptions: RecordStore<SubscriptionRecord>;
  /** Pax8 ↔ PSA company mappings. */
  readonly mappings: MappingStore;
  /** Runs and their checkpoints. */
  readonly runs: RunStore;
  /** The change feed. */
  readonly changes: ChangeStore;
  /** Quarantined records. */
  readonly quarantine: QuarantineStore;
  /** Lease locks. */
  readonly locks: LockStore;
  /** Started authorizations and partner grants; present when `capabilities.delegatedAuthorization` is declared. */
  readonly authorizations?: AuthorizationStore;
  /** The write-back outbox; present when `capabilities.writeBack` is declared. */
  readonly outbox?: OutboxStore;
  /** Webhook registrations and delivery keys; present when `capabilities.webhooks` is declared. */
  readonly webhooks?: WebhookStore;
  /** Invoices, invoice and draft items, usage summaries; present when `capabilities.billing` is declared. */
  readonly billing?: BillingStores;
}

/**
 * The pax8-sync storage contract, version 1. Implement it on your own database and prove it with
 * `@pax8-sync/testing/conformance`. All times are epoch ms passed in by the caller; an adapter
 * never reads a clock or generates ids of its own (except change-feed cursors and fencing tokens).
 */
export interface Pax8SyncStorage extends Pax8SyncStores {
  /** The contract version this adapter implements. */
  readonly specificationVersion: 'v1';
  /** Optional capabilities. */
  readonly capabilities: Pax8SyncStorageCapabilities;
  /**
   * Runs `fn` with stores bound to one transaction: if `fn` resolves, every write commits at once;
   * if it rejects, none of its writes remain and the rejection is passed on. Other callers never see
   * a transaction's writes before it commits. Writes after `fn` settled are not allowed.
   * Inside `fn`, use only the `tx` stores: a call on the storage itself from within `fn` rejects
   * with a `Pax8SyncError` whose `code` is `nested-transaction` (it would otherwise wait for the
   * transaction forever or run outside it); `fn` may catch that and go on.
   * See `TransactionOptions.fence` for the fencing check.
   */
  transaction<T>(fn: (tx: Pax8SyncStores) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * "Remove integration": deletes every row of the connection — the connection, its token,
   * companies, products, subscriptions, mappings, runs and seen sets, change events, quarantine and
   * locks, and (with delegated authorization) its started authorizations and its grant, (with write-back) its intents, (with webhooks) its webhook and delivery keys, (with billing) its invoices, items and usage summaries. Rows of other connections are untouched. A no-op for an unknown id.
   */
  purgeConnection(connectionId: string): Promise<void>;
}
