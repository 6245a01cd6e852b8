import { randomBytes } from 'node:crypto';
import { authorizationStateCodecContext, createAesGcmCodec, createSyncEngine, grantCodecContext } from '@pax8-sync/core';
import { createPostgresStorage, type PostgresStorage } from '@pax8-sync/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropStorage, dumpSchema, testDatabases, uniqueSchema } from './support/databases';

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('hex');

for (const db of testDatabases()) {
  describe(`credentials at rest and key rotation (${db.name})`, () => {
    let before: PostgresStorage;
    beforeAll(async () => {
      await db.open();
      before = createPostgresStorage({ client: db.client(), schema: uniqueSchema(), encryptionKey: oldKey });
      await before.migrate();
    });
    afterAll(async () => {
      await dropStorage(db, before);
      await db.close();
    });

    it('stores credentials and tokens sealed (AES-256-GCM); reencrypt moves them to the new key; old keys can then go', async () => {
      const secret = `top-secret-${randomBytes(12).toString('hex')}`;
      const token = `access-${randomBytes(12).toString('hex')}`;
      const engine = createSyncEngine({ storage: before, codec: before.codec });
      const connection = await engine.createConnection({
        name: 'Rotation',
        environment: 'Sandbox',
        baseUrl: 'https://api.pax8.com',
        clientId: 'client-id-1',
        clientSecret: secret,
        country: 'US',
        currency: 'USD',
      });
      await before.tokens.set(connection.id, { sealedAccessToken: await before.codec.seal(token, `pax8-sync:token:${connection.id}`), expiresAt: 1 });
      // A delegated grant (token pair) and a started authorization (PKCE verifier) are re-sealed too.
      const pair = JSON.stringify({ accessToken: `delegated-${token}`, refreshToken: `refresh-${token}` });
      const verifier = `verifier-${randomBytes(16).toString('hex')}`;
      const sealedPair = await before.codec.seal(pair, grantCodecContext(connection.id));
      await before.authorizations.putGrant({ connectionId: connection.id, status: 'connected', sealedTokens: sealedPair, accessTokenExpiresAt: 9, reason: null, authorizedAt: 1, updatedAt: 1, version: 1 }, null);
      await before.authorizations.saveState({ stateHash: 'hash-rotation', connectionId: connection.id, sealedVerifier: await before.codec.seal(verifier, authorizationStateCodecContext(connection.id, 'hash-rotation')), redirectUri: 'https://psa.example.com/cb', createdAt: 1, expiresAt: 2 });

      // A webhook registration with its current secret and a rotated-out one, both sealed with the old key.
      const hookSecrets = [`whsec-current-${token}`, `whsec-old-${token}`];
      const webhookContext = `pax8-sync:webhook-secret:${connection.id}`;
      const secrets = [
        { sealedSecret: await before.codec.seal(hookSecrets[0]!, webhookContext), createdAt: 5, retiresAt: null },
        { sealedSecret: await before.codec.seal(hookSecrets[1]!, webhookContext), createdAt: 3, retiresAt: 99 },
      ];
      await before.webhooks.put({ connectionId: connection.id, webhookId: 'wh-rotation', accountId: null, url: 'https://psa.example.com/hooks', topics: ['SUBSCRIPTION'], secrets, createdAt: 1, updatedAt: 1, version: 1 }, null);

      const dumpBefore = await dumpSchema(db, before.schema);
      expect(dumpBefore).toContain(connection.id);
      expect(dumpBefore.includes(secret) || dumpBefore.includes(token) || dumpBefore.includes(verifier)).toBe(false);
      expect(dumpBefore).toContain(`pax8s1.${before.codec.keyId}.`);

      // Rotate: the new key is current, the old one still opens what it sealed.
      const rotated = createPostgresStorage({ client: db.client(), schema: before.schema, encryptionKey: newKey, previousKeys: [oldKey] });
      expect(rotated.codec.keyId).not.toBe(before.codec.keyId);
      expect(await createSyncEngine({ storage: rotated, codec: rotated.codec }).getConnection(connection.id)).toMatchObject({ name: 'Rotation' });
      expect(await rotated.reencrypt()).toEqual({ connections: 1, tokens: 1, grants: 1, authorizationStates: 1, webhookSecrets: 2 });
      expect(await rotated.reencrypt()).toEqual({ connections: 0, tokens: 0, grants: 0, authorizationStates: 0, webhookSecrets: 0 });

      const dumpAfter = await dumpSchema(db, before.schema);
      expect(dumpAfter.includes(`pax8s1.${before.codec.keyId}.`)).toBe(false);
      expect(dumpAfter.includes(secret) || dumpAfter.includes(token) || hookSecrets.some((h) => dumpAfter.includes(h))).toBe(false);

      // Only the new key now: everything still opens.
      const only = createAesGcmCodec({ key: newKey });
      const stored = await rotated.connections.get(connection.id);
      expect(JSON.parse(await only.open(stored?.sealedCredentials ?? '', `pax8-sync:credentials:${connection.id}`))).toEqual({ clientId: 'client-id-1', clientSecret: secret });
      expect(await only.open((await rotated.tokens.get(connection.id))?.sealedAccessToken ?? '', `pax8-sync:token:${connection.id}`)).toBe(token);
      expect(await only.open((await rotated.authorizations.getGrant(connection.id))?.sealedTokens ?? '', grantCodecContext(connection.id))).toBe(pair);
      const state = await rotated.authorizations.consumeState('hash-rotation', 1);
      expect(state.outcome === 'consumed' && (await only.open(state.state.sealedVerifier, authorizationStateCodecContext(connection.id, 'hash-rotation')))).toBe(verifier);
      const hook = await rotated.webhooks.get(connection.id);
      expect(hook?.secrets.map((s) => ({ createdAt: s.createdAt, retiresAt: s.retiresAt }))).toEqual([{ createdAt: 5, retiresAt: null }, { createdAt: 3, retiresAt: 99 }]);
      expect(await Promise.all((hook?.secrets ?? []).map((s) => only.open(s.sealedSecret, webhookContext)))).toEqual(hookSecrets);
      expect(hook?.version).toBe(1);
      // And the old key alone no longer does.
      await expect(before.codec.open(stored?.sealedCredentials ?? '', `pax8-sync:credentials:${connection.id}`)).rejects.toMatchObject({ code: 'codec' });
    });
  });
}
