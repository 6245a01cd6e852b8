import type { Billing, Pax8BillingDiscrepancy, Pax8ScriptedDiscrepancy } from './billing';
import type { Pax8BillingChange, Pax8ScriptedChange } from './billing-changes';

/** Billing controls of a partner account: the discrepancies a reconciliation must find. */
export interface Pax8SimulatorBilling {
  /**
   * Scripts a discrepancy between what Pax8 charges and what its subscriptions say; the company's invoices
   * are issued again from it, and draft items follow at once. Returns it with the facts to expect.
   */
  script(discrepancy: Pax8BillingDiscrepancy): Pax8ScriptedDiscrepancy;
  /** Every discrepancy scripted, oldest first (copies). */
  readonly discrepancies: Pax8ScriptedDiscrepancy[];
  /**
   * Scripts a mid-month seat change billed as Pax8 issues it (no discrepancy): the subscription takes
   * the new quantity; the invoice of the month after (and its draft items) has the recurring line at
   * it plus a `prorate` line for the added seats, or a credit (negative amount) for the removed ones,
   * from the change's day to its month's end. Returns it with the line's facts.
   */
  change(change: Pax8BillingChange): Pax8ScriptedChange;
  /** Every seat change scripted, oldest first (copies). */
  readonly changes: Pax8ScriptedChange[];
  /** Drops the scripted charges and changes (the world changes scripting made stay). */
  clear(): void;
}

/** Builds the public view over one world's billing (resolved when used, so worlds stay lazy). */
export function billingView(billing: () => Billing): Pax8SimulatorBilling {
  return {
    script: (d) => billing().script(d),
    get discrepancies() {
      return structuredClone(billing().discrepancies);
    },
    change: (c) => billing().change(c),
    get changes() {
      return structuredClone(billing().changesScripted);
    },
    clear: () => billing().clear(),
  };
}
