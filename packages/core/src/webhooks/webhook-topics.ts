import type { Pax8Client } from '@pax8-sync/client';
import { Pax8SyncConfigError } from '../errors/config-error';

/** Every topic name Pax8 offers (`GET /webhooks/topic-definitions`, all pages). @internal */
export async function topicNames(client: Pax8Client): Promise<string[]> {
  const names: string[] = [];
  for await (const definition of client.webhooks.topicDefinitions.iterate()) names.push(definition.topic);
  return names;
}

/** Checks the asked topics against Pax8's: a typed error naming the first unknown one and listing the valid ones. @internal */
export function checkTopics(asked: unknown, offered: readonly string[]): string[] {
  if (!Array.isArray(asked) || asked.length === 0 || asked.some((t) => typeof t !== 'string' || t === '')) {
    throw new Pax8SyncConfigError('topics', `must be a non-empty list of topic names; Pax8 offers: ${offered.join(', ')}.`);
  }
  const unknown = asked.find((t) => !offered.includes(t as string));
  if (unknown !== undefined) throw new Pax8SyncConfigError('topics', `'${String(unknown)}' is not a Pax8 webhook topic; use some of: ${offered.join(', ')}.`);
  return [...new Set(asked as string[])].sort();
}
