import { type AccountBase, latencyRange, type Pax8Latency, type Pax8SimulatorAccountOptions, type ResolvedAccount, resolveAccounts } from './accounts';
import type { Pax8SimulatorCredentials } from './auth';
import type { Pax8DriftOptions } from './drift-engine';
import { type Pax8OAuthOptions, type ResolvedOAuth, resolveOAuth } from './oauth-options';
import type { Pax8WebhookDeliveryOptions } from './webhook-delivery';
import { Pax8SimulatorError } from './errors';
import type { Pax8FaultOptions } from './faults';

/** Options of {@link createPax8Simulator}. */
export interface Pax8SimulatorOptions {
  /** Seed of the world and of the fault draws; same seed, same world (default 1). */
  seed?: number;
  /** Companies to generate (default 10). */
  companies?: number;
  /** Products to generate (default 40). */
  products?: number;
  /** Subscriptions to generate (default 50; 100,000 and more stay fast and lean). */
  subscriptions?: number;
  /** Months of invoices to generate, one invoice per company and month (default 6). */
  invoices?: number;
  /** Webhook registrations to generate (default 1). */
  webhooks?: number;
  /** Base URL the msw handlers answer for (default `https://api.pax8.com`). */
  baseUrl?: string;
  /** Credentials the token endpoint accepts (default derived from the seed); with `accounts`, the first account's. */
  credentials?: Pax8SimulatorCredentials;
  /**
   * Several partner accounts on one simulator: a count, or one entry per account. Each has its own world,
   * credentials, enforced rate limit (1,000 a minute by default) and latency; a token reads only its own
   * account's data. Without it the simulator is one account made of the options above, with no limit.
   */
  accounts?: number | Pax8SimulatorAccountOptions[];
  /** Added latency of every request of the (default) account, in ms or `[min, max]` drawn from the seed (default 0). */
  latencyMs?: Pax8Latency;
  /** Access token lifetime in seconds (default 86,400 as Pax8). */
  tokenLifetimeSeconds?: number;
  /** Clock (epoch ms) for token expiry, rate limits and change stamps (default `Date.now`). */
  now?: () => number;
  /** Anchor of generated dates, ISO string or epoch ms (default `2026-06-01T00:00:00Z`), so worlds do not change with the day. */
  referenceDate?: string | number;
  /** Faults to inject from the start. */
  faults?: Pax8FaultOptions;
  /** Page and record drift to serve from the start (see `sim.drift`). */
  drift?: Pax8DriftOptions;
  /** Delegated authorization: applications, consent, code and refresh tokens (see `sim.oauth`). */
  oauth?: Pax8OAuthOptions;
  /** Webhook deliveries of world changes to registered loopback URLs (see `sim.webhooks`). */
  webhookDelivery?: Pax8WebhookDeliveryOptions;
  /**
   * Waits for `delay` and `hang` faults; resolves early when `signal` aborts. Default: a real unref'd timer.
   * Inject one to keep tests free of real waiting.
   */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Request log entries kept (default 10,000; counters count everything). */
  requestLogLimit?: number;
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  /** See {@link Pax8SimulatorOptions}. */
  seed: number;
  /** See {@link Pax8SimulatorOptions}. */
  companies: number;
  /** See {@link Pax8SimulatorOptions}. */
  products: number;
  /** See {@link Pax8SimulatorOptions}. */
  subscriptions: number;
  /** See {@link Pax8SimulatorOptions}. */
  invoices: number;
  /** See {@link Pax8SimulatorOptions}. */
  webhooks: number;
  /** See {@link Pax8SimulatorOptions}. */
  baseUrl: string;
  /** See {@link Pax8SimulatorOptions} (the first account's). */
  credentials: Pax8SimulatorCredentials;
  /** Every account, resolved; the first is the default one. */
  accounts: ResolvedAccount[];
  /** What accounts added later default to. */
  accountBase: AccountBase;
  /** See {@link Pax8SimulatorOptions}. */
  tokenLifetimeSeconds: number;
  /** See {@link Pax8SimulatorOptions}. */
  now: () => number;
  /** See {@link Pax8SimulatorOptions}. */
  reference: number;
  /** See {@link Pax8SimulatorOptions}. */
  faults: Pax8FaultOptions;
  /** See {@link Pax8SimulatorOptions}. */
  drift: Pax8DriftOptions;
  /** See {@link Pax8SimulatorOptions}. */
  oauth: ResolvedOAuth;
  /** See {@link Pax8SimulatorOptions}. */
  webhookDelivery: Pax8WebhookDeliveryOptions;
  /** See {@link Pax8SimulatorOptions}. */
  wait: (ms: number, signal: AbortSignal) => Promise<void>;
  /** See {@link Pax8SimulatorOptions}. */
  requestLogLimit: number;
}

/** A whole number option, 0 to 50,000,000, or a typed error naming the field. */
export function whole(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 50_000_000) throw new Pax8SimulatorError(field, `must be a whole number from 0 to 50,000,000, got ${String(value)}`);
  return value;
}

function count(options: Pax8SimulatorOptions, field: 'companies' | 'products' | 'subscriptions' | 'invoices' | 'webhooks' | 'requestLogLimit', fallback: number): number {
  return whole(field, options[field] ?? fallback);
}

/** Default wait: a real timer that does not keep the process alive. */
export function realWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Applies defaults and checks every option, naming the field at fault. */
export function resolveOptions(options: Pax8SimulatorOptions = {}): ResolvedOptions {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Pax8SimulatorError('seed', `must be an integer, got ${String(seed)}`);
  const companies = count(options, 'companies', 10);
  const products = count(options, 'products', 40);
  const subscriptions = count(options, 'subscriptions', 50);
  if (subscriptions > 0 && (companies === 0 || products === 0)) throw new Pax8SimulatorError('subscriptions', 'needs at least one company and one product; raise companies/products or set subscriptions: 0');
  const baseUrl = (options.baseUrl ?? 'https://api.pax8.com').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) throw new Pax8SimulatorError('baseUrl', `must be an absolute URL such as https://api.pax8.com, got '${baseUrl}'`);
  const lifetime = options.tokenLifetimeSeconds ?? 86_400;
  if (!(lifetime > 0)) throw new Pax8SimulatorError('tokenLifetimeSeconds', `must be a positive number of seconds, got ${String(lifetime)}`);
  const reference = typeof options.referenceDate === 'number' ? options.referenceDate : Date.parse(options.referenceDate ?? '2026-06-01T00:00:00Z');
  if (!Number.isFinite(reference)) throw new Pax8SimulatorError('referenceDate', 'must be an ISO date-time string or epoch milliseconds');
  if (options.credentials && (!options.credentials.clientId || !options.credentials.clientSecret)) throw new Pax8SimulatorError('credentials', 'clientId and clientSecret must be non-empty strings');
  const sizes = { companies, products, subscriptions, invoices: count(options, 'invoices', 6), webhooks: count(options, 'webhooks', 1) };
  const base: AccountBase = { ...sizes, seed, credentials: options.credentials, latency: latencyRange('latencyMs', options.latencyMs) };
  const accounts = resolveAccounts(options.accounts, base, whole);
  const first = accounts[0] as ResolvedAccount;
  return {
    seed,
    ...sizes,
    baseUrl,
    credentials: { ...first.credentials },
    accounts,
    accountBase: base,
    tokenLifetimeSeconds: lifetime,
    now: options.now ?? Date.now,
    reference,
    faults: options.faults ? structuredClone(options.faults) : {},
    drift: options.drift ? structuredClone(options.drift) : {},
    oauth: resolveOAuth(options.oauth, seed),
    webhookDelivery: { ...options.webhookDelivery },
    wait: options.wait ?? realWait,
    requestLogLimit: count(options, 'requestLogLimit', 10_000),
  };
}
