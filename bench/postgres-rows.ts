/** The subscription rows the upsert-vs-COPY benches write (bench/postgres.ts, bench/upsert-shapes.ts), and their COPY text form. */
import { randomBytes } from 'node:crypto';
import type { SubscriptionRecord } from '@pax8-sync/core';

/** The subscriptions table's columns, in the order {@link copyLine} writes them. */
export const columns = [
  'connection_id', 'id', 'hash', 'data', 'created_run_id', 'updated_run_id', 'created_at', 'updated_at', 'removed_at',
  'company_id', 'product_id', 'status', 'mapped_state', 'quantity',
];

/** Subscription row `i` of a connection: realistic sizes, a random hash. */
export function subscription(connectionId: string, i: number): SubscriptionRecord {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const companyId = `c-${i % 2_000}`;
  return {
    connectionId,
    id,
    hash: randomBytes(16).toString('hex'),
    data: { id, companyId, productId: `p-${i % 300}`, quantity: (i % 50) + 1, status: 'Active', billingTerm: 'Monthly', price: 12.5, startDate: '2026-01-01' },
    createdRunId: 'run-bench',
    updatedRunId: 'run-bench',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    removedAt: null,
    companyId,
    productId: `p-${i % 300}`,
    status: 'Active',
    mappedState: 'active',
    quantity: (i % 50) + 1,
  };
}

/** One row in COPY text format (tab-separated, `\N` for null, backslash escapes). */
export function copyLine(r: SubscriptionRecord): string {
  const esc = (v: unknown) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));
  const values = [r.connectionId, r.id, r.hash, JSON.stringify(r.data), r.createdRunId, r.updatedRunId, r.createdAt, r.updatedAt, r.removedAt, r.companyId, r.productId, r.status, r.mappedState, r.quantity];
  return `${values.map(esc).join('\t')}\n`;
}

