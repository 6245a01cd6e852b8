import { describe } from 'vitest';
import { readme, region } from './support/readme-region';

// #region readme-webhooks
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPax8Client } from '@pax8-sync/client';
import { createPax8ManualTimers, createPax8Simulator } from '@pax8-sync/testing';
import { expect, it } from 'vitest';

it('delivers changes to your receiver, retrying a failure on timers the test drives', async () => {
  // Your receiver: it fails the first delivery, then accepts.
  const received: { authorization: string | undefined; body: { webhookId: string; payloadData: { id: string } } }[] = [];
  const receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ authorization: req.headers.authorization, body: JSON.parse(text) });
      res.writeHead(received.length === 1 ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pax8/webhooks`;

  const timers = createPax8ManualTimers(); // no real waiting: retries and timeouts run when the test says
  const sim = createPax8Simulator({ seed: 3, now: timers.now, webhookDelivery: { timers, retryDelayMs: 60_000 } });
  const client = createPax8Client({ ...sim.credentials, baseUrl: await sim.listen(), now: timers.now });
  const hook = await client.webhooks.create({
    displayName: 'PSA sync',
    url: hookUrl,
    authorization: 'Bearer my-webhook-secret',
    active: true,
    errorThreshold: 3,
    webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }],
  });

  const changed = sim.world.subscriptions.ids()[0]!;
  sim.world.subscriptions.update(changed, { quantity: 12 }); // what happened at Pax8
  await sim.webhooks.settled();
  timers.advance(60_000); // the retry falls due
  await sim.webhooks.settled();

  expect(received.map((r) => [r.authorization, r.body.webhookId, r.body.payloadData.id])).toEqual([
    ['Bearer my-webhook-secret', hook.id, changed],
    ['Bearer my-webhook-secret', hook.id, changed],
  ]);
  expect(sim.webhooks.deliveries.map((d) => d.outcome)).toEqual(['FAILED', 'SUCCESS']);
  await sim.close();
  receiver.close();
});
// #endregion readme-webhooks

describe('README', () => {
  it('shows the webhooks example this file runs, word for word', () => {
    expect(readme()).toContain(region(import.meta.url, 'readme-webhooks'));
  });
});
