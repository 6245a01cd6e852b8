import { http, type RequestHandler } from 'msw';
import { createAccountRegistry } from './account-registry';
import type { Pax8SimulatorAccount } from './account-view';
import type { AccountState, Pax8SimulatorAccountOptions } from './accounts';
import { type AuthState, createAuth, type Pax8SimulatorCredentials } from './auth';
import type { Pax8SimulatorBilling } from './billing-view';
import { driftView, faultsView, type Pax8SimulatorDrift, type Pax8SimulatorFaults } from './controls-view';
import { createCore } from './core';
import { DriftEngine } from './drift-engine';
import { Pax8SimulatorError } from './errors';
import { FaultEngine } from './faults';
import type { Route } from './http';
import { OAuthState } from './oauth-state';
import { oauthView, type Pax8SimulatorOAuth } from './oauth-view';
import { type Pax8SimulatorOptions, resolveOptions } from './options';
import { type Pax8RequestLogEntry, type Pax8SimulatorCounters, RequestLog } from './request-log';
import { Router } from './router';
import { authorizeRoutes } from './routes/authorize';
import { companyRoutes } from './routes/companies';
import { contactRoutes } from './routes/contacts';
import { invoiceRoutes } from './routes/invoices';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { subscriptionRoutes } from './routes/subscriptions';
import { tokenRoutes } from './routes/token';
import { usageRoutes } from './routes/usage';
import { webhookRoutes } from './routes/webhooks';
import { createTransport } from './transport';
import { WebhookDeliverer } from './webhook-delivery';
import { type Pax8SimulatorWebhooks, webhooksView } from './webhook-view';
import type { Pax8SimulatorWorld } from './world';

export type { Pax8SimulatorDrift, Pax8SimulatorFaults } from './controls-view';

/** A simulated Pax8 partner account: one world, served through msw and over loopback HTTP. */
export interface Pax8Simulator {
  /** Base URL the msw handlers answer for. */
  readonly baseUrl: string;
  /** Credentials the token endpoint accepts (the first account's). */
  readonly credentials: Pax8SimulatorCredentials;
  /** The world and its scripting API (the first account's). */
  readonly world: Pax8SimulatorWorld;
  /** Every partner account, in order (one unless the `accounts` option says otherwise). */
  readonly accounts: readonly Pax8SimulatorAccount[];
  /** The account with this id, name or client id (throws {@link Pax8SimulatorError} when none). */
  account(key: string): Pax8SimulatorAccount;
  /** Adds a partner account while running (defaults as for the `accounts` option, at the next position). */
  addAccount(options?: Pax8SimulatorAccountOptions): Pax8SimulatorAccount;
  /** msw request handlers for `baseUrl`, `https://token-manager.pax8.com/oauth/token` and the login host (`oauth.loginBaseUrl`). */
  readonly handlers: RequestHandler[];
  /** Fault controls. */
  readonly faults: Pax8SimulatorFaults;
  /** Drift controls and reports. */
  readonly drift: Pax8SimulatorDrift;
  /** Delegated authorization: applications, consents, revocation, login URLs. */
  readonly oauth: Pax8SimulatorOAuth;
  /** Webhook deliveries of world changes: attempts, scripted misbehaviour, settings. */
  readonly webhooks: Pax8SimulatorWebhooks;
  /** Billing discrepancies of the first account (`sim.account(k).billing` for others). */
  readonly billing: Pax8SimulatorBilling;
  /** Route keys served, e.g. `'GET /v1/subscriptions/{subscriptionId}'`. */
  readonly routes: readonly string[];
  /** The loopback URL while listening, else undefined. */
  readonly url: string | undefined;
  /** Copies of the logged requests, oldest first. */
  readonly requests: Pax8RequestLogEntry[];
  /** Counters over all requests. */
  readonly counters: Pax8SimulatorCounters;
  /** The one core both transports use. */
  handle(request: Request): Promise<Response>;
  /** Starts the loopback HTTP server (`127.0.0.1`, port 0 = any free) and returns its URL. */
  listen(options?: { port?: number }): Promise<string>;
  /** Ends hanging requests, waits for requests in flight (so the log is complete) and stops the server. */
  close(): Promise<void>;
  /** Clears the request log and counters. */
  resetLog(): void;
  /** Changes the lifetime of tokens issued from now on. */
  setTokenLifetime(seconds: number): void;
  /** Invalidates every issued token of every account (the next call gets 401). */
  revokeTokens(): void;
}

/**
 * Creates a Pax8 simulator: a deterministic partner world generated from `options.seed`, served by
 * `handle(request)`, by msw `handlers` and by `listen()` on 127.0.0.1.
 * @example
 * ```ts
 * const sim = createPax8Simulator({ seed: 7, companies: 20, subscriptions: 500 });
 * const baseUrl = await sim.listen();
 * const client = createPax8Client({ ...sim.credentials, baseUrl });
 * await sim.close();
 * ```
 */
export function createPax8Simulator(options: Pax8SimulatorOptions = {}): Pax8Simulator {
  const resolved = resolveOptions(options);
  let lifetime = resolved.tokenLifetimeSeconds;
  const log = new RequestLog(resolved.requestLogLimit);
  const deliverer = new WebhookDeliverer(resolved.seed, resolved.webhookDelivery, { now: resolved.now, freshId: (account, kind) => account.world.freshId(kind) });
  const accounts = createAccountRegistry(resolved, {
    onWorld: (state, world) => {
      world.changes.listen((change) => deliverer.onChange(state, change));
      world.changes.redeliver = (hook, log) => deliverer.retry(state, hook, log);
    },
    revoke: (k) => auth.revokeAccount(k),
    requests: () => log.list(),
  });
  const { states } = accounts;
  const auth = createAuth({ seed: resolved.seed, accounts: () => states.map((a) => a.credentials), lifetimeSeconds: () => lifetime, now: resolved.now });
  const login = new OAuthState(resolved.oauth, { seed: resolved.seed, now: resolved.now, auth, accountId: (k) => (states[k] as AccountState).id });
  const router = new Router(allRoutes(auth, login, () => states));
  const faults = new FaultEngine(resolved.seed, resolved.faults);
  const drift = new DriftEngine(resolved.seed, resolved.drift);
  const basePath = new URL(resolved.baseUrl).pathname.replace(/\/+$/, '');
  const transport = createTransport(createCore({ router, accounts: () => states, auth, faults, drift, log, now: resolved.now, wait: resolved.wait, basePath, closed: () => transport.closed() }));
  const serve = ({ request }: { request: Request }) => transport.handle(request);
  const handlers: RequestHandler[] = [http.all(`${resolved.baseUrl}/*`, serve), http.post('https://token-manager.pax8.com/oauth/token', serve), http.all(`${resolved.oauth.loginBaseUrl}/*`, serve)];
  const accountAt = (key: string | undefined): AccountState | undefined => (key === undefined ? states[0] : states[accounts.indexOf(key)]);

  return {
    baseUrl: resolved.baseUrl,
    credentials: { ...resolved.credentials },
    world: (states[0] as AccountState).world.api,
    accounts: accounts.views,
    account: (key) => accounts.get(key),
    addAccount: (o = {}) => accounts.add(o),
    handlers,
    faults: faultsView(faults),
    drift: driftView(drift, log),
    oauth: oauthView(login, { url: () => transport.url, accountId: (key) => accountAt(key)?.id }),
    billing: (accounts.views[0] as Pax8SimulatorAccount).billing,
    webhooks: webhooksView(deliverer, accountAt),
    routes: router.keys(),
    get url() {
      return transport.url;
    },
    get requests() {
      return log.list();
    },
    get counters() {
      return { ...log.counters(), tokensIssued: auth.issued };
    },
    handle: (request) => transport.handle(request),
    listen: ({ port = 0 } = {}) => transport.listen(port),
    async close() {
      deliverer.close();
      await transport.close();
    },
    resetLog: () => log.reset(),
    setTokenLifetime(seconds) {
      if (!(seconds > 0)) throw new Pax8SimulatorError('setTokenLifetime.seconds', `must be a positive number, got ${seconds}`);
      lifetime = seconds;
    },
    revokeTokens: () => auth.revokeAll(),
  };
}

/** Every route the simulator serves: the login and token endpoints, the partner API, the webhooks API. */
function allRoutes(auth: AuthState, login: OAuthState, states: () => readonly AccountState[]): Route[] {
  return [
    ...tokenRoutes(auth, login),
    ...authorizeRoutes(login, { list: () => states().map((a) => ({ id: a.id, name: a.name, clientId: a.credentials.clientId })) }),
    ...companyRoutes,
    ...contactRoutes,
    ...productRoutes,
    ...orderRoutes,
    ...subscriptionRoutes,
    ...invoiceRoutes,
    ...usageRoutes,
    ...webhookRoutes,
  ];
}
