/**
 * @pax8-sync/status — Pax8 subscription and company status → PSA state, with a versioned table,
 * per-connection overrides and an unknown-status policy.
 * @packageDocumentation
 */

export { COMPANY_STATUS_TABLE, type Pax8CompanyStatus } from './company-status-table';
export type { StatusMapFunction } from './compile-status-mapper';
export { createStatusMapper, type StatusMapper } from './create-status-mapper';
export { mapCompanyStatus } from './map-company-status';
export { mapSubscriptionStatus } from './map-subscription-status';
export { isPsaState, PSA_STATES, type PsaState } from './psa-state';
export { statusKey } from './status-key';
export type { MapStatusOptions, StatusMapperSettings, UnknownStatusPolicy } from './status-mapper-options';
export type { StatusMapping, StatusMappingSource, UnknownStatusEvent } from './status-mapping';
export { StatusOptionsError } from './status-options-error';
export type { StatusTable, StatusTableEntry } from './status-table';
export { type Pax8SubscriptionStatus, SUBSCRIPTION_STATUS_TABLE } from './subscription-status-table';
