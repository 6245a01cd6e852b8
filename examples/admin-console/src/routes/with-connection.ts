import type { ConnectionView, Pax8SyncStorage } from '@pax8-sync/core';
import type { Context } from 'hono';
import { currentConnection } from '../sdk/current-connection';
import { notice } from './notices';

/**
 * Runs `handle` with the console's connection, or sends the browser to Connect when there is none
 * yet. In your product, this is where the signed-in tenant's connection is looked up (and access checked).
 */
export async function withConnection(c: Context, storage: Pax8SyncStorage, handle: (connection: ConnectionView) => Promise<Response>): Promise<Response> {
  const connection = await currentConnection(storage);
  if (!connection) return c.redirect(`/connect?${notice('no-connection')}`, 303);
  return handle(connection);
}

/** A posted form field as text ('' when absent or a file). */
export function formText(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value : '';
}
