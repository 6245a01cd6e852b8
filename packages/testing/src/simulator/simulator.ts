import { http, type RequestHandler } from 'msw';
import { accountView, createAccountState, type Pax8SimulatorAccount } from './account-view';
import type { Pax8SimulatorBilling } from './billing-view';
import { type AccountState, checkUnique, type Pax8SimulatorAccountOptions, resolveAccount } from './accounts';
import { createAuth, type Pax8SimulatorCredentials } from './auth';
import { createCore } from './core';
import { DriftEngine, type Pax8DriftOptions, type Pax8ScriptedDrift } from './drift-engine';
import { type Pax8DriftReport, type Pax8DriftSummary, summarise } from './drift-report';
import { Pax8SimulatorError } from './errors';
import { FaultEngine, type Pax8FaultOptions, type Pax8ScriptedFault } from './faults';
import type { Route } from './http';
import { listenLoopback, type LoopbackServer } from './http-server';
import { type Pax8SimulatorOptions, resolveOptions, whole } from './options';
import { type Pax8RequestLogEntry, type Pax8SimulatorCounters, RequestLog } from './request-log';
import type { Pax8RecordMangle } from './record-drift';
import { OAuthState } from './oauth-state';
import { oauthView, type Pax8SimulatorOAuth } from './oauth-view';
import { Router } from './router';
import { authorizeRoutes } from './routes/authorize';
import { WebhookDeliverer } from './webhook-delivery';
import { type Pax8SimulatorWebhooks, webhooksView } from './webhook-view';
import type { World } from './world';
import { companyRoutes } from './routes/companies';
import { contactRoutes } from './routes/contacts';
import { invoiceRoutes } from './routes/invoices';
import { orderRoutes } from './routes/orders';
import { productRoutes } from './routes/products';
import { subscriptionRoutes } from './routes/subscriptions';
import { tokenRoutes } from './routes/token';
import { usageRoutes } from './routes/usage';
import { webhookRoutes } from './routes/webhooks';
import type { Pax8SimulatorWorld } from './world';

/** Run-time fault controls of a simulator. */
export interface Pax8SimulatorFaults {
  /** Current settings (a copy). */
  readonly settings: Pax8FaultOptions;
  /** Replaces every setting; the draw sequence restarts, so a run replays. */
  set(options: Pax8FaultOptions): void;
  /** Merges settings into the current ones. */
  update(options: Pax8FaultOptions): void;
  /** Forces a fault onto the next matching request(s), ahead of any rates. */
  inject(fault: Pax8ScriptedFault): void;
  /** Removes all faults and the rate limit. */
  clear(): void;
}

/** Run-time drift controls of a simulator: what served pages and records do differently from the truth. */
export interface Pax8SimulatorDrift {
  /** Current settings (a copy). */
  readonly settings: Pax8DriftOptions;
  /** Replaces every setting; repeat counters restart, so a run replays. */
  set(options: Pax8DriftOptions): void;
  /** Merges settings into the current ones. */
  update(options: Pax8DriftOptions): void;
  /** Forces drift onto the next matching response(s), ahead of any rates. */
  inject(drift: Pax8ScriptedDrift): void;
  /** Pins mangles onto a record by id: served wherever that record appears (listing or detail) until unmangled. */
  mangle(id: string, mangles: Pax8RecordMangle | Pax8RecordMangle[]): void;
  /** Removes the pinned mangles of one record, or of all. */
  unmangle(id?: string): void;
  /** Removes every rate, scripted drift and pinned mangle. */
  clear(): void;
  /** What drift did to each drifted response still in the request log, oldest first. */
  readonly reports: Pax8DriftReport[];
  /** A digest of `reports`: the ids hidden, duplicated and mangled. */
  summary(): Pax8DriftSummary;
}

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
  const deliverer = new WebhookDeliverer(resolved.seed, resolved.webhookDelivery, { now: resolved.now, freshId: (account, kind) => account.world.freshId(kind) });
  const onWorld = (state: AccountState, world: World): void => {
    world.changes.listen((change) => deliverer.onChange(state, change));
    world.changes.redeliver = (hook, log) => deliverer.retry(state, hook, log);
  };
  const states: AccountState[] = resolved.accounts.map((a, k) => createAccountState(a, k, resolved, onWorld));
  checkUnique(states.map((a) => a.id), 'id');
  const auth = createAuth({ seed: resolved.seed, accounts: () => states.map((a) => a.credentials), lifetimeSeconds: () => lifetime, now: resolved.now });
  const accountKey = (key: string): number => states.findIndex((a) => a.id === key || a.name === key || a.credentials.clientId === key);
  const login = new OAuthState(resolved.oauth, { seed: resolved.seed, now: resolved.now, auth, accountId: (k) => (states[k] as AccountState).id });
  const routes: Route[] = [
    ...tokenRoutes(auth, login),
    ...authorizeRoutes(login, { list: () => states.map((a) => ({ id: a.id, name: a.name, clientId: a.credentials.clientId })) }),
    ...companyRoutes,
    ...contactRoutes,
    ...productRoutes,
    ...orderRoutes,
    ...subscriptionRoutes,
    ...invoiceRoutes,
    ...usageRoutes,
    ...webhookRoutes,
  ];
  const router = new Router(routes);
  const faults = new FaultEngine(resolved.seed, resolved.faults);
  const drift = new DriftEngine(resolved.seed, resolved.drift);
  const log = new RequestLog(resolved.requestLogLimit);
  let closer = new AbortController();
  const core = createCore({ router, accounts: () => states, auth, faults, drift, log, now: resolved.now, wait: resolved.wait, basePath: new URL(resolved.baseUrl).pathname.replace(/\/+$/, ''), closed: () => closer.signal });
  const inFlight = new Set<Promise<Response>>();
  const handle = (request: Request): Promise<Response> => {
    const pending = core(request);
    inFlight.add(pending);
    const settle = (): void => {
      inFlight.delete(pending);
    };
    pending.then(settle, settle);
    return pending;
  };
  let server: LoopbackServer | undefined;
  // The server being started: a second listen() in the meantime joins it instead of starting another.
  let starting: Promise<LoopbackServer> | undefined;
  const serve = ({ request }: { request: Request }) => handle(request);
  const handlers: RequestHandler[] = [http.all(`${resolved.baseUrl}/*`, serve), http.post('https://token-manager.pax8.com/oauth/token', serve), http.all(`${resolved.oauth.loginBaseUrl}/*`, serve)];

  const view = (state: AccountState): Pax8SimulatorAccount => accountView(state, { revoke: (k) => auth.revokeAccount(k), requests: () => log.list() });
  const views = states.map(view);
  const addAccount = (options: Pax8SimulatorAccountOptions = {}): Pax8SimulatorAccount => {
    const resolvedAccount = resolveAccount(options, states.length, resolved.accountBase, whole);
    const state = createAccountState(resolvedAccount, states.length, resolved, onWorld);
    const taken = (field: 'id' | 'name', value: string): void => checkUnique([...states.map((a) => a[field]), value], field);
    taken('id', state.id);
    taken('name', state.name);
    checkUnique([...states.map((a) => a.credentials.clientId), state.credentials.clientId], 'credentials.clientId');
    states.push(state);
    views.push(view(state));
    return views.at(-1) as Pax8SimulatorAccount;
  };

  return {
    baseUrl: resolved.baseUrl,
    credentials: { ...resolved.credentials },
    world: (states[0] as AccountState).world.api,
    accounts: views,
    account(key) {
      const found = views.find((a) => a.id === key || a.name === key || a.credentials.clientId === key);
      if (!found) throw new Pax8SimulatorError('account', `no account has id, name or client id '${key}'; accounts: ${views.map((a) => a.name).join(', ')}`);
      return found;
    },
    addAccount,
    handlers,
    faults: {
      get settings() {
        return faults.settings;
      },
      set: (o) => faults.set(o),
      update: (o) => faults.update(o),
      inject: (f) => faults.inject(f),
      clear: () => faults.clear(),
    },
    drift: {
      get settings() {
        return drift.settings;
      },
      set: (o) => drift.set(o),
      update: (o) => drift.update(o),
      inject: (d) => drift.inject(d),
      mangle: (id, m) => drift.mangle(id, m),
      unmangle: (id) => drift.unmangle(id),
      clear: () => drift.clear(),
      get reports() {
        return log.driftReports();
      },
      summary: () => summarise(log.driftReports()),
    },
    oauth: oauthView(login, { url: () => server?.url, accountId: (key) => states[accountKey(key)]?.id }),
    billing: (views[0] as Pax8SimulatorAccount).billing,
    webhooks: webhooksView(deliverer, (key) => (key === undefined ? states[0] : states[accountKey(key)])),
    routes: router.keys(),
    get url() {
      return server?.url;
    },
    get requests() {
      return log.list();
    },
    get counters() {
      return { ...log.counters(), tokensIssued: auth.issued };
    },
    handle,
    async listen({ port = 0 } = {}) {
      if (server) return server.url;
      starting ??= listenLoopback(handle, port)
        .then((started) => {
          server = started;
          return started;
        })
        .finally(() => {
          starting = undefined;
        });
      return (await starting).url;
    },
    async close() {
      deliverer.close();
      closer.abort();
      closer = new AbortController();
      await Promise.allSettled([...inFlight]);
      const running = server ?? (starting ? await starting.catch(() => undefined) : undefined);
      server = undefined;
      await running?.close();
    },
    resetLog: () => log.reset(),
    setTokenLifetime(seconds) {
      if (!(seconds > 0)) throw new Pax8SimulatorError('setTokenLifetime.seconds', `must be a positive number, got ${seconds}`);
      lifetime = seconds;
    },
    revokeTokens: () => auth.revokeAll(),
  };
}
