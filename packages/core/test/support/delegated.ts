import { randomBytes } from 'node:crypto';
import { type AuthorizationCallback, type ConnectionView, createAesGcmCodec, createSyncEngine, type SyncEngine, type SyncEngineOptions } from '@pax8-sync/core';
import { createMemoryStorage, type MemoryStorage } from '@pax8-sync/storage-memory';
import { createPax8Simulator, type Pax8OAuthEndpoints, type Pax8Simulator, type Pax8SimulatorOptions } from '@pax8-sync/testing';
import { captureLogger, fakeClock, sequentialIds, testClientOptions } from './harness';

/** The PSA's callback URL in these tests (the simulator's default application accepts any). */
export const REDIRECT_URI = 'https://psa.example.com/pax8/callback';

/** What went through the token endpoint: grants asked for, and every token and code seen (for secret greps). */
export interface TokenTraffic {
  grants: string[];
  secrets: Set<string>;
}

/** A fetch that records the token endpoint's traffic, then sends the request as is. */
export function recordingFetch(tokenEndpoint: string, traffic: TokenTraffic): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== tokenEndpoint) return fetch(input, init);
    const form = new URLSearchParams(String(init?.body ?? ''));
    traffic.grants.push(form.get('grant_type') ?? '?');
    for (const key of ['code', 'refresh_token', 'code_verifier']) {
      const value = form.get(key);
      if (value) traffic.secrets.add(value);
    }
    const response = await fetch(input, init);
    const body = (await response.clone().json().catch(() => ({}))) as Record<string, unknown>;
    for (const key of ['access_token', 'refresh_token']) if (typeof body[key] === 'string') traffic.secrets.add(body[key] as string);
    return response;
  };
}

/** A simulator with partner accounts and its login, and engines on one memory storage. */
export interface DelegatedHarness {
  sim: Pax8Simulator;
  baseUrl: string;
  login: Pax8OAuthEndpoints;
  storage: MemoryStorage;
  clock: ReturnType<typeof fakeClock>;
  log: ReturnType<typeof captureLogger>;
  traffic: TokenTraffic;
  options: SyncEngineOptions;
  engine: SyncEngine;
  /** Another engine (another "process") over the same storage. */
  secondEngine(): SyncEngine;
  /** Creates an authorization-code connection for the simulator's application. */
  createDelegated(name?: string): Promise<ConnectionView>;
  /** begin → consent page (real HTTP) → the callback's parameters. */
  consent(connectionId: string, account: string, decision: 'approve' | 'deny', engine?: SyncEngine): Promise<AuthorizationCallback>;
  close(): Promise<void>;
}

/** Starts the harness: two partner accounts by default, simulator and engine on one fake clock. */
export async function createDelegatedHarness(simOptions: Pax8SimulatorOptions = {}, engineOptions: Partial<SyncEngineOptions> = {}): Promise<DelegatedHarness> {
  const clock = fakeClock();
  const sim = createPax8Simulator({
    seed: 14,
    accounts: [{ name: 'acme-msp', companies: 12 }, { name: 'beta-msp', companies: 5 }],
    products: 4,
    subscriptions: 10,
    now: clock.now,
    wait: async () => undefined,
    ...simOptions,
  });
  const baseUrl = await sim.listen();
  const login = sim.oauth.endpoints();
  const traffic: TokenTraffic = { grants: [], secrets: new Set() };
  const storage = createMemoryStorage();
  const log = captureLogger();
  const options: SyncEngineOptions = {
    storage,
    codec: createAesGcmCodec({ key: randomBytes(32) }),
    clock,
    ids: sequentialIds(),
    logger: log.logger,
    clientOptions: testClientOptions,
    fetch: recordingFetch(login.tokenEndpoint, traffic),
    sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
    ...engineOptions,
  };
  const engine = createSyncEngine(options);
  const app = sim.oauth.applications[0]!;
  return {
    sim,
    baseUrl,
    login,
    storage,
    clock,
    log,
    traffic,
    options,
    engine,
    secondEngine: () => createSyncEngine({ ...options, ids: sequentialIds('second') }),
    createDelegated: (name = 'Delegated partner') =>
      engine.createConnection({
        name,
        environment: 'Production',
        baseUrl,
        country: 'US',
        currency: 'USD',
        auth: { kind: 'authorization-code', clientId: app.clientId, clientSecret: app.clientSecret, authorizationEndpoint: login.authorizationEndpoint, tokenEndpoint: login.tokenEndpoint },
      }),
    async consent(connectionId, account, decision, on = engine) {
      const { url } = await on.beginAuthorization({ connectionId, redirectUri: REDIRECT_URI });
      const page = await (await fetch(url)).text();
      const transaction = /name="transaction" value="([^"]+)"/.exec(page)?.[1];
      if (!transaction) throw new Error(`the login did not show its consent page: ${page.slice(0, 300)}`);
      const form = new URLSearchParams({ transaction, account: sim.account(account).id, decision });
      const answer = await fetch(login.consentEndpoint, { method: 'POST', body: form, redirect: 'manual' });
      const location = new URL(answer.headers.get('location') ?? '');
      if (`${location.origin}${location.pathname}` !== REDIRECT_URI) throw new Error(`the login redirected to ${location.origin}${location.pathname}`);
      const query = location.searchParams;
      const state = query.get('state') ?? '';
      traffic.secrets.add(state);
      const error = query.get('error');
      if (error !== null) return { state, error, ...(query.get('error_description') ? { errorDescription: query.get('error_description') ?? '' } : {}) };
      traffic.secrets.add(query.get('code') ?? '');
      return { state, code: query.get('code') ?? '' };
    },
    close: () => sim.close(),
  };
}
