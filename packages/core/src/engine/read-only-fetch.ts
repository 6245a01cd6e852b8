import { Pax8SyncSandboxWriteError } from '../errors/sandbox-write-error';

/**
 * Wraps `fetch` so only reads go out (GET/HEAD), plus the token request (`POST tokenUrl`) and
 * validation-only orders (`POST ordersUrl?isMock=true`: Pax8 validates them and stores nothing).
 * Anything else is refused with a {@link Pax8SyncSandboxWriteError} (a `Pax8SyncError` of code
 * `sandbox-write-refused`, `isRetryable: false`), before any byte leaves. Used for Sandbox connections: Pax8 has no sandbox, so a Sandbox connection must never
 * change anything.
 * @param base - the `fetch` to guard.
 * @param tokenUrl - the token endpoint, e.g. `https://api.pax8.com/v1/token`.
 * @param ordersUrl - the orders endpoint; default `tokenUrl` with `/token` replaced by `/orders`.
 */
export function readOnlyFetch(base: typeof fetch, tokenUrl: string, ordersUrl: string = tokenUrl.replace(/\/token$/, '/orders')): typeof fetch {
  return (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const [path = url, query = ''] = url.split('?', 2);
    const isMock = new URLSearchParams(query).getAll('isMock');
    const mockOrder = method === 'POST' && path === ordersUrl && isMock.length === 1 && isMock[0] === 'true';
    if (method === 'GET' || method === 'HEAD' || (method === 'POST' && path === tokenUrl) || mockOrder) return base(input, init);
    return Promise.reject(new Pax8SyncSandboxWriteError(method, path));
  };
}
