/**
 * The simulator's own data model: records exactly as Pax8 puts them on the wire (including the
 * fields and values the OpenAPI documents leave out), independent of any client's schemas.
 */

// The documented enums are facts of the spec, shared with the client; the simulator's record shapes
// below stay its own so it can serve the drift a client must tolerate.
import { PAX8_BILLING_TERMS, PAX8_COMPANY_STATUSES, PAX8_SUBSCRIPTION_STATUSES } from '@pax8-sync/client';

export { PAX8_BILLING_TERMS, PAX8_COMPANY_STATUSES, PAX8_SUBSCRIPTION_STATUSES };

/** A documented subscription status, or a value Pax8 added later (the simulator can serve those too). */
export type Pax8SimSubscriptionStatus = (typeof PAX8_SUBSCRIPTION_STATUSES)[number] | (string & {});
/** A documented billing term, or a newer one. */
export type Pax8SimBillingTerm = (typeof PAX8_BILLING_TERMS)[number] | (string & {});
/** A documented company status, or a newer one. */
export type Pax8SimCompanyStatus = (typeof PAX8_COMPANY_STATUSES)[number] | (string & {});

/** A postal address as Pax8 sends it. */
export interface Pax8SimAddress {
  /** Street line. */
  street?: string;
  /** Second street line. */
  street2?: string;
  /** City. */
  city?: string;
  /** State or province (Pax8 sends full names such as `Colorado`). */
  stateOrProvince?: string;
  /** Postal code. */
  postalCode?: string;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
}

/** A contact role flag. */
export interface Pax8SimContactType {
  /** `Admin`, `Billing` or `Technical`. */
  type: 'Admin' | 'Billing' | 'Technical' | (string & {});
  /** Whether this contact is the primary one for the role. */
  primary: boolean;
}

/** A company contact. */
export interface Pax8SimContact {
  /** UUID. */
  id: string;
  /** First name. */
  firstName: string;
  /** Last name. */
  lastName: string;
  /** Email address. */
  email: string;
  /** Phone number. */
  phone: string;
  /** `yyyy-MM-dd`. */
  createdDate?: string;
  /** Roles. */
  types?: Pax8SimContactType[];
}

/** A Pax8 company (an MSP's end customer). */
export interface Pax8SimCompany {
  /** UUID. */
  id: string;
  /** Company name. */
  name: string;
  /** Address. */
  address: Pax8SimAddress;
  /** Primary phone. */
  phone?: string;
  /** Website. */
  website?: string;
  /** Partner-assigned external id. */
  externalId?: string;
  /** Whether Pax8 bills the company on the partner's behalf. */
  billOnBehalfOfEnabled: boolean;
  /** Whether the company may order for itself. */
  selfServiceAllowed: boolean;
  /** Whether its self-service orders need approval. */
  orderApprovalRequired: boolean;
  /** `Active`, `Inactive` (no contacts yet) or `Deleted`. */
  status: Pax8SimCompanyStatus;
  /** Last update, e.g. `2023-08-11T11:33:12.314-0600`. */
  updatedDate?: string;
}

/** A product of the Pax8 catalogue. */
export interface Pax8SimProduct {
  /** UUID. */
  id: string;
  /** Product name. */
  name: string;
  /** Vendor name, e.g. `Microsoft`. */
  vendorName: string;
  /** Short description. */
  shortDescription?: string;
  /** Long description (served on the product detail only). */
  description?: string;
  /** Pax8 SKU. */
  sku: string;
  /** Vendor SKU. */
  vendorSku?: string;
  /** Whether ordering needs a commitment term. */
  requiresCommitment: boolean;
}

/** A commitment term record of a product. */
export interface Pax8SimCommitmentTerm {
  /** UUID. */
  id: string;
  /** e.g. `Annual`, `3-Year`. */
  term: string;
  /** Renews automatically. */
  autoRenew: boolean;
  /** Days before term end the renewal window opens. */
  renewalWindowDaysBeforeTermEnd: number;
  /** Days after term end the renewal window closes. */
  renewalWindowDaysAfterTermEnd: number;
  /** Quantity may go up during the term. */
  allowForQuantityIncrease: boolean;
  /** Quantity may go down during the term. */
  allowForQuantityDecrease: boolean;
  /** May be cancelled before term end. */
  allowForEarlyCancellation: boolean;
  /** Cancelling costs a fee. */
  cancellationFeeApplied: boolean;
  /** May move to another company. */
  isTransferable: boolean;
}

/** One price rate of a pricing entry. */
export interface Pax8SimRate {
  /** Partner cost. */
  partnerBuyRate: number;
  /** Suggested retail price. */
  suggestedRetailPrice: number;
  /** Start of the quantity range. */
  startQuantityRange: number;
  /** End of the quantity range (absent: open). */
  endQuantityRange?: number;
  /** `Per Unit` or `Flat Rate`. */
  chargeType: 'Per Unit' | 'Flat Rate';
}

/** A pricing entry of a product (one per billing term). */
export interface Pax8SimPricing {
  /** Product UUID. */
  productId: string;
  /** Product name. */
  productName: string;
  /** Billing term. */
  billingTerm: Pax8SimBillingTerm;
  /** Commitment term, e.g. `Annual`. */
  commitmentTerm?: string;
  /** Commitment in months. */
  commitmentTermInMonths?: number;
  /** `Flat`, `Volume`, `Tiered` or `Mark-Up`. */
  type: 'Flat' | 'Volume' | 'Tiered' | 'Mark-Up';
  /** Unit, e.g. `User`. */
  unitOfMeasurement: string;
  /** Rates by quantity range. */
  rates: Pax8SimRate[];
}

/** The commitment block Pax8 sends on a committed subscription. */
export interface Pax8SimCommitment {
  /** The commitment term's UUID. */
  id: string;
  /** e.g. `Annual`. */
  term: string;
  /** End of the commitment, e.g. `2024-08-11T11:33:12.314-0600`. */
  endDate: string;
}

/** A subscription. */
export interface Pax8SimSubscription {
  /** UUID. */
  id: string;
  /** Parent subscription (add-ons). */
  parentSubscriptionId?: string;
  /** Company UUID. */
  companyId: string;
  /** Product UUID. */
  productId: string;
  /** The vendor's id of the subscription. */
  vendorSubscriptionId?: string;
  /** The vendor's SKU id. */
  vendorSkuId?: string;
  /** Seats or units. */
  quantity: number;
  /** Start (date-time, several formats). */
  startDate?: string;
  /** End (present when cancelled or ending). */
  endDate?: string;
  /** Creation date (date-time or bare date). */
  createdDate?: string;
  /** Last update. */
  updatedDate?: string;
  /** `yyyy-MM-dd`. */
  billingStart?: string;
  /** Status. */
  status: Pax8SimSubscriptionStatus;
  /** Customer price. */
  price: number;
  /** ISO 4217 code. */
  currencyCode: string;
  /** Partner cost. */
  partnerCost?: number;
  /** Product name. */
  productName?: string;
  /** Billing term. */
  billingTerm: Pax8SimBillingTerm;
  /** Commitment (committed terms only). */
  commitment?: Pax8SimCommitment;
}

/** An order line item. */
export interface Pax8SimLineItem {
  /** UUID. */
  id: string;
  /** Product UUID. */
  productId: string;
  /** Subscription created by this line. */
  subscriptionId?: string;
  /** Commitment term UUID. */
  commitmentTermId?: string;
  /** Provisioning start. */
  provisionStartDate?: string;
  /** Billing term. */
  billingTerm: Pax8SimBillingTerm;
  /** Quantity. */
  quantity: number;
}

/** An order. */
export interface Pax8SimOrder {
  /** UUID. */
  id: string;
  /** Company UUID. */
  companyId: string;
  /** `yyyy-MM-dd`. */
  createdDate: string;
  /** Who ordered. */
  orderedBy?: 'Pax8 Partner' | 'Customer' | 'Pax8';
  /** Orderer's user UUID. */
  orderedByUserId?: string;
  /** Orderer's email. */
  orderedByUserEmail?: string;
  /** Future dated. */
  isScheduled: boolean;
  /** Lines. */
  lineItems: Pax8SimLineItem[];
}

/** A partner invoice. */
export interface Pax8SimInvoice {
  /** UUID. */
  id: string;
  /** `yyyy-MM-dd`. */
  invoiceDate: string;
  /** `yyyy-MM-dd`. */
  dueDate: string;
  /** Invoice status (not in the documented schema but filterable): `Unpaid`, `Paid`, ... */
  status: string;
  /** Current balance. */
  balance: number;
  /** Balance carried to this invoice. */
  carriedBalance: number;
  /** Total. */
  total: number;
  /** ISO 4217 code. */
  currencyCode: string;
  /** Partner name. */
  partnerName: string;
  /** Company UUID. */
  companyId?: string;
  /** Company external id. */
  externalId?: string;
}

/** A line of an invoice (or a draft invoice). */
export interface Pax8SimInvoiceItem {
  /** UUID. */
  id: string;
  /** Item type: `subscription`, `one-time`, ... */
  type: string;
  /** PO number. */
  purchaseOrderNumber?: string;
  /** Company UUID. */
  companyId: string;
  /** Company external id. */
  externalId?: string;
  /** Company name. */
  companyName: string;
  /** `yyyy-MM-dd`. */
  startPeriod: string;
  /** `yyyy-MM-dd`. */
  endPeriod: string;
  /** Quantity. */
  quantity: number;
  /** Unit. */
  unitOfMeasure: string;
  /** Term, e.g. `Monthly`. */
  term: string;
  /** SKU. */
  sku: string;
  /** Description. */
  description: string;
  /** Rate type. */
  rateType: string;
  /** `flat` or `per`. */
  chargeType: string;
  /** Customer unit price. */
  price: number;
  /** Customer sub total. */
  subTotal: number;
  /** Partner unit cost. */
  cost: number;
  /** Partner total cost. */
  costTotal: number;
  /** Offered by. */
  offeredBy: string;
  /** Billed by Pax8. */
  billedByPax8: boolean;
  /** Total. */
  total: number;
  /** Product UUID. */
  productId: string;
  /** Product name. */
  productName: string;
  /** Billing fee. */
  billingFee: number;
  /** Billing fee rate. */
  billingFeeRate: number;
  /** Amount due. */
  amountDue: number;
  /** ISO 4217 code. */
  currencyCode: string;
  /** Sales tax. */
  salesTax: number;
  /** Subscription UUID. */
  subscriptionId?: string;
  /** Vendor name. */
  vendorName: string;
}

/** A usage summary of a usage-billed subscription. */
export interface Pax8SimUsageSummary {
  /** UUID. */
  id: string;
  /** Company UUID. */
  companyId: string;
  /** Subscription UUID (sent by Pax8, absent from the documented schema). */
  subscriptionId: string;
  /** Product UUID. */
  productId: string;
  /** Resource group. */
  resourceGroup: string;
  /** Vendor. */
  vendorName: string;
  /** Charges this month. */
  currentCharges: number;
  /** ISO 4217 code. */
  currencyCode: string;
  /** Partner total this month. */
  partnerTotal: number;
  /** Trial usage. */
  isTrial: boolean;
}

/** A daily usage line of a usage summary. */
export interface Pax8SimUsageLine {
  /** Usage summary UUID. */
  usageSummaryId: string;
  /** `yyyy-MM-dd`. */
  usageDate: string;
  /** Product name. */
  productName: string;
  /** Product UUID. */
  productId: string;
  /** Unit. */
  unitOfMeasure: string;
  /** Quantity used. */
  quantity: number;
  /** Charges. */
  currentCharges: number;
  /** Profit. */
  currentProfit: number;
  /** Partner total. */
  partnerTotal: number;
  /** Unit price. */
  unitPrice: number;
  /** ISO 4217 code. */
  currencyCode: string;
  /** Trial usage. */
  isTrial: boolean;
}

/** A webhook filter condition. */
export interface Pax8SimFilterCondition {
  /** Field path. */
  field: string;
  /** Operator, e.g. `EQUALS`. */
  operator: string;
  /** Values. */
  value: string[];
}

/** A webhook filter. */
export interface Pax8SimWebhookFilter {
  /** Action. */
  action: string;
  /** Conditions, all must hold. */
  conditions: Pax8SimFilterCondition[];
}

/** A topic a webhook subscribes to. */
export interface Pax8SimWebhookTopic {
  /** UUID. */
  id: string;
  /** Topic name, e.g. `SUBSCRIPTION`. */
  topic: string;
  /** Filters. */
  filters: Pax8SimWebhookFilter[];
}

/** A webhook registration. */
export interface Pax8SimWebhook {
  /** UUID. */
  id: string;
  /** Owning account UUID. */
  accountId: string;
  /** Display name. */
  displayName: string;
  /** Delivery URL. */
  url?: string;
  /** Authorization header value sent on delivery (write-only in practice; the simulator never echoes it). */
  authorization?: string;
  /** Active. */
  active: boolean;
  /** Notification email. */
  contactEmail?: string;
  /** Retries before notification. */
  errorThreshold: number;
  /** Integration UUID. */
  integrationId?: string;
  /** Topics. */
  webhookTopics: Pax8SimWebhookTopic[];
  /** `PENDING`, `SUCCESS`, `FAILED` or `RETRYING`. */
  lastDeliveryStatus?: string;
  /** ISO date-time. */
  createdAt: string;
  /** ISO date-time. */
  updatedAt: string;
}

/** One delivery attempt of a webhook log. */
export interface Pax8SimWebhookCall {
  /** UUID. */
  id: string;
  /** ISO date-time. */
  timestamp: string;
  /** Delivery status. */
  status: string;
  /** Error text. */
  errorMessage?: string;
  /** HTTP status of the receiver. */
  httpStatusCode?: number;
  /** Payload sent. */
  payload?: Record<string, unknown>;
}

/** A webhook delivery log. */
export interface Pax8SimWebhookLog {
  /** UUID. */
  id: string;
  /** Webhook UUID. */
  webhookId: string;
  /** Webhook display name. */
  webhookName: string;
  /** Topic of the event. */
  topicName: string;
  /** Final status. */
  finalStatus: string;
  /** Attempts. */
  callHistory: Pax8SimWebhookCall[];
  /** ISO date-time. */
  createdAt: string;
}

/** Any record with a UUID (every collection of the world holds these). */
export interface Pax8SimIdentified {
  /** The record UUID. */
  id: string;
}
