/**
 * @pax8-sync/testing — a Pax8 simulator (msw handlers and a loopback HTTP server) with seeded
 * worlds, scripting, fault injection and a request log, plus record fixtures.
 * @packageDocumentation
 */

export type { Pax8SimulatorAccount } from './simulator/account-view';
export type { Pax8Latency, Pax8RateLimit, Pax8SimulatorAccountOptions } from './simulator/accounts';
export type { Pax8SimulatorCredentials } from './simulator/auth';
export type { Pax8BillingDiscrepancy, Pax8ScriptedDiscrepancy } from './simulator/billing';
export type { Pax8BillingChange, Pax8ScriptedChange } from './simulator/billing-changes';
export type { Pax8SimulatorBilling } from './simulator/billing-view';
export { PAX8_AUDIENCES } from './simulator/auth';
export { Pax8SimulatorError } from './simulator/errors';
export type { Pax8DriftKind, Pax8OddUnicode, Pax8PageDriftKind, Pax8RecordDriftKind } from './simulator/drift-kinds';
export { PAX8_DRIFT_KINDS, PAX8_ODD_UNICODE, PAX8_ODD_UNICODE_VARIANTS, PAX8_PAGE_DRIFT_KINDS, PAX8_RECORD_DRIFT_KINDS } from './simulator/drift-kinds';
export type { Pax8DriftOptions, Pax8DriftRates, Pax8ScriptedDrift } from './simulator/drift-engine';
export type { Pax8DriftPageReport, Pax8DriftReport, Pax8DriftSummary } from './simulator/drift-report';
export type { Pax8DriftMangle, Pax8RecordMangle } from './simulator/record-drift';
export type { Pax8FaultKind, Pax8FaultOptions, Pax8FaultRates, Pax8ScriptedFault } from './simulator/faults';
export { PAX8_FAULT_KINDS } from './simulator/faults';
export type { Pax8AutoConsent, Pax8OAuthApplication, Pax8OAuthOptions } from './simulator/oauth-options';
export type { Pax8OAuthConsent } from './simulator/oauth-state';
export type { Pax8OAuthEndpoints, Pax8SimulatorOAuth } from './simulator/oauth-view';
export type { Pax8SimulatorOptions } from './simulator/options';
export * from './simulator/records';
export type { Pax8RequestLogEntry, Pax8SimulatorCounters } from './simulator/request-log';
export type { Pax8Simulator, Pax8SimulatorDrift, Pax8SimulatorFaults } from './simulator/simulator';
export { createPax8Simulator } from './simulator/simulator';
export type { Pax8DeliveryBehaviour, Pax8ScriptedDelivery, Pax8WebhookDelivery, Pax8WebhookDeliveryOptions } from './simulator/webhook-delivery';
export type { Pax8SimulatorWebhooks, Pax8WebhookEvent } from './simulator/webhook-view';
export type { Pax8ManualTimers, Pax8Timers } from './simulator/timers';
export { createPax8ManualTimers } from './simulator/timers';
export type { Pax8SimulatorWorld, Pax8WorldCollection } from './simulator/world';
export type { Pax8ChangeAction, Pax8ChangeTopic } from './simulator/world-events';
export type { Pax8Fixtures } from './fixtures';
export { createPax8Fixtures, pax8Fixtures } from './fixtures';

/** The package's name, as published. */
export const packageName = '@pax8-sync/testing';
