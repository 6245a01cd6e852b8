import type {
  CompanyMapping,
  CompanyRecord,
  NewChangeEvent,
  Pax8SyncEntity,
  ProductRecord,
  QuarantinedRecord,
  StoredConnection,
  SubscriptionRecord,
  SyncRun,
} from '@pax8-sync/core';

/** The common columns of a record row; `n` varies its hash, run and time. */
export const rowBase = (connectionId: string, id: string, n: number) => ({
  connectionId,
  id,
  hash: `hash-${id}-${n}`,
  createdRunId: 'run-0',
  updatedRunId: `run-${n}`,
  createdAt: 1_000,
  updatedAt: 1_000 + n,
  removedAt: null,
});

/** A stored connection with the given sealed credentials. */
export function connectionRow(id: string, sealedCredentials = `sealed-${id}`): StoredConnection {
  return {
    id,
    name: `Connection ${id}`,
    environment: 'Production',
    baseUrl: 'https://api.pax8.com',
    country: 'US',
    currency: 'USD',
    companyDefaults: { selfServiceAllowed: false, billOnBehalfOfEnabled: true, orderApprovalRequired: false },
    sealedCredentials,
    createdAt: 1_000,
    updatedAt: 1_000,
  };
}

/** A company row; `n` varies its content. */
export function companyRow(connectionId: string, id: string, n = 1): CompanyRecord {
  return {
    ...rowBase(connectionId, id, n),
    data: { id, name: `Company ${id} v${n}`, status: 'Active', nested: { tags: ['a', n], ok: true, none: null } },
    name: `Company ${id} v${n}`,
    status: 'Active',
  };
}

/** A product row. */
export function productRow(connectionId: string, id: string, n = 1): ProductRecord {
  return { ...rowBase(connectionId, id, n), data: { id, name: `Product ${id}`, vendorName: 'Microsoft', n }, name: `Product ${id}`, vendorName: 'Microsoft' };
}

/** A subscription row of `companyId`. */
export function subscriptionRow(connectionId: string, id: string, companyId: string, n = 1): SubscriptionRecord {
  return {
    ...rowBase(connectionId, id, n),
    data: { id, companyId, productId: 'p-1', status: 'Active', quantity: n, price: 12.5 },
    companyId,
    productId: 'p-1',
    status: 'Active',
    mappedState: 'active',
    quantity: n,
  };
}

/** A record row of any entity. */
export function recordRow(entity: Pax8SyncEntity, connectionId: string, id: string, n = 1) {
  if (entity === 'companies') return companyRow(connectionId, id, n);
  if (entity === 'products') return productRow(connectionId, id, n);
  return subscriptionRow(connectionId, id, `company-of-${id}`, n);
}

/** A fresh running run. */
export function runRow(connectionId: string, id: string, options: Partial<SyncRun> = {}): SyncRun {
  return {
    id,
    connectionId,
    entity: 'subscriptions',
    pullId: id,
    resumedFromRunId: null,
    startedAt: 5_000,
    finishedAt: null,
    outcome: 'running',
    checkpoint: null,
    counts: { created: 0, updated: 0, unchanged: 0, removed: 0, quarantined: 0 },
    error: null,
    flags: [],
    ...options,
  };
}

/** A change event to append. */
export function changeEvent(connectionId: string, entityId: string, kind: NewChangeEvent['kind'] = 'created'): NewChangeEvent {
  return {
    connectionId,
    runId: 'run-1',
    entity: 'subscriptions',
    entityId,
    kind,
    at: 7_000,
    fields: kind === 'updated' ? [{ field: 'quantity', before: 1, after: 2 }] : [],
    detail: { companyId: 'c-1' },
    before: kind === 'created' ? null : { quantity: 1 },
    after: kind === 'removed' ? null : { quantity: 2 },
  };
}

/** A mapping. */
export function mappingRow(connectionId: string, pax8CompanyId: string, state: CompanyMapping['state'] = 'pending'): CompanyMapping {
  return { connectionId, pax8CompanyId, psaCompanyId: `psa-${pax8CompanyId}`, state, score: state === 'pending' ? 0.91 : null, source: 'quick-match', updatedAt: 9_000 };
}

/** A quarantined record. */
export function quarantineRow(connectionId: string, entity: Pax8SyncEntity, key: string): QuarantinedRecord {
  return {
    connectionId,
    entity,
    key,
    runId: 'run-1',
    reason: 'quantity: expected number',
    issues: [{ path: 'quantity', message: 'expected number' }],
    record: { id: key, quantity: 'many' },
    at: 8_000,
  };
}
