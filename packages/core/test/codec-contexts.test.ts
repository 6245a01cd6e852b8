import { randomBytes } from 'node:crypto';
import { createAesGcmCodec, createSyncEngine, credentialsCodecContext, tokenCodecContext, webhookSecretCodecContext } from '@pax8-sync/core';
import { createMemoryStorage } from '@pax8-sync/storage-memory';
import { describe, expect, it } from 'vitest';

describe('codec context builders', () => {
  it('name the contexts the engine seals credentials and tokens under, so an adapter can re-seal them', async () => {
    expect(credentialsCodecContext('conn-1')).toBe('pax8-sync:credentials:conn-1');
    expect(tokenCodecContext('conn-1')).toBe('pax8-sync:token:conn-1');
    // storage-postgres re-seals webhook secrets under exactly this string.
    expect(webhookSecretCodecContext('conn-1')).toBe('pax8-sync:webhook-secret:conn-1');

    const storage = createMemoryStorage();
    const codec = createAesGcmCodec({ key: randomBytes(32) });
    const engine = createSyncEngine({ storage, codec });
    const { id } = await engine.createConnection({
      name: 'Pax8',
      environment: 'Production',
      clientId: 'client-id-1',
      clientSecret: 'client-secret-1',
      country: 'US',
      currency: 'USD',
    });
    const stored = await storage.connections.get(id);
    expect(JSON.parse(await codec.open(stored!.sealedCredentials, credentialsCodecContext(id)))).toMatchObject({ clientId: 'client-id-1', clientSecret: 'client-secret-1' });
    await expect(codec.open(stored!.sealedCredentials, tokenCodecContext(id))).rejects.toThrow();
  });
});
