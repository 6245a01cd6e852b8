import type { Pax8SyncStorage } from '@pax8-sync/core';
import type { StorageConformanceOptions } from './options';
import type { Check, TestBody } from './test-api';

/** What each group of conformance tests gets. */
export interface SuiteContext<S extends Pax8SyncStorage = Pax8SyncStorage> {
  /** Registers one test. */
  it: (name: string, body: TestBody) => unknown;
  /** Registers a group. */
  describe: (name: string, body: () => void) => unknown;
  /** Assertions. */
  check: Check;
  /** The storage of the running test. */
  storage: () => S;
  /** The caller's options. */
  options: StorageConformanceOptions<S>;
}
