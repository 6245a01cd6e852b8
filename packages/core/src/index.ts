/**
 * @pax8-sync/core — the sync engine and the storage contract.
 * @packageDocumentation
 */

export * from './crypto/index';
export * from './errors/index';
export * from './storage/index';
