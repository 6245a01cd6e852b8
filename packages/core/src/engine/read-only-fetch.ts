import { Pax8SyncError } from '../errors/pax8-sync-error';

/**
 * Wraps `fetch` so only reads go out (GET/HEAD) plus the token request (`POST tokenUrl`). Used for
 * Sandbox connections: Pax8 has no sandbox, so a Sandbox connection must never change anything.
 */
export function readOnlyFetch(base: typeof fetch, tokenUrl: string): typeof fetch {
  return (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.split('?')[0];
    if (method === 'GET' || method === 'HEAD' || (method === 'POST' && path === tokenUrl)) return base(input, init);
    return Promise.reject(
      new Pax8SyncError('sandbox-write-refused', `Sandbox connection: ${method} ${path} was refused. A Sandbox connection only reads from Pax8; use a Production connection to change anything.`),
    );
  };
}
