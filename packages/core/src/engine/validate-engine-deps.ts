import { Pax8SyncConfigError } from '../errors/config-error';
import type { EngineDeps } from './engine-deps';

const storeNames = ['connections', 'tokens', 'companies', 'products', 'subscriptions', 'mappings', 'runs', 'changes', 'quarantine', 'locks'] as const;

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the dependencies every engine function needs, at once, so a missing `codec` or `storage`
 * is a typed error naming it instead of a `TypeError` deep inside a sync. Throws
 * `Pax8SyncConfigError`. @internal
 */
export function validateEngineDeps(deps: Partial<EngineDeps> | undefined, needs: { codec: boolean } = { codec: true }): void {
  if (!isObject(deps)) throw new Pax8SyncConfigError('options', `must be an object with at least { storage, codec } (got ${describe(deps)}).`);
  const { storage } = deps;
  if (!isObject(storage)) {
    throw new Pax8SyncConfigError(
      'storage',
      `is required: pass a storage adapter, e.g. createMemoryStorage() from @pax8-sync/storage-memory or createPostgresStorage({ client, encryptionKey }) from @pax8-sync/storage-postgres (got ${describe(storage)}).`,
    );
  }
  if (storage.specificationVersion !== 'v1') {
    throw new Pax8SyncConfigError('storage.specificationVersion', `must be 'v1': this engine implements storage contract v1 (got ${JSON.stringify(storage.specificationVersion) ?? 'undefined'}).`);
  }
  if (typeof storage.transaction !== 'function') throw new Pax8SyncConfigError('storage.transaction', 'must be a function: the adapter does not implement the v1 contract (see docs/guides/custom-adapter.md).');
  if (!isObject(storage.capabilities)) throw new Pax8SyncConfigError('storage.capabilities', 'must be an object declaring { concurrentTransactions, durable }.');
  for (const name of storeNames) {
    if (!isObject(storage[name])) throw new Pax8SyncConfigError(`storage.${name}`, 'is missing: the adapter does not implement the v1 contract (see docs/guides/custom-adapter.md).');
  }
  if (storage.capabilities.delegatedAuthorization === true && !isObject(storage.authorizations)) {
    throw new Pax8SyncConfigError('storage.authorizations', 'is missing, but the adapter declares capabilities.delegatedAuthorization: implement the authorizations store, or do not declare the capability.');
  }
  const { codec } = deps;
  if (needs.codec || codec !== undefined) {
    if (!isObject(codec) || typeof codec.seal !== 'function' || typeof codec.open !== 'function') {
      throw new Pax8SyncConfigError(
        'codec',
        `is required: pass a CredentialCodec (it seals credentials and tokens before they reach storage), e.g. createAesGcmCodec({ key }) from @pax8-sync/core, or storage.codec of @pax8-sync/storage-postgres (got ${describe(codec)}).`,
      );
    }
  }
  const fn = (field: keyof EngineDeps, what: string) => {
    if (deps[field] !== undefined && typeof deps[field] !== 'function') throw new Pax8SyncConfigError(field, `must be ${what}, or omitted (got ${describe(deps[field])}).`);
  };
  if (deps.clock !== undefined && (!isObject(deps.clock) || typeof deps.clock.now !== 'function')) {
    throw new Pax8SyncConfigError('clock', `must be an object with now(): epoch ms, e.g. { now: () => Date.now() }, or omitted (got ${describe(deps.clock)}).`);
  }
  fn('ids', 'a function returning a unique id string');
  fn('createClient', 'a function (input) => Pax8SyncClient, e.g. pax8ClientFactory()');
  fn('fetch', 'a fetch function');
  fn('sleep', 'a function (ms) => Promise<void>');
  if (deps.logger !== undefined && !isObject(deps.logger)) throw new Pax8SyncConfigError('logger', `must be an object with optional debug/info/warn/error methods, or omitted (got ${describe(deps.logger)}).`);
  if (deps.clientOptions !== undefined && !isObject(deps.clientOptions)) throw new Pax8SyncConfigError('clientOptions', `must be an object of Pax8 client options, or omitted (got ${describe(deps.clientOptions)}).`);
}
