import type { CredentialCodec } from '../crypto/credential-codec';
import { webhookSecretCodecContext } from '../crypto/codec-contexts';
import type { StoredWebhook, WebhookStore } from '../storage/webhooks';
import { matchesAny, secretDigest } from './webhook-secrets';

interface CachedDigests {
  version: number;
  digests: { digest: Buffer; retiresAt: number | null }[];
}

/**
 * Routes a delivery to its webhook and checks its Authorization header against every secret still
 * accepted, in constant time. Opened secrets are kept only as SHA-256 digests, cached per
 * (connection, version). @internal
 */
export function webhookAuthenticator(store: WebhookStore, codec: CredentialCodec) {
  const cache = new Map<string, CachedDigests>();
  async function digestsOf(webhook: StoredWebhook, now: number): Promise<Buffer[]> {
    let entry = cache.get(webhook.connectionId);
    if (entry?.version !== webhook.version) {
      const opened = await Promise.all(
        webhook.secrets.map(async (s) => ({ digest: secretDigest(await codec.open(s.sealedSecret, webhookSecretCodecContext(webhook.connectionId))), retiresAt: s.retiresAt })),
      );
      entry = { version: webhook.version, digests: opened };
      cache.set(webhook.connectionId, entry);
    }
    return entry.digests.filter((d) => d.retiresAt === null || d.retiresAt > now).map((d) => d.digest);
  }
  return {
    /** Candidate webhooks: by webhook id, else every one of the account. */
    async route(webhookId: string, accountId: string): Promise<StoredWebhook[]> {
      const byId = await store.findByWebhookId(webhookId);
      return byId ? [byId] : store.findByAccountId(accountId);
    },
    /** The candidate whose accepted secrets include the presented one, or `undefined`. */
    async verify(candidates: readonly StoredWebhook[], presented: string, now: number): Promise<StoredWebhook | undefined> {
      let match: StoredWebhook | undefined;
      for (const webhook of candidates) if (matchesAny(presented, await digestsOf(webhook, now)) && !match) match = webhook;
      return match;
    },
  };
}
