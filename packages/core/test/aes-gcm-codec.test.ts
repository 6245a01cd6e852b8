import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAesGcmCodec, Pax8SyncCodecError, Pax8SyncConfigError, Pax8SyncError } from '@pax8-sync/core';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

describe('createAesGcmCodec', () => {
  it('seals so the plaintext is not visible, and opens it again', async () => {
    const codec = createAesGcmCodec({ key: keyA });
    const sealed = await codec.seal('client-secret-value', 'conn-1');
    expect(sealed).not.toContain('client-secret-value');
    expect(sealed.startsWith(`pax8s1.${codec.keyId}.`)).toBe(true);
    expect(await codec.open(sealed, 'conn-1')).toBe('client-secret-value');
    expect(await codec.seal('client-secret-value', 'conn-1')).not.toBe(sealed);
  });

  it('refuses a value opened under another context or tampered with', async () => {
    const codec = createAesGcmCodec({ key: keyA });
    const sealed = await codec.seal('s3cret', 'conn-1');
    await expect(codec.open(sealed, 'conn-2')).rejects.toBeInstanceOf(Pax8SyncCodecError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    await expect(codec.open(parts.join('.'), 'conn-1')).rejects.toThrow(/does not authenticate/);
    await expect(codec.open('not-sealed', 'conn-1')).rejects.toThrow(/not a sealed/);
  });

  it('opens values sealed with a previous key after rotation, and seals with the new key', async () => {
    const old = createAesGcmCodec({ key: keyA });
    const sealedOld = await old.seal('rotate-me', 'c');
    const rotated = createAesGcmCodec({ key: keyB, previousKeys: [keyA] });
    expect(rotated.keyId).not.toBe(old.keyId);
    expect(await rotated.open(sealedOld, 'c')).toBe('rotate-me');
    const sealedNew = await rotated.seal('rotate-me', 'c');
    expect(sealedNew.split('.')[1]).toBe(rotated.keyId);
    const onlyNew = createAesGcmCodec({ key: keyB });
    const error = await onlyNew.open(sealedOld, 'c').catch((e: unknown) => e);
    expect(Pax8SyncError.isInstance(error)).toBe(true);
    expect(String(error)).toContain(old.keyId);
  });

  it('rejects a malformed key without echoing it', () => {
    const bad = 'abc-this-is-not-a-key';
    const error = (() => {
      try {
        createAesGcmCodec({ key: keyA, previousKeys: [bad] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(Pax8SyncConfigError);
    expect((error as Pax8SyncConfigError).field).toBe('previousKeys[0]');
    expect(String((error as Error).message)).not.toContain(bad);
    expect(JSON.stringify(error)).not.toContain(bad);
  });
});
