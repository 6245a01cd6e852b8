import type { CredentialCodec } from '../crypto/credential-codec';
import type { Pax8SyncStorage } from '../storage/storage';
import type { ClientFactory } from './client-port';
import type { IdGenerator, SyncClock } from './clock';
import type { EngineClientOptions } from './default-client-factory';
import type { SyncLogger } from './logger';

/** What every engine function needs; `createSyncEngine` binds them once. */
export interface EngineDeps {
  /** The storage adapter. */
  storage: Pax8SyncStorage;
  /** Seals credentials and tokens before they reach storage. */
  codec: CredentialCodec;
  /** Time source; default the wall clock. */
  clock?: SyncClock;
  /** Id generator; default random UUIDs. */
  ids?: IdGenerator;
  /** Logger (pino-shaped); default silent. */
  logger?: SyncLogger;
  /** Builds the Pax8 client of a connection; default `createPax8Client` from `@pax8-sync/client`. */
  createClient?: ClientFactory;
  /** Options for the default client factory (retry, rate limit, timeouts, sleep, validation). */
  clientOptions?: EngineClientOptions;
  /** `fetch` handed to the client factory (and used for delegated authorization); default the global `fetch`. */
  fetch?: typeof fetch;
  /** Waits `ms` (while another process renews a delegated token); default a timer. Inject one that returns at once in tests. */
  sleep?: (ms: number) => Promise<void>;
}
