export type { CompanyRecord } from '@pax8-sync/core';
export type { PostgresStorage } from '@pax8-sync/storage-postgres';
