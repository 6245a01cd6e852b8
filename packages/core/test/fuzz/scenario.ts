import { PAX8_ODD_UNICODE_VARIANTS, PAX8_PAGE_DRIFT_KINDS, PAX8_RECORD_DRIFT_KINDS, type Pax8DriftKind, type Pax8OddUnicode } from '@pax8-sync/testing';
import fc from 'fast-check';

/** A change to the simulated Pax8 account between two steps (what the "truth" does). */
export type WorldChange =
  | { op: 'removeSubscription'; pick: number }
  | { op: 'addSubscription'; company: number; quantity: number }
  | { op: 'updateSubscription'; pick: number; quantity: number; status: 'Active' | 'Cancelled' | 'PendingManual' }
  | { op: 'renameCompany'; pick: number; name: string }
  | { op: 'addCompany'; name: string };

/** One step: the world changes, Pax8 drifts and fails, the worker may crash, then companies and subscriptions sync. */
export interface Step {
  changes: WorldChange[];
  /** Drift rates per kind on both listings (empty: no drift this step). */
  drift: Partial<Record<Pax8DriftKind, number>>;
  driftSeed: number;
  unicode: Pax8OddUnicode[];
  /** Fault rates on every route but the token. */
  faults: { serverError: number; rateLimit: number; reset: number; malformedJson: number };
  /** Crash the subscription sync's storage after this many transactions (`null`: no crash). */
  crashAfter: number | null;
}

/** A fuzz case: a world, a mapping, sync settings, and the steps. */
export interface Scenario {
  worldSeed: number;
  companies: number;
  subscriptions: number;
  /** How many companies (the first ones) are mapped. */
  mapped: number;
  /** List subscriptions per company (few mapped) or page them all. */
  perCompany: boolean;
  pageSize: number;
  prefetch: number;
  steps: Step[];
}

const oddText = fc.constantFrom('Contoso', 'Zürich 東京 🚀', 'a\u0000b', 'x\ud800y', 'e\u0301\u202e', ' ', 'Ltd\u2028.', '\ufeffBOM');

const change: fc.Arbitrary<WorldChange> = fc.oneof(
  fc.record({ op: fc.constant('removeSubscription' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('addSubscription' as const), company: fc.nat(), quantity: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ op: fc.constant('updateSubscription' as const), pick: fc.nat(), quantity: fc.integer({ min: 1, max: 50 }), status: fc.constantFrom('Active' as const, 'Cancelled' as const, 'PendingManual' as const) }),
  fc.record({ op: fc.constant('renameCompany' as const), pick: fc.nat(), name: oddText }),
  fc.record({ op: fc.constant('addCompany' as const), name: oddText }),
);

const rate = fc.constantFrom(0, 0, 0.1, 0.3, 1);
const driftKinds = [...PAX8_PAGE_DRIFT_KINDS, ...PAX8_RECORD_DRIFT_KINDS];

const step: fc.Arbitrary<Step> = fc.record({
  changes: fc.array(change, { maxLength: 6 }),
  drift: fc.oneof(
    fc.constant({}),
    fc.dictionary(fc.constantFrom(...driftKinds), rate, { maxKeys: 4 }) as fc.Arbitrary<Partial<Record<Pax8DriftKind, number>>>,
  ),
  driftSeed: fc.integer({ min: 1, max: 1_000_000 }),
  unicode: fc.subarray([...PAX8_ODD_UNICODE_VARIANTS], { minLength: 1 }),
  faults: fc.oneof(
    fc.constant({ serverError: 0, rateLimit: 0, reset: 0, malformedJson: 0 }),
    fc.record({ serverError: fc.constantFrom(0, 0.05, 0.2), rateLimit: fc.constantFrom(0, 0.05), reset: fc.constantFrom(0, 0.05), malformedJson: fc.constantFrom(0, 0.02) }),
  ),
  crashAfter: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
});

/** Every fuzz case. */
export const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    worldSeed: fc.integer({ min: 1, max: 1_000_000 }),
    companies: fc.integer({ min: 2, max: 10 }),
    subscriptions: fc.integer({ min: 0, max: 70 }),
    mappedShare: fc.double({ min: 0.1, max: 1, noNaN: true }),
    perCompany: fc.boolean(),
    pageSize: fc.integer({ min: 3, max: 25 }),
    prefetch: fc.integer({ min: 1, max: 4 }),
    steps: fc.array(step, { minLength: 1, maxLength: 3 }),
  })
  .map(({ mappedShare, ...s }) => ({ ...s, mapped: Math.max(1, Math.round(mappedShare * s.companies)) }));
