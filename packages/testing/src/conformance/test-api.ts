import { deepStrictEqual, ok } from 'node:assert/strict';

/** A test body. */
export type TestBody = () => Promise<void> | void;

/**
 * The test functions the suite registers with, taken from your runner (vitest, jest, node:test
 * through a small shim). Nothing here depends on global test functions.
 */
export interface ConformanceTestApi {
  /** Groups tests. */
  describe: (name: string, body: () => void) => unknown;
  /** Declares one test. */
  it: (name: string, body: TestBody) => unknown;
  /** Runs before each test (the suite creates a fresh storage there). */
  beforeEach: (body: TestBody) => unknown;
  /** Runs after each test (the suite disposes the storage there). */
  afterEach: (body: TestBody) => unknown;
  /** Optional: your runner's `expect`, for nicer diffs; `node:assert` is used otherwise. */
  expect?: (actual: unknown) => { toEqual: (expected: unknown) => void };
}

/** The assertions the suite uses. */
export interface Check {
  /** Deep equality. */
  equal(actual: unknown, expected: unknown, message: string): void;
  /** Truthiness. */
  ok(value: unknown, message: string): void;
  /** Awaits `promise` and returns its rejection; fails if it resolves. */
  rejects(promise: Promise<unknown>, message: string): Promise<unknown>;
}

/** Builds the assertions over `expect` when given, `node:assert/strict` otherwise. */
export function createCheck(api: ConformanceTestApi): Check {
  const expect = api.expect;
  return {
    equal(actual, expected, message) {
      if (expect) {
        try {
          expect(actual).toEqual(expected);
        } catch (error) {
          throw new Error(`${message}\n${error instanceof Error ? error.message : String(error)}`);
        }
      } else deepStrictEqual(actual, expected, message);
    },
    ok(value, message) {
      ok(value, message);
    },
    async rejects(promise, message) {
      let rejected = false;
      let reason: unknown;
      try {
        await promise;
      } catch (error) {
        rejected = true;
        reason = error;
      }
      ok(rejected, message);
      return reason;
    },
  };
}
