import type { Pax8SyncStorage, Pax8SyncStorageCapabilities } from '@pax8-sync/core';
import type { ConformanceTestApi } from './test-api';

/** Hooks that read what the adapter really stored, bypassing the adapter's own read methods. */
export interface ConformanceRawHooks<S extends Pax8SyncStorage> {
  /**
   * Every stored row that belongs to the connection, from every table, as plain JSON-able values
   * (e.g. `SELECT row_to_json(t) ...` per table). Used to check secrets are only stored sealed, that
   * writes really landed, and that a purge leaves nothing.
   */
  rowsOfConnection(storage: S, connectionId: string): Promise<unknown[]> | unknown[];
}

/** Options of {@link runStorageConformance}. */
export interface StorageConformanceOptions<S extends Pax8SyncStorage = Pax8SyncStorage> {
  /** Your runner's test functions. */
  test: ConformanceTestApi;
  /** Name of the top-level `describe`; default `pax8-sync storage conformance (v1)`. */
  name?: string;
  /** Creates a fresh, empty storage for each test. */
  createStorage: () => Promise<S> | S;
  /** Disposes a storage after its test (close pools, drop schemas). */
  disposeStorage?: (storage: S) => Promise<void> | void;
  /** Raw read-back hooks; without them the raw checks are not registered (say so in your report). */
  raw?: ConformanceRawHooks<S>;
  /** Capability flags the adapter is expected to declare; each given flag is checked. */
  capabilities?: Partial<Pax8SyncStorageCapabilities>;
}
