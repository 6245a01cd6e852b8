/**
 * @pax8-sync/storage-memory — the reference in-memory adapter of the pax8-sync storage contract.
 * @packageDocumentation
 */

export type { MemoryStorage, MemoryStorageOptions } from './create-memory-storage';
export { createMemoryStorage } from './create-memory-storage';
