import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine, Pax8SyncConfigError, type SyncEngineOptions, syncCompanies } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { describe, expect, it } from 'vitest';

const configError = (fn: () => unknown): Pax8SyncConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Pax8SyncConfigError) return error;
    throw error;
  }
  throw new Error('expected a Pax8SyncConfigError');
};

describe('createSyncEngine checks every option at creation', () => {
  const storage = createMemoryStorage();
  const codec = createAesGcmCodec({ key: randomBytes(32) });

  it('without a codec: a typed error naming `codec` and how to make one, not a TypeError later', () => {
    const error = configError(() => createSyncEngine({ storage } as unknown as SyncEngineOptions));
    expect(error).toMatchObject({ field: 'codec', code: 'invalid-input' });
    expect(error.message).toMatch(/^codec: is required: pass a CredentialCodec .*createAesGcmCodec\(\{ key \}\)/);
  });

  it.each<[string, Record<string, unknown>]>([
    ['options', null as unknown as Record<string, unknown>],
    ['storage', { storage: undefined }],
    ['storage', { storage: 'postgres://localhost' }],
    ['storage.specificationVersion', { storage: { ...storage, specificationVersion: 'v2' } }],
    ['storage.transaction', { storage: { ...storage, transaction: undefined } }],
    ['storage.subscriptions', { storage: { ...storage, subscriptions: undefined } }],
    ['codec', { codec: { seal: () => 'x' } }],
    ['clock', { clock: () => 0 }],
    ['ids', { ids: 'abc' }],
    ['logger', { logger: 'console' }],
    ['createClient', { createClient: {} }],
    ['clientOptions', { clientOptions: 5 }],
    ['fetch', { fetch: 'https://x' }],
    ['syncDefaults', { syncDefaults: 3 }],
    ['syncDefaults.pageSize', { syncDefaults: { pageSize: 500 } }],
    ['syncDefaults.massDeletionThreshold', { syncDefaults: { massDeletionThreshold: Number.NaN } }],
    ['syncDefaults.onProgress', { syncDefaults: { onProgress: 'log' } }],
  ])('refuses a bad %s, naming it', (field, patch) => {
    const options = patch === null ? null : { storage, codec, ...patch };
    expect(configError(() => createSyncEngine(options as unknown as SyncEngineOptions)).field).toBe(field);
  });

  it('the standalone functions check their dependencies the same way', async () => {
    const error = await syncCompanies({ storage, connectionId: 'c-1' } as unknown as Parameters<typeof syncCompanies>[0]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pax8SyncConfigError);
    expect((error as Pax8SyncConfigError).field).toBe('codec');
  });

  it('accepts the minimal and the full set of options', () => {
    expect(() => createSyncEngine({ storage, codec })).not.toThrow();
    expect(() =>
      createSyncEngine({ storage, codec, clock: { now: () => 0 }, ids: () => 'x', logger: {}, fetch, clientOptions: {}, syncDefaults: { pageSize: 100, prefetch: 2, onProgress: () => undefined } }),
    ).not.toThrow();
  });
});
