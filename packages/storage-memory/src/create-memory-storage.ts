import { AsyncLocalStorage } from 'node:async_hooks';
import { type AuthorizationStore, type BillingStores, type OutboxStore, Pax8SyncError, Pax8SyncLeaseLostError, type Pax8SyncStorage, type Pax8SyncStores, type WebhookStore } from '@pax8-sync/core';
import { copy, innerMap, type Journal, newJournal, setIn, type WriteContext } from './journal';
import { emptyState, type MemoryState } from './memory-state';
import { Mutex } from './mutex';
import { createAuthorizationStore } from './stores/authorization-store';
import { createChangeStore } from './stores/change-store';
import { createConnectionStore } from './stores/connection-store';
import { createLockStore } from './stores/lock-store';
import { createMappingStore } from './stores/mapping-store';
import { createOutboxStore } from './stores/outbox-store';
import { createQuarantineStore } from './stores/quarantine-store';
import { readHashes } from './stores/record-hashes';
import { createRecordStore } from './stores/record-store';
import { createRunStore } from './stores/run-store';
import type { Runner } from './stores/runner';
import { createTokenStore } from './stores/token-store';
import { createWebhookStore } from './stores/webhook-store';

/** Options of {@link createMemoryStorage}. None yet; the object is kept for forward compatibility. */
export type MemoryStorageOptions = Record<string, never>;

/** The in-memory adapter: the full v1 contract plus a raw view for tests. */
export interface MemoryStorage extends Pax8SyncStorage {
  /** Started authorizations and grants (the adapter declares `delegatedAuthorization`). */
  readonly authorizations: AuthorizationStore;
  /** The write-back outbox (the adapter declares `writeBack`). */
  readonly outbox: OutboxStore;
  /** Webhook registrations and delivery keys (the adapter declares `webhooks`). */
  readonly webhooks: WebhookStore;
  /** Invoices, invoice and draft items, usage summaries (the adapter declares `billing`). */
  readonly billing: BillingStores;
  /**
   * Every row the adapter holds for the connection, exactly as stored (deep copies), tagged with
   * its table. For tests and the conformance suite's raw read-back.
   */
  rawRows(connectionId: string): { table: string; row: unknown }[];
}

function buildStores(state: MemoryState, run: Runner): Pax8SyncStores & { authorizations: AuthorizationStore; outbox: OutboxStore; webhooks: WebhookStore; billing: BillingStores } {
  return {
    connections: createConnectionStore(state, run),
    tokens: createTokenStore(state, run),
    companies: { ...createRecordStore(state.companies, run, state.seen), getHashes: readHashes(state.companies, run) },
    products: { ...createRecordStore(state.products, run, state.seen), getHashes: readHashes(state.products, run) },
    subscriptions: { ...createRecordStore(state.subscriptions, run, state.seen), getHashes: readHashes(state.subscriptions, run) },
    mappings: createMappingStore(state, run),
    runs: createRunStore(state, run),
    changes: createChangeStore(state, run),
    quarantine: createQuarantineStore(state, run),
    locks: createLockStore(state, run),
    authorizations: createAuthorizationStore(state, run),
    outbox: createOutboxStore(state, run),
    webhooks: createWebhookStore(state, run),
    billing: {
      invoices: createRecordStore(state.invoices, run, state.seen),
      invoiceItems: createRecordStore(state.invoiceItems, run, state.seen),
      usageSummaries: createRecordStore(state.usageSummaries, run, state.seen),
    },
  };
}

/**
 * Creates the reference in-memory storage. Every capability of the contract is implemented
 * (delegated authorization, write-back, webhooks, billing and page marks included);
 * transactions are serialised (one at a time) and roll back through an undo journal; credentials
 * and tokens are only ever held sealed, as the engine hands them over.
 * @example
 * const storage = createMemoryStorage();
 */
export function createMemoryStorage(_options: MemoryStorageOptions = {}): MemoryStorage {
  const state = emptyState();
  const mutex = new Mutex();
  const inTransaction = new AsyncLocalStorage<true>();
  const plain: WriteContext = { journal: undefined };

  const topLevel: Runner = (op) => {
    if (inTransaction.getStore()) {
      // Waiting for the mutex from inside the transaction that holds it would never end.
      return Promise.reject(
        new Pax8SyncError('nested-transaction', 'Use the `tx` stores inside transaction(fn): calling the storage itself there would wait for the transaction forever.'),
      );
    }
    return mutex.run(() => op(plain));
  };

  const stores = buildStores(state, topLevel);

  return {
    specificationVersion: 'v1',
    capabilities: { concurrentTransactions: false, durable: false, renewInTransaction: true, delegatedAuthorization: true, writeBack: true, webhooks: true, billing: true, pageMarks: true },
    ...stores,
    transaction: (fn, options = {}) =>
      mutex.run(async () => {
        const fence = options.fence;
        const journal: Journal = newJournal();
        const ctx: WriteContext = { journal };
        if (fence) {
          const entry = state.locks.get(fence.connectionId)?.get(fence.name);
          const current = entry?.lease;
          if (!entry || current?.token !== fence.token) throw new Pax8SyncLeaseLostError(fence.name, fence.token);
          if (fence.renew) {
            // Journalled like any write: a rollback undoes the renewal too.
            setIn(ctx, innerMap(state.locks, fence.connectionId), fence.name, { ...entry, lease: { ...current, expiresAt: fence.renew.now + fence.renew.ttlMs } });
          }
        }
        let open = true;
        const txRun: Runner = (op) => {
          if (!open) return Promise.reject(new Pax8SyncError('transaction-closed', 'This transaction already settled; its stores cannot be used any more.'));
          return Promise.resolve().then(() => op(ctx));
        };
        try {
          const result = await inTransaction.run(true, () => fn(buildStores(state, txRun)));
          open = false;
          return result;
        } catch (error) {
          open = false;
          for (let i = journal.undo.length - 1; i >= 0; i -= 1) journal.undo[i]!();
          throw error;
        }
      }),
    purgeConnection: (connectionId) =>
      topLevel(() => {
        state.connections.delete(connectionId);
        state.tokens.delete(connectionId);
        for (const map of [state.companies, state.products, state.subscriptions, state.invoices, state.invoiceItems, state.usageSummaries, state.mappings, state.quarantine, state.locks, state.seen, state.pageMarks]) {
          map.delete(connectionId);
        }
        state.changes.delete(connectionId);
        for (const [id, entry] of state.runs) if (entry.run.connectionId === connectionId) state.runs.delete(id);
        state.grants.delete(connectionId);
        for (const [hash, entry] of state.authorizationStates) if (entry.state.connectionId === connectionId) state.authorizationStates.delete(hash);
        state.outbox.delete(connectionId);
        state.webhooks.delete(connectionId);
        state.deliveryKeys.delete(connectionId);
      }),
    rawRows: (connectionId) => {
      const rows: { table: string; row: unknown }[] = [];
      const push = (table: string, values: Iterable<unknown> | undefined) => {
        for (const row of values ?? []) rows.push({ table, row: copy(row) });
      };
      push('connections', state.connections.has(connectionId) ? [state.connections.get(connectionId)] : []);
      push('tokens', state.tokens.has(connectionId) ? [state.tokens.get(connectionId)] : []);
      push('companies', state.companies.get(connectionId)?.values());
      push('products', state.products.get(connectionId)?.values());
      push('subscriptions', state.subscriptions.get(connectionId)?.values());
      push('invoices', state.invoices.get(connectionId)?.values());
      push('invoice_items', state.invoiceItems.get(connectionId)?.values());
      push('usage_summaries', state.usageSummaries.get(connectionId)?.values());
      push('mappings', state.mappings.get(connectionId)?.values());
      push('runs', [...state.runs.values()].filter((e) => e.run.connectionId === connectionId).map((e) => e.run));
      push('seen', [...(state.seen.get(connectionId)?.entries() ?? [])].map(([pullId, ids]) => ({ pullId, ids: [...ids] })));
      push('page_marks', [...(state.pageMarks.get(connectionId)?.entries() ?? [])].flatMap(([entity, marks]) => [...marks].map(([page, mark]) => ({ entity, page, mark }))));
      push('changes', state.changes.get(connectionId));
      push('quarantine', state.quarantine.get(connectionId)?.values());
      push('locks', [...(state.locks.get(connectionId)?.entries() ?? [])].map(([name, l]) => ({ name, ...l })));
      push('authorization_states', [...state.authorizationStates.values()].filter((e) => e.state.connectionId === connectionId).map((e) => ({ ...e.state, consumedAt: e.consumedAt })));
      push('authorization_grants', state.grants.has(connectionId) ? [state.grants.get(connectionId)] : []);
      push('outbox', state.outbox.get(connectionId)?.values());
      push('webhooks', state.webhooks.has(connectionId) ? [state.webhooks.get(connectionId)] : []);
      push('webhook_deliveries', [...(state.deliveryKeys.get(connectionId)?.entries() ?? [])].map(([key, expiresAt]) => ({ key, expiresAt })));
      return rows;
    },
  };
}
