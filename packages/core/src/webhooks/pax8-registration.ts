import type { Pax8Client, Pax8Webhook } from '@pax8-sync/client';
import { Pax8SyncSandboxWriteError } from '../errors/sandbox-write-error';
import type { StoredConnection } from '../storage/connections';

/** The display name that marks a registration as this connection's (so a crash before storing it is adopted, not duplicated). @internal */
export const registrationName = (connectionId: string): string => `pax8-sync ${connectionId}`;

/** What the engine registers. @internal */
export interface WantedRegistration {
  url: string;
  topics: string[];
  errorThreshold: number;
}

/** Refuses a registration change for a Sandbox connection before any byte leaves. @internal */
export function refuseSandbox(connection: StoredConnection, method: string, path: string): void {
  if (connection.environment === 'Sandbox') throw new Pax8SyncSandboxWriteError(method, `${connection.baseUrl}/api/v2${path}`);
}

/** Pax8's registration, or `undefined` when it is gone (404). @internal */
export async function remoteWebhook(client: Pax8Client, webhookId: string): Promise<Pax8Webhook | undefined> {
  try {
    return await client.webhooks.get(webhookId);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return undefined;
    throw error;
  }
}

/** A registration in Pax8 with our name and URL (left by a crash between create and store). @internal */
export async function findOwnRegistration(client: Pax8Client, connectionId: string, url: string): Promise<Pax8Webhook | undefined> {
  for await (const hook of client.webhooks.iterate()) if (hook.displayName === registrationName(connectionId) && hook.url === url) return hook;
  return undefined;
}

/** Whether Pax8's registration already is what we want (the authorization is never echoed back, so it is not compared). @internal */
export function sameRegistration(remote: Pax8Webhook, wanted: WantedRegistration): boolean {
  const topics = [...new Set((remote.webhookTopics ?? []).map((t) => t.topic ?? ''))].sort();
  return remote.url === wanted.url && remote.active === true && remote.errorThreshold === wanted.errorThreshold && topics.join('\n') === wanted.topics.join('\n');
}

/** Creates the registration, active, with the secret as its authorization. @internal */
export function createRegistration(client: Pax8Client, connectionId: string, wanted: WantedRegistration, secret: string): Promise<Pax8Webhook> {
  return client.webhooks.create({
    displayName: registrationName(connectionId),
    url: wanted.url,
    authorization: secret,
    active: true,
    errorThreshold: wanted.errorThreshold,
    webhookTopics: wanted.topics.map((topic) => ({ topic, filters: [] })),
  });
}

/** Brings an existing registration to what we want: configuration (with the secret), topics, active. @internal */
export async function updateRegistration(client: Pax8Client, connectionId: string, remote: Pax8Webhook, wanted: WantedRegistration, secret: string): Promise<Pax8Webhook> {
  let hook = await client.webhooks.update(remote.id, { displayName: registrationName(connectionId), url: wanted.url, authorization: secret, errorThreshold: wanted.errorThreshold });
  const topics = [...new Set((remote.webhookTopics ?? []).map((t) => t.topic ?? ''))].sort();
  if (topics.join('\n') !== wanted.topics.join('\n')) hook = await client.webhooks.topics.replace(remote.id, wanted.topics.map((topic) => ({ topic, filters: [] })));
  if (remote.active !== true) hook = await client.webhooks.updateStatus(remote.id, { active: true });
  return hook;
}
