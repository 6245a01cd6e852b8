import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Pax8SyncCodecError } from '../errors/codec-error';
import { Pax8SyncConfigError } from '../errors/config-error';
import type { CredentialCodec } from './credential-codec';

/** A 32-byte AES-256 key: raw bytes, or a string of 64 hex digits or base64 of 32 bytes. */
export type AesKey = Uint8Array | string;

/** Options of {@link createAesGcmCodec}. */
export interface AesGcmCodecOptions {
  /** The current key; new values are sealed with it. */
  key: AesKey;
  /** Older keys, still accepted by `open` so values sealed before a rotation stay readable. */
  previousKeys?: readonly AesKey[];
}

const prefix = 'pax8s1';

function decodeKey(key: AesKey, field: string): Buffer {
  let bytes: Buffer | undefined;
  if (typeof key !== 'string') bytes = Buffer.from(key);
  else if (/^[0-9a-fA-F]{64}$/.test(key)) bytes = Buffer.from(key, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(key)) bytes = Buffer.from(key, 'base64');
  if (bytes === undefined || bytes.length !== 32) {
    // Never echo the key: only its shape is described.
    throw new Pax8SyncConfigError(field, 'must be a 32-byte key (Uint8Array, 64 hex digits, or base64 of 32 bytes); generate one with `openssl rand -base64 32`.');
  }
  return bytes;
}

function keyIdOf(key: Buffer): string {
  // A short digest identifies the key without revealing it (the key has 256 bits of entropy).
  return createHash('sha256').update('pax8-sync key id').update(key).digest('base64url').slice(0, 8);
}

/**
 * AES-256-GCM credential codec with key rotation. Sealed values read
 * `pax8s1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url); the key id picks the key on `open`.
 * @example
 * const codec = createAesGcmCodec({ key: process.env.PAX8_SYNC_KEY!, previousKeys: [oldKey] });
 */
export function createAesGcmCodec(options: AesGcmCodecOptions): CredentialCodec {
  const current = decodeKey(options.key, 'key');
  const keys = new Map<string, Buffer>();
  (options.previousKeys ?? []).forEach((key, index) => {
    const bytes = decodeKey(key, `previousKeys[${index}]`);
    keys.set(keyIdOf(bytes), bytes);
  });
  const keyId = keyIdOf(current);
  keys.set(keyId, current);

  return {
    keyId,
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [prefix, keyId, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
    },
    async open(sealed, context) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== prefix) {
        throw new Pax8SyncCodecError('The value is not a sealed pax8-sync value (expected pax8s1.<keyId>.<iv>.<data>.<tag>).');
      }
      const [, id, iv, body, tag] = parts as [string, string, string, string, string];
      const key = keys.get(id);
      if (key === undefined) {
        throw new Pax8SyncCodecError(`The value was sealed with key id "${id}", which is neither the current key nor in previousKeys.`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new Pax8SyncCodecError(`The sealed value (key id "${id}") does not authenticate: it was tampered with or sealed for another context.`);
      }
    },
  };
}
