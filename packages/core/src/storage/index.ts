export type {
  AuthorizationGrantStatus,
  AuthorizationStore,
  ClientAuthenticationMethod,
  ConsumeAuthorizationStateResult,
  StoredAuthorizationCodeAuth,
  StoredAuthorizationGrant,
  StoredAuthorizationState,
  StoredConnectionAuth,
} from './authorizations';
export type { BillingRecordBase, BillingStores, InvoiceItemRecord, InvoiceRecord, UsageSummaryRecord } from './billing';
export type { ChangeEvent, ChangeKind, ChangePage, ChangeStore, FieldChange, NewChangeEvent } from './changes';
export { compareCursors } from './changes';
export type { CompanyDefaults, ConnectionStore, StoredConnection } from './connections';
export type { Pax8Environment, Pax8SyncEntity } from './entity';
export { pax8SyncEntities } from './entity';
export type { JsonObject, JsonValue } from './json';
export type { AcquireLockInput, LockLease, LockStore, TransactionOptions } from './locks';
export type { CompanyMapping, MappingSource, MappingState, MappingStore } from './mappings';
export type {
  ListWriteIntentsOptions,
  OutboxStore,
  StoredWriteIntent,
  WriteIntentKind,
  WriteIntentState,
  WriteIntentTarget,
} from './outbox';
export { finalWriteIntentStates } from './outbox';
export type { StoredWebhook, StoredWebhookSecret, WebhookStore } from './webhooks';
export type { QuarantinedRecord, QuarantineStore } from './quarantine';
export type {
  CompanyRecord,
  CountRecordsOptions,
  ListRecordsOptions,
  ProductRecord,
  RecordFilter,
  RecordHash,
  RecordPage,
  RecordStore,
  SubscriptionRecord,
  SyncedRecordBase,
} from './records';
export { collectRecords, type IterateRecordsOptions, iterateRecords } from './iterate-records';
export { findUnstorableText, isStorableString, type UnstorableText } from './storable-text';
export type { PageMark, RunCheckpointInput, RunCounts, RunFinish, RunOutcome, RunStore, SyncRun } from './runs';
export type { Pax8SyncStorage, Pax8SyncStorageCapabilities, Pax8SyncStores } from './storage';
export type { StoredToken, TokenStore } from './tokens';
