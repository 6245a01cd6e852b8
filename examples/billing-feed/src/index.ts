/** Billing lines from the pax8-sync change feed: the way a PSA turns Pax8 changes into invoice lines. */
export { type ApplyBillingFeedOptions, type ApplyBillingFeedResult, applyBillingFeed, type CursorStore } from './billing-feed';
export { type BillingLine, type BillingLineChange, type LineState, lineOf } from './billing-line-change';
export { type PsaCompanyOf, type ToBillingChangesOptions, toBillingChanges } from './to-billing-changes';
