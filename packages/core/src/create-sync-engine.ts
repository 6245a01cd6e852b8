import { type BeginAuthorizationOptions, type BeginAuthorizationResult, beginAuthorization } from './auth/begin-authorization';
import { type AuthorizationCallback, type CompleteAuthorizationResult, completeAuthorization } from './auth/complete-authorization';
import { type InitialSyncResult, runInitialSync } from './auth/run-initial-sync';
import type { ConnectionSettings, ConnectionSettingsUpdate, ConnectionView } from './connections/connection-settings';
import {
  createConnection,
  getConnection,
  removeConnection,
  updateConnection,
  type VerifyConnectionResult,
  verifyConnection,
} from './connections/connection-functions';
import { pax8ClientFactory } from './engine/default-client-factory';
import type { EngineDeps } from './engine/engine-deps';
import { validateEngineDeps } from './engine/validate-engine-deps';
import { Pax8SyncConfigError } from './errors/config-error';
import {
  type ConfirmMappingsOptions,
  confirmMappings,
  type ListMappingsOptions,
  listMappings,
  type MappingListItem,
  type RejectMappingOptions,
  rejectMapping,
  type SetMappingOptions,
  setMapping,
  type SuggestMappingsOptions,
  type SuggestMappingsResult,
  suggestMappings,
} from './mappings/mapping-functions';
import { reconcile } from './reconcile/reconcile';
import type { ReconcileOptions, Reconciliation } from './reconcile/reconcile-types';
import type { ChangePage } from './storage/changes';
import type { CompanyMapping } from './storage/mappings';
import { type ListChangesOptions, listChanges } from './sync/list-changes';
import { type SyncInvoicesOptions, syncInvoices } from './sync/billing/sync-invoices';
import { syncCompanies, syncProducts, syncSubscriptions } from './sync/sync-functions';
import type { SyncOptions, SyncResult, SyncSubscriptionsOptions } from './sync/sync-types';
import { validateSyncTuning } from './sync/validate-sync-options';
import {
  approveWrite,
  getWrite,
  getWritePolicy,
  type ListWritesOptions,
  listWrites,
  type PreviewWriteOptions,
  previewWrite,
  type ReconcileWritesOptions,
  reconcileWrites,
  rejectWrite,
  type RequestWriteOptions,
  requestWrite,
  retryWrite,
  type ScheduleWriteOptions,
  type SendDueWritesOptions,
  scheduleWrite,
  sendDueWrites,
  setWritePolicy,
  type WriteDecision,
  type WriteIntent,
  type WritePassResult,
  type WritePolicy,
  type WritePolicyUpdate,
  type WritePreview,
} from './write-back/index';
import {
  createWebhookReceiver,
  createWebhookSyncScheduler,
  type EnsureWebhookOptions,
  type EnsureWebhookResult,
  ensureWebhook,
  type RotateWebhookSecretOptions,
  rotateWebhookSecret,
  type SweepWebhookDeliveriesOptions,
  type SweepWebhookDeliveriesResult,
  sweepWebhookDeliveries,
  type WebhookReceiverOptions,
  type WebhookRegistration,
  type WebhookRequestHandler,
  type WebhookSyncScheduler,
  type WebhookSyncSchedulerOptions,
} from './webhooks/index';

/** The options of an engine function without the dependencies the engine already bound. */
export type BoundOptions<T> = Omit<T, keyof EngineDeps>;

/** Options of {@link createSyncEngine}: the shared dependencies and sync defaults. */
export interface SyncEngineOptions extends EngineDeps {
  /** Defaults for every sync (each call may override them). */
  syncDefaults?: Partial<Omit<SyncSubscriptionsOptions, keyof EngineDeps | 'connectionId'>>;
}

/** The engine with its dependencies bound: every function takes only what varies per call. */
export interface SyncEngine {
  /** See {@link createConnection}. */
  createConnection(settings: ConnectionSettings): Promise<ConnectionView>;
  /** See {@link updateConnection}. */
  updateConnection(connectionId: string, settings: ConnectionSettingsUpdate): Promise<ConnectionView>;
  /** See {@link getConnection}. */
  getConnection(connectionId: string): Promise<ConnectionView>;
  /** See {@link verifyConnection}. */
  verifyConnection(connectionId: string): Promise<VerifyConnectionResult>;
  /** See {@link removeConnection}. */
  removeConnection(connectionId: string): Promise<void>;
  /** "Connect to Pax8": the login URL for a delegated connection; see {@link beginAuthorization}. */
  beginAuthorization(options: BoundOptions<BeginAuthorizationOptions>): Promise<BeginAuthorizationResult>;
  /** The callback of "Connect to Pax8"; see {@link completeAuthorization}. */
  completeAuthorization(callback: AuthorizationCallback): Promise<CompleteAuthorizationResult>;
  /** Companies, then products, after connecting; see {@link runInitialSync}. */
  runInitialSync(options: BoundOptions<SyncOptions>): Promise<InitialSyncResult>;
  /** See {@link syncCompanies}. */
  syncCompanies(options: BoundOptions<SyncOptions>): Promise<SyncResult>;
  /** See {@link syncProducts}. */
  syncProducts(options: BoundOptions<SyncOptions>): Promise<SyncResult>;
  /** See {@link syncSubscriptions}. */
  syncSubscriptions(options: BoundOptions<SyncSubscriptionsOptions>): Promise<SyncResult>;
  /** A month's invoices, items, draft items and usage summaries; see {@link syncInvoices}. */
  syncInvoices(options: BoundOptions<SyncInvoicesOptions>): Promise<SyncResult>;
  /** Pax8's charges, the synced subscriptions and the PSA's lines of a month, every difference named; see {@link reconcile}. */
  reconcile(options: BoundOptions<ReconcileOptions>): Reconciliation;
  /** See {@link suggestMappings}. */
  suggestMappings(options: BoundOptions<SuggestMappingsOptions>): Promise<SuggestMappingsResult>;
  /** See {@link confirmMappings}. */
  confirmMappings(options: BoundOptions<ConfirmMappingsOptions>): Promise<CompanyMapping[]>;
  /** See {@link rejectMapping}. */
  rejectMapping(options: BoundOptions<RejectMappingOptions>): Promise<CompanyMapping>;
  /** See {@link setMapping}. */
  setMapping(options: BoundOptions<SetMappingOptions>): Promise<CompanyMapping>;
  /** See {@link listMappings}. */
  listMappings(options: BoundOptions<ListMappingsOptions>): Promise<MappingListItem[]>;
  /** Reads the change feed of a connection after a cursor; see {@link listChanges}. */
  listChanges(connectionId: string, options?: Omit<ListChangesOptions, 'storage' | 'connectionId'>): Promise<ChangePage>;
  /** Write-back: records an intent, approved or pending by the connection's policy; see {@link requestWrite}. */
  requestWrite(options: BoundOptions<RequestWriteOptions>): Promise<WriteIntent>;
  /** What Pax8 would do with a change and what blocks it; see {@link previewWrite}. */
  previewWrite(options: BoundOptions<PreviewWriteOptions>): Promise<WritePreview>;
  /** A person approves a pending intent; see {@link approveWrite}. */
  approveWrite(decision: WriteDecision): Promise<WriteIntent>;
  /** A person rejects an unsent intent; see {@link rejectWrite}. */
  rejectWrite(decision: WriteDecision): Promise<WriteIntent>;
  /** A person sends an `unknown` or `conflict` intent again; see {@link retryWrite}. */
  retryWrite(decision: WriteDecision): Promise<WriteIntent>;
  /** Holds an unsent intent until a time; see {@link scheduleWrite}. */
  scheduleWrite(options: BoundOptions<ScheduleWriteOptions>): Promise<WriteIntent>;
  /** One pass of the sender; see {@link sendDueWrites}. */
  sendDueWrites(options: BoundOptions<SendDueWritesOptions>): Promise<WritePassResult>;
  /** Settles intents left `sending` by reading Pax8 back; see {@link reconcileWrites}. */
  reconcileWrites(options: BoundOptions<ReconcileWritesOptions>): Promise<WritePassResult>;
  /** The connection's intents; see {@link listWrites}. */
  listWrites(options: Omit<ListWritesOptions, 'storage'>): Promise<WriteIntent[]>;
  /** One intent; see {@link getWrite}. */
  getWrite(connectionId: string, intentId: string): Promise<WriteIntent>;
  /** Changes the connection's write-back policy; see {@link setWritePolicy}. */
  setWritePolicy(connectionId: string, policy: WritePolicyUpdate): Promise<WritePolicy>;
  /** The connection's write-back policy; see {@link getWritePolicy}. */
  getWritePolicy(connectionId: string): Promise<WritePolicy>;
  /** Registers or updates the connection's Pax8 webhook, idempotently; see {@link ensureWebhook}. */
  ensureWebhook(options: BoundOptions<EnsureWebhookOptions>): Promise<EnsureWebhookResult>;
  /** A new webhook secret, the old one accepted for a grace period; see {@link rotateWebhookSecret}. */
  rotateWebhookSecret(options: BoundOptions<RotateWebhookSecretOptions>): Promise<WebhookRegistration>;
  /** Schedules what failed deliveries named; see {@link sweepWebhookDeliveries}. */
  sweepWebhookDeliveries(options: BoundOptions<SweepWebhookDeliveriesOptions>): Promise<SweepWebhookDeliveriesResult>;
  /** The webhook receiver with the engine's storage, codec, clock and logger; see {@link createWebhookReceiver}. */
  createWebhookReceiver(options: Omit<WebhookReceiverOptions, 'storage' | 'codec'>): WebhookRequestHandler;
  /** Coalesced targeted syncs from deliveries, with the engine's dependencies and sync defaults; see {@link createWebhookSyncScheduler}. */
  createWebhookSyncScheduler(options?: BoundOptions<WebhookSyncSchedulerOptions>): WebhookSyncScheduler;
}

/**
 * Binds storage, codec, clock, ids, logger and client factory once (so the clients of one connection
 * share one rate limiter across every sync of this engine, see `pax8ClientFactory`). Every option is checked here:
 * a missing `storage` or `codec`, or a malformed one, is a `Pax8SyncConfigError` naming it.
 * @throws `Pax8SyncConfigError` naming the bad option (`storage`, `codec`, `clock`, `syncDefaults.pageSize`, ...).
 * @example
 * const engine = createSyncEngine({ storage: createMemoryStorage(), codec: createAesGcmCodec({ key }) });
 * const connection = await engine.createConnection({ name: 'Pax8', environment: 'Production', clientId, clientSecret, country: 'US', currency: 'USD' });
 * await engine.syncCompanies({ connectionId: connection.id });
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  validateEngineDeps(options);
  const { syncDefaults, ...given } = options;
  // One factory for the engine's lifetime: its clients of one connection share one rate limiter.
  const deps: EngineDeps = { ...given, createClient: given.createClient ?? pax8ClientFactory(given.clientOptions) };
  if (syncDefaults !== undefined && (typeof syncDefaults !== 'object' || syncDefaults === null)) {
    throw new Pax8SyncConfigError('syncDefaults', 'must be an object of sync options (pageSize, prefetch, ...), or omitted.');
  }
  validateSyncTuning(syncDefaults ?? {}, 'syncDefaults.');
  const sync = { ...syncDefaults };
  // Confirmation re-reads store subscriptions with the same status mapping as the syncs.
  const writeDefaults = syncDefaults?.statusMapping ? { statusMapping: syncDefaults.statusMapping } : {};
  return {
    createConnection: (settings) => createConnection({ ...deps, settings }),
    updateConnection: (connectionId, settings) => updateConnection({ ...deps, connectionId, settings }),
    getConnection: (connectionId) => getConnection({ storage: deps.storage, connectionId }),
    verifyConnection: (connectionId) => verifyConnection({ ...deps, connectionId }),
    removeConnection: (connectionId) => removeConnection({ storage: deps.storage, connectionId }),
    beginAuthorization: (o) => beginAuthorization({ ...deps, ...o }),
    completeAuthorization: (callback) => completeAuthorization({ ...deps, callback }),
    runInitialSync: (o) => runInitialSync({ ...sync, ...deps, ...o }),
    syncCompanies: (o) => syncCompanies({ ...sync, ...deps, ...o }),
    syncProducts: (o) => syncProducts({ ...sync, ...deps, ...o }),
    syncSubscriptions: (o) => syncSubscriptions({ ...sync, ...deps, ...o }),
    syncInvoices: (o) => syncInvoices({ ...sync, ...deps, ...o }),
    reconcile: (o) => reconcile({ ...deps, ...o }),
    suggestMappings: (o) => suggestMappings({ ...deps, ...o }),
    confirmMappings: (o) => confirmMappings({ ...deps, ...o }),
    rejectMapping: (o) => rejectMapping({ ...deps, ...o }),
    setMapping: (o) => setMapping({ ...deps, ...o }),
    listMappings: (o) => listMappings({ ...deps, ...o }),
    listChanges: (connectionId, o = {}) => listChanges({ ...o, storage: deps.storage, connectionId }),
    requestWrite: (o) => requestWrite({ ...deps, ...o }),
    previewWrite: (o) => previewWrite({ ...deps, ...o } as PreviewWriteOptions),
    approveWrite: (d) => approveWrite({ ...deps, ...d }),
    rejectWrite: (d) => rejectWrite({ ...deps, ...d }),
    retryWrite: (d) => retryWrite({ ...deps, ...d }),
    scheduleWrite: (o) => scheduleWrite({ ...deps, ...o }),
    sendDueWrites: (o) => sendDueWrites({ ...writeDefaults, ...deps, ...o }),
    reconcileWrites: (o) => reconcileWrites({ ...writeDefaults, ...deps, ...o }),
    listWrites: (o) => listWrites({ ...o, storage: deps.storage }),
    getWrite: (connectionId, intentId) => getWrite({ storage: deps.storage, connectionId, intentId }),
    setWritePolicy: (connectionId, policy) => setWritePolicy({ ...deps, connectionId, policy }),
    getWritePolicy: (connectionId) => getWritePolicy({ storage: deps.storage, connectionId }),
    ensureWebhook: (o) => ensureWebhook({ ...deps, ...o }),
    rotateWebhookSecret: (o) => rotateWebhookSecret({ ...deps, ...o }),
    sweepWebhookDeliveries: (o) => sweepWebhookDeliveries({ ...deps, ...o }),
    createWebhookReceiver: (o) =>
      createWebhookReceiver({ storage: deps.storage, codec: deps.codec, ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.logger ? { logger: deps.logger } : {}), ...o }),
    createWebhookSyncScheduler: (o = {}) => createWebhookSyncScheduler({ ...sync, ...deps, ...o }),
  };
}
