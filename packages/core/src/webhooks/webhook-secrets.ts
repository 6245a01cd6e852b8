import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CredentialCodec } from '../crypto/credential-codec';
import { webhookSecretCodecContext } from '../crypto/codec-contexts';
import type { StoredWebhook, StoredWebhookSecret } from '../storage/webhooks';

/** A fresh webhook secret: 32 random bytes, base64url. @internal */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64url');

/** Seals a secret for the connection. @internal */
export async function sealWebhookSecret(codec: CredentialCodec, connectionId: string, secret: string, now: number): Promise<StoredWebhookSecret> {
  return { sealedSecret: await codec.seal(secret, webhookSecretCodecContext(connectionId)), createdAt: now, retiresAt: null };
}

/** The current secret (the first one) opened. @internal */
export async function currentWebhookSecret(codec: CredentialCodec, webhook: StoredWebhook): Promise<string | undefined> {
  const current = webhook.secrets.find((s) => s.retiresAt === null) ?? webhook.secrets[0];
  return current ? codec.open(current.sealedSecret, webhookSecretCodecContext(webhook.connectionId)) : undefined;
}

/** The secrets still accepted at `now` (current, and rotated-out ones inside their grace). @internal */
export const liveSecrets = (secrets: readonly StoredWebhookSecret[], now: number): StoredWebhookSecret[] => secrets.filter((s) => s.retiresAt === null || s.retiresAt > now);

/** SHA-256 digest of a secret: fixed length, so the comparison never depends on a length. @internal */
export const secretDigest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether `presented` equals any of `digests`, comparing every one in constant time (no early exit). @internal */
export function matchesAny(presented: string, digests: readonly Buffer[]): boolean {
  const given = secretDigest(presented);
  let found = false;
  for (const d of digests) found = timingSafeEqual(given, d) || found;
  return found;
}
