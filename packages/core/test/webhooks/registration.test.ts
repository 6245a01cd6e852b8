import { ensureWebhook, Pax8SyncConfigError, Pax8SyncSandboxWriteError, rotateWebhookSecret, webhookSecretCodecContext } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHookHarness, type HookHarness, loggedText, RECEIVER_URL } from './support';

let h: HookHarness;
afterEach(async () => h?.close());

describe('ensureWebhook', () => {
  it('registers once: run twice, one webhook in Pax8, stored with a sealed secret Pax8 sends back', async () => {
    h = await createHookHarness();
    const first = await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION', 'COMPANY'] });
    const second = await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['COMPANY', 'SUBSCRIPTION'] });
    expect(first).toMatchObject({ created: true, updated: false });
    expect(second).toMatchObject({ created: false, updated: false });
    expect(h.hooks()).toHaveLength(1);
    const [hook] = h.hooks();
    expect(hook).toMatchObject({ url: RECEIVER_URL, active: true });
    expect(hook!.webhookTopics.map((t) => t.topic).sort()).toEqual(['COMPANY', 'SUBSCRIPTION']);
    const stored = await h.storage.webhooks.get(h.connectionId);
    expect(hook!.accountId).toMatch(/.+/);
    expect(stored).toMatchObject({ webhookId: hook!.id, accountId: hook!.accountId, topics: ['COMPANY', 'SUBSCRIPTION'], version: 1 });
    expect(stored!.secrets).toHaveLength(1);
    expect(stored!.secrets[0]!.sealedSecret).not.toContain(hook!.authorization);
    expect(await h.options.codec.open(stored!.secrets[0]!.sealedSecret, webhookSecretCodecContext(h.connectionId))).toBe(hook!.authorization);
    expect(hook!.authorization).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loggedText(h)).not.toContain(hook!.authorization);
    expect(JSON.stringify(second)).not.toContain(hook!.authorization);
  });

  it('updates topics and URL in place, and creates again when the registration was deleted in Pax8', async () => {
    h = await createHookHarness();
    await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION'] });
    const moved = await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: 'http://127.0.0.1:9/other', topics: ['SUBSCRIPTION', 'ORDER'] });
    expect(moved).toMatchObject({ created: false, updated: true });
    expect(h.hooks()).toHaveLength(1);
    expect(h.hooks()[0]).toMatchObject({ url: 'http://127.0.0.1:9/other' });
    expect(h.hooks()[0]!.webhookTopics.map((t) => t.topic).sort()).toEqual(['ORDER', 'SUBSCRIPTION']);
    h.sim.world.webhooks.remove(h.hooks()[0]!.id);
    const again = await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION'] });
    expect(again.created).toBe(true);
    expect(h.hooks()).toHaveLength(1);
    expect((await h.storage.webhooks.get(h.connectionId))!.webhookId).toBe(h.hooks()[0]!.id);
  });

  it('a crash between create and store: the next run adopts the registration instead of making a second one', async () => {
    h = await createHookHarness();
    const realPut = h.storage.webhooks.put.bind(h.storage.webhooks);
    h.storage.webhooks.put = async () => {
      throw new Error('process killed');
    };
    await expect(ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION'] })).rejects.toThrow('process killed');
    expect(h.hooks()).toHaveLength(1);
    h.storage.webhooks.put = realPut;
    const adopted = await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION'] });
    expect(adopted).toMatchObject({ created: false, updated: true });
    expect(h.hooks()).toHaveLength(1);
    const stored = await h.storage.webhooks.get(h.connectionId);
    // The adopted registration now carries the secret we stored (the lost one was never kept).
    expect(await h.options.codec.open(stored!.secrets[0]!.sealedSecret, webhookSecretCodecContext(h.connectionId))).toBe(h.hooks()[0]!.authorization);
  });

  it('an unknown topic is a typed error naming it and listing the topic definitions; nothing is registered', async () => {
    h = await createHookHarness();
    const error = await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION', 'SUBSCRIPTIONS'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Pax8SyncConfigError);
    expect(error).toMatchObject({ field: 'topics' });
    expect((error as Error).message).toContain("'SUBSCRIPTIONS'");
    expect((error as Error).message).toContain('PROVISIONING');
    expect(h.calls()).toContain('GET /api/v2/webhooks/topic-definitions');
    expect(h.hooks()).toHaveLength(0);
    expect(await h.storage.webhooks.get(h.connectionId)).toBeUndefined();
  });

  it('a bad url is a typed error naming the field', async () => {
    h = await createHookHarness();
    await expect(ensureWebhook({ ...h.options, connectionId: h.connectionId, url: 'not a url', topics: ['SUBSCRIPTION'] })).rejects.toMatchObject({ field: 'url' });
  });

  it('a Sandbox connection is refused before anything reaches Pax8', async () => {
    h = await createHookHarness({}, 'Sandbox');
    await expect(ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION'] })).rejects.toBeInstanceOf(Pax8SyncSandboxWriteError);
    expect(h.hooks()).toHaveLength(0);
    expect(h.calls()).toEqual([]);
  });
});

describe('rotateWebhookSecret', () => {
  it('sends a new secret to Pax8 and keeps the old one accepted until the grace ends', async () => {
    h = await createHookHarness();
    await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: RECEIVER_URL, topics: ['SUBSCRIPTION'] });
    const old = h.hooks()[0]!.authorization;
    const view = await rotateWebhookSecret({ ...h.options, connectionId: h.connectionId, graceMs: 60_000 });
    const fresh = h.hooks()[0]!.authorization;
    expect(fresh).not.toBe(old);
    expect(view).toMatchObject({ acceptedSecrets: 2, graceEndsAt: h.clock.now() + 60_000 });
    const stored = await h.storage.webhooks.get(h.connectionId);
    const opened = await Promise.all(stored!.secrets.map((s) => h.options.codec.open(s.sealedSecret, webhookSecretCodecContext(h.connectionId))));
    expect(opened).toEqual([fresh, old]);
    expect(stored!.secrets.map((s) => s.retiresAt)).toEqual([null, h.clock.now() + 60_000]);
    h.clock.advance(60_001);
    const later = await rotateWebhookSecret({ ...h.options, connectionId: h.connectionId, graceMs: 60_000 });
    expect(later.acceptedSecrets).toBe(2);
    expect((await h.storage.webhooks.get(h.connectionId))!.secrets).toHaveLength(2);
    expect(loggedText(h)).not.toContain(old);
    expect(loggedText(h)).not.toContain(fresh);
  });

  it('without a webhook: a typed not-found error', async () => {
    h = await createHookHarness();
    await expect(rotateWebhookSecret({ ...h.options, connectionId: h.connectionId })).rejects.toMatchObject({ code: 'not-found' });
  });
});
