import { createHash } from 'node:crypto';
import type { StoredConnection } from '@pax8-sync/core';

/** What an account key is derived from: the connection and its opened client id. */
export interface AccountKeyInput {
  /** The connection (credentials sealed). */
  connection: StoredConnection;
  /** The connection's Pax8 client id (opened). */
  clientId: string;
}

/** Names the Pax8 partner account a connection's requests count against. */
export type AccountKey = (input: AccountKeyInput) => string;

/**
 * The default: Pax8 limits each partner account, and a partner's API credentials identify it, so
 * connections sharing a client id (and endpoint) share one limit. Stored as a hash, never in clear.
 */
export const clientIdAccountKey: AccountKey = ({ connection, clientId }) =>
  createHash('sha256').update(`${connection.baseUrl}\n${clientId}`).digest('hex').slice(0, 32);

/** One account per connection: for test set-ups where every connection stands for its own partner. */
export const connectionAccountKey: AccountKey = ({ connection }) => `connection:${connection.id}`;
