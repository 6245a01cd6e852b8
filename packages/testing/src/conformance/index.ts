/**
 * The pax8-sync storage conformance suite: prove a storage adapter implements contract v1.
 * @packageDocumentation
 */

export type { ConformanceRawHooks, StorageConformanceOptions } from './options';
export { runStorageConformance } from './run-storage-conformance';
export { hugeStrings, oddButValidStrings } from './strings-suite';
export type { Check, ConformanceTestApi, TestBody } from './test-api';

/** Version of the storage specification this suite checks. */
export const conformanceSpecificationVersion = 'v1';
