import type { Pax8RateLimitStore } from '@pax8-sync/client';
import type { ClientFactory, CredentialCodec, EngineClientOptions, IdGenerator, Pax8SyncStorage, SyncCadence, SyncClock, SyncEngineOptions, SyncLogger } from '@pax8-sync/core';
import type { Pool } from 'pg';
import type { LivenessOptions } from './liveness/liveness';
import type { MeterLike } from './metrics/meter';
import type { AccountKey } from './rate-limit/account-key';
import type { FairShareOptions } from './schedule/fair-share';

/** The shared per-account rate limit (the client's limiter, with start slots shared through a store). */
export interface WorkerRateLimitOptions {
  /** Pax8's limit per partner account, requests a minute. Default 1000. */
  requestsPerMinute?: number;
  /** Share of it used, in (0, 1]: headroom for the time between a grant and its send. Default 0.9. */
  safetyMargin?: number;
  /** Requests in flight at most per client (per sync). Default 10. */
  concurrency?: number;
  /** Which account a connection's requests count against; default {@link clientIdAccountKey} (same client id, same limit). */
  accountKey?: AccountKey;
  /** The store of an account's shared start slots; default {@link createPostgresRateLimitStore} in the worker's schema. */
  store?: (account: string) => Pax8RateLimitStore;
}

/** The write-back tasks: each connection's outbox is sent and reconciled by jobs of its own. */
export interface WorkerWriteBackOptions {
  /** How often each connection's due intents are sent, ms (besides `sendWritesNow`). Default 60 000. */
  sendEveryMs?: number;
  /** How often each connection's intents left `sending` are settled by reading Pax8 back, ms. Default 300 000. */
  reconcileEveryMs?: number;
  /**
   * An intent `sending` at least this long is a crashed sender's and is settled by the reconcile
   * task; it must outlast any send (a live sender's intent is left alone), ms. Default 300 000.
   */
  staleAfterMs?: number;
  /** Most intents one pass handles. Default 100. */
  limit?: number;
}

/** Options of {@link createPax8SyncWorker}. */
export interface Pax8SyncWorkerOptions {
  /**
   * A `pg` Pool on the database that holds the job queue (graphile-worker's schema) and the
   * worker's own tables (rate limit, liveness, schedule overrides). Usually the same database as the
   * storage. The worker never ends it.
   */
  pgPool: Pool;
  /** The storage adapter the engine syncs into (e.g. `createPostgresStorage({ client: pgPool, ... })`). */
  storage: Pax8SyncStorage;
  /** Seals credentials and tokens (e.g. `storage.codec`). */
  codec: CredentialCodec;
  /** Time source of the engine and the schedule; default the wall clock. */
  clock?: SyncClock;
  /** Id generator of the engine; default random UUIDs. */
  ids?: IdGenerator;
  /** Logger (pino-shaped, every method optional); graphile-worker's own messages go to it too. Default silent. */
  logger?: SyncLogger;
  /** Builds a connection's Pax8 client; default core's `pax8ClientFactory(clientOptions)`. Its `fetch` input is already rate limited. */
  createClient?: ClientFactory;
  /** Options of the default client factory (retry, timeouts, the client's own spacing). */
  clientOptions?: EngineClientOptions;
  /** `fetch` of the engine; default the global one. */
  fetch?: typeof fetch;
  /** Defaults for every sync (page size, prefetch, mass-deletion threshold, ...). */
  syncDefaults?: SyncEngineOptions['syncDefaults'];
  /** Jobs this process runs at once. Default 4. */
  concurrency?: number;
  /** The worker's own schema. Default `pax8_sync_worker`. */
  schema?: string;
  /** graphile-worker's schema. Default `graphile_worker`. */
  graphileSchema?: string;
  /** How often each entity is synced, ms (default companies 4 h, subscriptions 1 h, products 24 h, invoices 24 h with `billing`); per connection, see `setSchedule`. */
  cadence?: Partial<SyncCadence>;
  /** The shared per-account rate limit, or `false` for none (each client then paces itself alone). */
  rateLimit?: WorkerRateLimitOptions | false;
  /** Fair share between tenants of very different sizes. */
  fairShare?: FairShareOptions;
  /**
   * Lease of a running sync, ms, renewed after each page. A crashed process's sync is resumed once
   * it expires, so shorter recovers sooner; it must outlast the slowest page (rate-limit waits
   * included). Default 180 000.
   */
  lockTtlMs?: number;
  /** A webhook's sync starts this long after the delivery, so a burst becomes one sync, ms. Default 5 000. */
  webhookDebounceMs?: number;
  /** How often each connection with a webhook has its failed deliveries swept (`sweepWebhookDeliveries`), ms. Default 300 000. */
  webhookSweepEveryMs?: number;
  /** When the reconcile task runs (crontab pattern). Default every 10 minutes, `*\/10 * * * *`. */
  reconcileCrontab?: string;
  /** Dead-process detection. */
  liveness?: LivenessOptions;
  /**
   * On `stop()`, running syncs get this long to finish, ms; then they stop at their next request,
   * keep every committed page, and are queued again to resume elsewhere. Default 20 000.
   */
  shutdownTimeoutMs?: number;
  /** How often to look for due jobs when no notification came, ms. Default 2 000. */
  pollIntervalMs?: number;
  /** Named prepared statements (turn off behind PgBouncer in transaction mode). Default true. */
  preparedStatements?: boolean;
  /** Attempts of a failing sync job before it gives up (the reconcile task schedules it again). Default 25. */
  maxAttempts?: number;
  /**
   * The write-back tasks (outbox send and reconcile). On by default when the storage declares
   * `capabilities.writeBack`; `false` turns them off (another process sends the outbox).
   */
  writeBack?: WorkerWriteBackOptions | false;
  /**
   * Also schedule billing (`syncInvoices`, entity `invoices`): the current month every
   * `cadence.invoices` (default daily) and, once after the 5th, the previous month as final. Needs a
   * storage declaring `capabilities.billing`. Default `false`.
   */
  billing?: boolean;
  /** Where metrics go (an OpenTelemetry `Meter`, or {@link createRecordingMeter}). Default none. */
  meter?: MeterLike;
}
