import type {
  ChangeEvent,
  InvoiceItemRecord,
  InvoiceRecord,
  UsageSummaryRecord,
  StoredAuthorizationGrant,
  StoredAuthorizationState,
  CompanyMapping,
  CompanyRecord,
  LockLease,
  Pax8SyncEntity,
  ProductRecord,
  QuarantinedRecord,
  StoredConnection,
  StoredToken,
  StoredWebhook,
  StoredWriteIntent,
  SubscriptionRecord,
  SyncRun,
} from '@pax8-sync/core';

/** Everything the memory adapter holds, keyed for per-connection access. */
export interface MemoryState {
  /** By connection id. */
  connections: Map<string, StoredConnection>;
  /** By connection id. */
  tokens: Map<string, StoredToken>;
  /** Connection id → record id → row. */
  companies: Map<string, Map<string, CompanyRecord>>;
  /** Connection id → record id → row. */
  products: Map<string, Map<string, ProductRecord>>;
  /** Connection id → record id → row. */
  subscriptions: Map<string, Map<string, SubscriptionRecord>>;
  /** Connection id → Pax8 company id → mapping. */
  mappings: Map<string, Map<string, CompanyMapping>>;
  /** Run id → run with its insertion sequence. */
  runs: Map<string, { run: SyncRun; seq: number }>;
  /** Connection id → pull id → seen ids. */
  seen: Map<string, Map<string, Set<string>>>;
  /** Connection id → entity → page position → the mark its latest checkpoint gave (outlives the seen set). */
  pageMarks: Map<string, Map<Pax8SyncEntity, Map<number, string>>>;
  /** Connection id → events in cursor order. */
  changes: Map<string, ChangeEvent[]>;
  /** Connection id → `entity\u0000key` → record. */
  quarantine: Map<string, Map<string, QuarantinedRecord>>;
  /** Connection id → lock name → current lease (undefined when released) and last issued token. */
  locks: Map<string, Map<string, { lease: LockLease | undefined; lastToken: number }>>;
  /** State hash → started authorization and when it was used (`null`: not yet). */
  authorizationStates: Map<string, { state: StoredAuthorizationState; consumedAt: number | null }>;
  /** By connection id: the partner's grant (sealed token pair and status). */
  grants: Map<string, StoredAuthorizationGrant>;
  /** Connection id → intent id → write intent. */
  outbox: Map<string, Map<string, StoredWriteIntent>>;
  /** By connection id: its webhook registration. */
  webhooks: Map<string, StoredWebhook>;
  /** Connection id → delivery de-duplication key → when it expires (epoch ms). */
  deliveryKeys: Map<string, Map<string, number>>;
  /** Connection id → invoice id → invoice. */
  invoices: Map<string, Map<string, InvoiceRecord>>;
  /** Connection id → item id → invoice or draft item. */
  invoiceItems: Map<string, Map<string, InvoiceItemRecord>>;
  /** Connection id → summary id → usage summary. */
  usageSummaries: Map<string, Map<string, UsageSummaryRecord>>;
  /** Last issued sequence number (run order and change cursors). */
  seq: number;
}

/** A fresh, empty state. */
export function emptyState(): MemoryState {
  return {
    connections: new Map(),
    tokens: new Map(),
    companies: new Map(),
    products: new Map(),
    subscriptions: new Map(),
    mappings: new Map(),
    runs: new Map(),
    seen: new Map(),
    pageMarks: new Map(),
    changes: new Map(),
    quarantine: new Map(),
    locks: new Map(),
    authorizationStates: new Map(),
    grants: new Map(),
    outbox: new Map(),
    webhooks: new Map(),
    deliveryKeys: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    usageSummaries: new Map(),
    seq: 0,
  };
}
