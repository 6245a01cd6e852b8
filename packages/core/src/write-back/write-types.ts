import type { StoredWriteIntent } from '../storage/outbox';

/** A write intent as the engine returns it (exactly the stored row). */
export type WriteIntent = StoredWriteIntent;

/** An address of a company to create. */
export interface WriteAddress {
  /** Street. */
  street: string;
  /** Second street line. */
  street2?: string;
  /** City. */
  city: string;
  /** State or province. */
  stateOrProvince?: string;
  /** Postal code. */
  postalCode: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `US`. */
  country: string;
}

/** A contact of a company to create. */
export interface WriteContact {
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** E-mail address. */
  email: string;
  /** Phone. */
  phone: string;
  /** Contact types; when no contact names any, the first becomes the primary Admin, Billing and Technical contact. */
  types?: { type: 'Admin' | 'Billing' | 'Technical'; primary: boolean }[];
}

/** One line of an order. */
export interface WriteOrderLine {
  /** Pax8 product id. */
  productId: string;
  /** Seats. */
  quantity: number;
  /** Billing term, e.g. `Monthly` or `Annual`. */
  billingTerm: string;
  /** Commitment term id, when the product requires one (`/products/{id}/dependencies`, or an existing subscription's `commitment.id`). */
  commitmentTermId?: string;
  /** Provisioning details the product asks for. */
  provisioningDetails?: { key: string; values: string[] }[];
}

/**
 * What to change in Pax8 (one intent):
 * - `subscription.quantity`: set a subscription's seats (absolute);
 * - `subscription.cancel`: cancel a subscription (on `cancelDate`, `YYYY-MM-DD`, or now);
 * - `company.create`: create a company for the PSA company `psaCompanyId` (mapped to it once created);
 * - `order.create`: order products for a Pax8 company (line numbers are assigned from 1).
 */
export type WriteChange =
  | { kind: 'subscription.quantity'; subscriptionId: string; quantity: number }
  | { kind: 'subscription.cancel'; subscriptionId: string; cancelDate?: string }
  | {
      kind: 'company.create';
      psaCompanyId: string;
      company: { name: string; address: WriteAddress; phone: string; website: string; externalId?: string };
      contacts: WriteContact[];
    }
  | { kind: 'order.create'; companyId: string; lineItems: WriteOrderLine[]; orderedBy?: 'Pax8 Partner' | 'Customer' | 'Pax8' };

/** Who decides, and why (recorded in the change feed). */
export interface WriteDecision {
  /** The connection. */
  connectionId: string;
  /** The intent. */
  intentId: string;
  /** Who decides (a PSA user id or a system name). */
  by: string;
  /** Why, in their words. */
  reason: string;
}

/** What one pass of the sender or the reconciler did. */
export interface WritePassResult {
  /** Intents looked at, each with the state it ended the pass in. */
  intents: { id: string; state: StoredWriteIntent['state']; reason: string }[];
  /** How many ended in each state. */
  counts: Partial<Record<StoredWriteIntent['state'], number>>;
}

