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

/** One account per connection: the default's choice for delegated connections, and for set-ups where every connection stands for its own partner. */
export const connectionAccountKey: AccountKey = ({ connection }) => `connection:${connection.id}`;

/**
 * The default: Pax8 limits each partner account. A partner's own API credentials identify it, so
 * client-credentials connections sharing a client id (and endpoint) share one limit, stored as a
 * hash, never in clear. A delegated (`authorization-code`) connection's client id is the PSA
 * application's, shared by every partner that consented to it: each such connection is its own
 * partner account.
 */
export const clientIdAccountKey: AccountKey = ({ connection, clientId }) =>
  connection.auth?.kind === 'authorization-code' ? connectionAccountKey({ connection, clientId }) : createHash('sha256').update(`${connection.baseUrl}\n${clientId}`).digest('hex').slice(0, 32);
