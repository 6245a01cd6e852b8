import type { Billing, Pax8BillingDiscrepancy, Pax8ScriptedDiscrepancy } from './billing';

/** Billing controls of a partner account: the discrepancies a reconciliation must find. */
export interface Pax8SimulatorBilling {
  /**
   * Scripts a discrepancy between what Pax8 charges and what its subscriptions say; the company's invoices
   * are issued again from it, and draft items follow at once. Returns it with the facts to expect.
   */
  script(discrepancy: Pax8BillingDiscrepancy): Pax8ScriptedDiscrepancy;
  /** Every discrepancy scripted, oldest first (copies). */
  readonly discrepancies: Pax8ScriptedDiscrepancy[];
  /** Drops the scripted charges (the world changes scripting made stay). */
  clear(): void;
}

/** Builds the public view over one world's billing (resolved when used, so worlds stay lazy). */
export function billingView(billing: () => Billing): Pax8SimulatorBilling {
  return {
    script: (d) => billing().script(d),
    get discrepancies() {
      return structuredClone(billing().discrepancies);
    },
    clear: () => billing().clear(),
  };
}
