import { afterEach } from 'vitest';
import { createPax8Simulator, type Pax8Simulator, type Pax8SimulatorOptions } from '../../src/index';

/** A JSON GET over real HTTP with a bearer token the simulator issued. */
export type HttpGet = (path: string, init?: RequestInit) => Promise<Response>;

/** Fetches a client-credentials token over HTTP. */
export async function httpToken(url: string, credentials: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await fetch(`${url}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: credentials.clientId, client_secret: credentials.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' }),
  });
  if (response.status !== 200) throw new Error(`token request answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * Registers an afterEach that closes every simulator started, and returns `start(options)`: a simulator
 * listening on 127.0.0.1 with a fetch that carries a token.
 */
export function useHttpSimulators(): (options?: Pax8SimulatorOptions) => Promise<{ sim: Pax8Simulator; url: string; get: HttpGet }> {
  const open: Pax8Simulator[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((sim) => sim.close()));
  });
  return async (options = {}) => {
    const sim = createPax8Simulator(options);
    open.push(sim);
    const url = await sim.listen();
    const token = await httpToken(url, sim.credentials);
    const get: HttpGet = (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      if (init.body !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...init, headers });
    };
    return { sim, url, get };
  };
}
