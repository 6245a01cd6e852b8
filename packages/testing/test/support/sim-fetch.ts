import type { Pax8Simulator } from '../../src/index';

/** A fetch bound to a simulator's `handle`, with a token obtained once (tests of the simulator itself). */
export async function authorizedFetch(sim: Pax8Simulator, base = sim.baseUrl): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const response = await sim.handle(
    new Request(`${base}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
    }),
  );
  const { access_token: token } = (await response.json()) as { access_token: string };
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    return sim.handle(new Request(`${base}${path}`, { ...init, headers }));
  };
}

/** Reads a JSON body as a loose record. */
export async function body(response: Response): Promise<Record<string, unknown> & { content?: Record<string, unknown>[]; page?: Record<string, number> }> {
  return (await response.json()) as Record<string, unknown> & { content?: Record<string, unknown>[]; page?: Record<string, number> };
}
