import { createWebhookReceiver, ensureWebhook, rotateWebhookSecret, type WebhookDelivery, type WebhookRejection } from '@pax8-sync/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncEngine } from '@pax8-sync/core';
import { captureLogger } from '../support/harness';
import { countWrites, createHookHarness, type HookHarness, serve } from './support';

let h: HookHarness;
let server: Awaited<ReturnType<typeof serve>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await h?.close();
});

async function setup() {
  h = await createHookHarness();
  const delivered: WebhookDelivery[] = [];
  const rejected: WebhookRejection[] = [];
  const receiverLog = captureLogger();
  const receive = createWebhookReceiver({ storage: h.storage, codec: h.options.codec, clock: h.clock, logger: receiverLog.logger, onDelivery: (d) => void delivered.push(d), onRejected: (r) => void rejected.push(r) });
  server = await serve(receive);
  await ensureWebhook({ ...h.options, connectionId: h.connectionId, url: server.url, topics: ['SUBSCRIPTION', 'COMPANY'] });
  const hook = h.hooks()[0]!;
  return { delivered, rejected, receiverLog, url: server.url, hook, secret: hook.authorization as string };
}

const body = (webhookId: string, accountId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ accountId, webhookId, sentAt: '2026-06-01T12:00:00Z', webhookTopic: { id: 't', topic: 'SUBSCRIPTION', filters: [] }, payloadData: { action: 'UPDATED', id: 'sub-1' }, ...extra });

const post = (url: string, payload: BodyInit, authorization?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) }, body: payload, duplex: 'half' } as RequestInit);

describe('the receiver over HTTP', () => {
  it("accepts the simulator's delivery with the registration's secret and routes it to the connection; a duplicate copy is dropped", async () => {
    const s = await setup();
    const subscription = h.sim.world.subscriptions.list()[0]!;
    h.sim.webhooks.inject({ kind: 'duplicate' });
    h.sim.webhooks.emit({ topic: 'SUBSCRIPTION', id: subscription.id });
    await h.sim.webhooks.settled();
    const attempts = h.sim.webhooks.deliveries;
    expect(attempts.map((a) => [a.outcome, a.httpStatusCode, a.duplicate])).toEqual([
      ['SUCCESS', 202, false],
      ['SUCCESS', 200, true],
    ]);
    expect(s.delivered).toEqual([{ connectionId: h.connectionId, webhookId: s.hook.id, accountId: s.hook.accountId, topic: 'SUBSCRIPTION', payloadData: expect.objectContaining({ id: subscription.id, companyId: subscription.companyId }), sentAt: expect.any(String) }]);
  });

  it('refuses forgeries with a typed rejection, writes nothing, passes nothing on, logs no secret', async () => {
    const s = await setup();
    // A second connection with its own webhook in the same partner account.
    const other = await createSyncEngine(h.options).createConnection({ name: 'Second', environment: 'Production', baseUrl: h.baseUrl, clientId: h.sim.credentials.clientId, clientSecret: h.sim.credentials.clientSecret, country: 'US', currency: 'USD' });
    await ensureWebhook({ ...h.options, connectionId: other.id, url: `${s.url}?c=2`, topics: ['SUBSCRIPTION'] });
    const otherSecret = h.hooks()[1]!.authorization as string;
    const accountId = s.hook.accountId as string;
    const counted = countWrites(h.storage);
    const cases: [string, Response, number][] = [
      ['wrong secret', await post(s.url, body(s.hook.id, accountId), 'not-the-secret'), 401],
      ['missing header', await post(s.url, body(s.hook.id, accountId)), 401],
      ["another connection's secret", await post(s.url, body(s.hook.id, accountId), otherSecret), 401],
      ['the secret with Bearer in front', await post(s.url, body(s.hook.id, accountId), `Bearer ${s.secret}`), 401],
      ['10 MB body', await post(s.url, 'x'.repeat(10 * 1024 * 1024), s.secret), 413],
      ['10 MB streamed without length', await post(s.url, new Blob(['{"a":"', 'y'.repeat(10 * 1024 * 1024), '"}']).stream(), s.secret), 413],
      ['non-JSON', await post(s.url, 'accountId=1&webhookId=2', s.secret), 400],
      ['JSON, not a delivery', await post(s.url, JSON.stringify({ hello: 'world' }), s.secret), 400],
      ['unknown accountId and webhookId', await post(s.url, body('no-such-hook', '00000000-0000-0000-0000-000000000000'), s.secret), 401],
      ['right secret, another accountId', await post(s.url, body(s.hook.id, '00000000-0000-0000-0000-000000000000'), s.secret), 401],
      ['GET', await fetch(s.url), 405],
    ];
    for (const [name, response, status] of cases) expect([name, response.status]).toEqual([name, status]);
    const unauthorized = await Promise.all(cases.filter(([, , status]) => status === 401).map(([, r]) => r.text()));
    expect(new Set(unauthorized)).toEqual(new Set(['{"error":"unauthorized"}']));
    expect(s.rejected.map((r) => r.reason)).toEqual(['bad-secret', 'missing-authorization', 'bad-secret', 'bad-secret', 'too-large', 'too-large', 'malformed', 'malformed', 'unknown-webhook', 'account-mismatch', 'method-not-allowed']);
    expect(counted.writes).toEqual([]);
    expect(s.delivered).toEqual([]);
    const logged = JSON.stringify([h.log.lines, s.receiverLog.lines]);
    for (const secret of [s.secret, otherSecret]) expect(logged).not.toContain(secret);
    expect(JSON.stringify(s.rejected)).not.toContain(s.secret);
    // The counter does see writes: a genuine delivery records its replay key.
    expect((await post(s.url, body(s.hook.id, accountId), s.secret)).status).toBe(202);
    expect(counted.writes).toEqual(['webhooks.markDelivery']);
  });

  // 10,000 real HTTP calls: seconds when idle, past the default 30 s on a loaded 2-core machine (seen in a CI run beside other work).
  it('a flood of 10,000 forged calls: all 401, no storage write, nothing passed on, nothing logged', { timeout: 180_000 }, async () => {
    const s = await setup();
    const counted = countWrites(h.storage);
    const accountId = s.hook.accountId as string;
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < 40; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 250 }, (_, i) => {
          const n = batch * 250 + i;
          // Half guess a secret for the real webhook, half make up a webhook.
          return n % 2 === 0 ? post(s.url, body(s.hook.id, accountId, { n }), `guess-${n}`) : post(s.url, body(`hook-${n}`, accountId, { n }), s.secret.slice(0, 20) + n);
        }),
      );
      for (const r of responses) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        await r.arrayBuffer();
      }
    }
    expect([...statuses]).toEqual([[401, 10_000]]);
    expect(counted.writes).toEqual([]);
    expect(s.delivered).toEqual([]);
    expect(s.receiverLog.lines).toEqual([]);
  });

  it('during a rotation both the old and the new secret are accepted; after the grace only the new one', async () => {
    const s = await setup();
    await rotateWebhookSecret({ ...h.options, connectionId: h.connectionId, graceMs: 60_000 });
    const fresh = h.hooks()[0]!.authorization as string;
    const accountId = s.hook.accountId as string;
    expect((await post(s.url, body(s.hook.id, accountId, { n: 1 }), s.secret)).status).toBe(202);
    expect((await post(s.url, body(s.hook.id, accountId, { n: 2 }), fresh)).status).toBe(202);
    h.clock.advance(60_001);
    expect((await post(s.url, body(s.hook.id, accountId, { n: 3 }), s.secret)).status).toBe(401);
    expect((await post(s.url, body(s.hook.id, accountId, { n: 4 }), fresh)).status).toBe(202);
    expect(s.delivered).toHaveLength(3);
  });

  it('a replay of the same body inside the window is answered 200 and not passed on; after the window it counts again', async () => {
    const s = await setup();
    const payload = body(s.hook.id, s.hook.accountId as string);
    expect((await post(s.url, payload, s.secret)).status).toBe(202);
    const replay = await post(s.url, payload, s.secret);
    expect([replay.status, await replay.json()]).toEqual([200, { duplicate: true }]);
    h.clock.advance(600_001);
    expect((await post(s.url, payload, s.secret)).status).toBe(202);
    expect(s.delivered).toHaveLength(2);
  });

  it('storage down while checking a delivery: 503 (Pax8 retries), nothing passed on; once it is back the delivery goes through', async () => {
    const s = await setup();
    const real = h.storage.webhooks.markDelivery.bind(h.storage.webhooks);
    h.storage.webhooks.markDelivery = async () => {
      throw new Error('connection refused');
    };
    const payload = body(s.hook.id, s.hook.accountId as string);
    const down = await post(s.url, payload, s.secret);
    expect([down.status, await down.json()]).toEqual([503, { error: 'unavailable' }]);
    expect(s.delivered).toEqual([]);
    h.storage.webhooks.markDelivery = real;
    expect((await post(s.url, payload, s.secret)).status).toBe(202);
    expect(s.delivered).toHaveLength(1);
    expect(JSON.stringify(s.receiverLog.lines)).not.toContain(s.secret);
  });
});
