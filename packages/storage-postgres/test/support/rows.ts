import type { CompanyRecord, SyncedRecordBase } from '@pax8-sync/core';

/** The common fields of a record row for adapter tests (created by run-1 at time 1, not removed). */
export function recordBase(connectionId: string, id: string, data: SyncedRecordBase['data']): SyncedRecordBase {
  return { connectionId, id, hash: `hash-${id}`, data, createdRunId: 'run-1', updatedRunId: 'run-1', createdAt: 1, updatedAt: 1, removedAt: null };
}

/** A company row for adapter tests. */
export function companyRow(connectionId: string, id: string): CompanyRecord {
  return { ...recordBase(connectionId, id, { id, name: `Company ${id}` }), name: `Company ${id}`, status: 'Active' };
}
