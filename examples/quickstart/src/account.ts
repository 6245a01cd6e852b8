import { createHash } from 'node:crypto';

/** Where a run reads Pax8 from: the simulator, or an endpoint with a client id. */
export interface Pax8Source {
  /** `simulator` (started by the quickstart) or `pax8` (credentials from the environment). */
  kind: 'simulator' | 'pax8';
  /** The endpoint the connection talks to. */
  baseUrl: string;
  /** The OAuth client id. */
  clientId: string;
  /** The OAuth client secret (never printed, never part of the account key). */
  clientSecret: string;
}

/** The endpoint without a trailing slash or API version, so `https://api.pax8.com/v1/` and `https://api.pax8.com` are one endpoint. */
export function endpointOf(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '').replace(/\/(v1|api\/v2)$/, '')}`;
  } catch {
    return baseUrl.trim();
  }
}

/** Names a Pax8 account: the seeded simulator, or an endpoint with a client id. */
export type AccountRef = { kind: 'simulator'; seed: number } | { kind: 'pax8'; baseUrl: string; clientId: string };

/**
 * Which Pax8 account a run talks to, as the key of the quickstart's state: each account gets its own
 * connection, so one account's companies, mappings and subscriptions are never shown as another's.
 * The simulator is one account whatever port it starts on; otherwise the endpoint and the client id
 * (hashed: the key is stored in clear) name it. A new secret for the same client id is the same account.
 */
export function accountKey(account: AccountRef): string {
  if (account.kind === 'simulator') return `simulator seed ${account.seed}`;
  const client = createHash('sha256').update(account.clientId).digest('hex').slice(0, 16);
  return `${endpointOf(account.baseUrl)} client ${client}`;
}
