/**
 * @pax8-sync/core — the sync engine and the storage contract.
 * @packageDocumentation
 */

export { type BeginAuthorizationOptions, type BeginAuthorizationResult, beginAuthorization } from './auth/begin-authorization';
export { type AuthorizationCallback, type CompleteAuthorizationOptions, type CompleteAuthorizationResult, completeAuthorization } from './auth/complete-authorization';
export { type InitialSyncResult, runInitialSync } from './auth/run-initial-sync';
export type {
  AuthorizationCodeSettings,
  ConnectionAuthSettings,
  ConnectionAuthView,
  ConnectionSettings,
  ConnectionSettingsUpdate,
  ConnectionView,
} from './connections/connection-settings';
export { defaultPax8BaseUrl, normalizeBaseUrl } from './connections/normalize-base-url';
export {
  type CreateConnectionOptions,
  createConnection,
  type GetConnectionOptions,
  getConnection,
  type RemoveConnectionOptions,
  removeConnection,
  toConnectionView,
  type UpdateConnectionOptions,
  updateConnection,
  type VerifyConnectionOptions,
  type VerifyConnectionResult,
  verifyConnection,
} from './connections/connection-functions';
export { type BoundOptions, createSyncEngine, type SyncEngine, type SyncEngineOptions } from './create-sync-engine';
export * from './crypto/index';
export type { ClientFactory, ClientFactoryInput, Pax8BillingReads, Pax8ListingLike, Pax8ListParams, Pax8PageLike, Pax8ReadResource, Pax8SyncClient, SyncClientToken } from './engine/client-port';
export { type IdGenerator, randomIds, type SyncClock, systemClock } from './engine/clock';
export { contentHash, stableStringify } from './engine/content-hash';
export { type EngineClientOptions, pax8ClientFactory } from './engine/default-client-factory';
export type { EngineDeps } from './engine/engine-deps';
export type { SyncLogger } from './engine/logger';
export { readOnlyFetch } from './engine/read-only-fetch';
export * from './errors/index';
export {
  type ConfirmMappingsOptions,
  confirmMappings,
  type ListMappingsOptions,
  listMappings,
  type MappingListItem,
  type MappingOptions,
  type RejectMappingOptions,
  rejectMapping,
  type SetMappingOptions,
  setMapping,
  type SuggestMappingsOptions,
  type SuggestMappingsResult,
  suggestMappings,
} from './mappings/mapping-functions';
export { type DueSync, type DueSyncsOptions, defaultSyncCadence, dueSyncs, type SyncCadence } from './schedule/due-syncs';
export { latestRuns } from './schedule/latest-runs';
export { type DueBillingSync, defaultBillingCadence, dueBillingSyncs, invoiceDay, periodOfRun } from './schedule/billing-cadence';
export * from './storage/index';
export { type ListChangesOptions, listChanges } from './sync/list-changes';
export { syncCompanies, syncProducts, syncSubscriptions } from './sync/sync-functions';
export { type SyncInvoicesOptions, syncInvoices } from './sync/billing/sync-invoices';
export type {
  SyncAlreadyRunning,
  SyncDryRunResult,
  SyncOptions,
  SyncPlan,
  SyncProgressEvent,
  SyncResult,
  SyncRunResult,
  SyncSkipped,
  SyncSubscriptionsOptions,
} from './sync/sync-types';
export * from './reconcile/index';
export * from './write-back/index';
export * from './webhooks/index';
