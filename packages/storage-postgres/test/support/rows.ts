import type { CompanyRecord } from '@pax8-sync/core';

/** A company row for adapter tests. */
export function companyRow(connectionId: string, id: string): CompanyRecord {
  return {
    connectionId,
    id,
    hash: `hash-${id}`,
    data: { id, name: `Company ${id}` },
    createdRunId: 'run-1',
    updatedRunId: 'run-1',
    createdAt: 1,
    updatedAt: 1,
    removedAt: null,
    name: `Company ${id}`,
    status: 'Active',
  };
}
