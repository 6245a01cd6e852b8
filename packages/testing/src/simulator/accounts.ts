import type { Pax8SimulatorCredentials } from './auth';
import { Pax8SimulatorError } from './errors';
import { createRandom, hash32 } from './random';
import type { World, WorldSizes } from './world';

/** An enforced rate limit: Pax8 answers 429 once an account exceeds it in any sliding 60 s window. */
export interface Pax8RateLimit {
  /** Requests allowed in any sliding 60 s window. */
  requestsPerMinute: number;
  /** Send `Retry-After` with the 429 (Pax8 does not promise one; default false). */
  retryAfter?: boolean;
}

/** Added latency: a fixed number of milliseconds, or a seeded draw from `[min, max]`. */
export type Pax8Latency = number | readonly [min: number, max: number];

/** One partner account of a simulator: its own world, credentials, rate limit and latency. */
export interface Pax8SimulatorAccountOptions {
  /** Partner account UUID, as Pax8 sends it in webhook deliveries (default: derived from the seed). */
  id?: string;
  /** A name for logs and assertions (default `partner-<position>`). */
  name?: string;
  /** Seed of this account's world (default: the simulator's seed plus the account's position). */
  seed?: number;
  /** Companies (default: the simulator's `companies`). */
  companies?: number;
  /** Products (default: the simulator's `products`). */
  products?: number;
  /** Subscriptions (default: the simulator's `subscriptions`). */
  subscriptions?: number;
  /** Invoices (default: the simulator's `invoices`). */
  invoices?: number;
  /** Webhook registrations (default: the simulator's `webhooks`). */
  webhooks?: number;
  /** Client credentials of the account (default: derived from its seed and position). */
  credentials?: Pax8SimulatorCredentials;
  /** Its own enforced limit (default 1,000 requests a minute, as Pax8); `false`: none of its own (the `faults.rateLimit`, if any, applies). */
  rateLimit?: Pax8RateLimit | false;
  /** Added latency of its requests (default: the simulator's `latencyMs`). */
  latencyMs?: Pax8Latency;
}

/** An account with defaults applied. */
export interface ResolvedAccount extends WorldSizes {
  /** Partner account UUID, or undefined for the world's own. */
  id: string | undefined;
  /** Name. */
  name: string;
  /** Seed. */
  seed: number;
  /** Credentials. */
  credentials: Pax8SimulatorCredentials;
  /** Own limit. */
  rateLimit: Pax8RateLimit | undefined;
  /** Latency range in ms. */
  latency: readonly [number, number];
}

/** The default credentials of the account at a position (the first keeps the single-account ones). */
export function defaultCredentials(seed: number, position: number): Pax8SimulatorCredentials {
  const suffix = position === 0 ? '' : `-${position}`;
  return { clientId: `sim-client-${seed}${suffix}`, clientSecret: `sim-secret-${seed}${suffix}-${((seed * 2654435761) ^ (position * 40503)) >>> 0}` };
}

/** Checks a latency option and turns it into a range. */
export function latencyRange(field: string, value: Pax8Latency | undefined): readonly [number, number] {
  if (value === undefined) return [0, 0];
  const [min, max] = typeof value === 'number' ? [value, value] : value;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min)) throw new Pax8SimulatorError(field, 'must be milliseconds >= 0, or [min, max] with 0 <= min <= max');
  return [min, max];
}

/** Checks a rate limit option. */
export function checkRateLimit(field: string, limit: Pax8RateLimit | false | undefined): Pax8RateLimit | undefined {
  if (limit === false || limit === undefined) return undefined;
  if (!Number.isInteger(limit.requestsPerMinute) || limit.requestsPerMinute < 1) throw new Pax8SimulatorError(`${field}.requestsPerMinute`, 'must be a whole number of at least 1');
  return { ...limit };
}

/** What an account defaults to: the simulator's top-level options. */
export type AccountBase = WorldSizes & { seed: number; credentials: Pax8SimulatorCredentials | undefined; latency: readonly [number, number] };

/** Resolves one declared account at a position. */
export function resolveAccount(a: Pax8SimulatorAccountOptions, k: number, base: AccountBase, count: (field: string, value: unknown) => number): ResolvedAccount {
  const at = `accounts[${k}]`;
  const seed = a.seed ?? base.seed + k;
  if (!Number.isInteger(seed)) throw new Pax8SimulatorError(`${at}.seed`, `must be an integer, got ${String(seed)}`);
  const credentials = a.credentials ?? (k === 0 && base.credentials ? base.credentials : defaultCredentials(seed, k));
  if (!credentials.clientId || !credentials.clientSecret) throw new Pax8SimulatorError(`${at}.credentials`, 'clientId and clientSecret must be non-empty strings');
  const size = (field: keyof WorldSizes): number => (a[field] === undefined ? base[field] : count(`${at}.${field}`, a[field]));
  const resolved: ResolvedAccount = {
    id: a.id,
    name: a.name ?? `partner-${k}`,
    seed,
    companies: size('companies'),
    products: size('products'),
    subscriptions: size('subscriptions'),
    invoices: size('invoices'),
    webhooks: size('webhooks'),
    credentials: { ...credentials },
    rateLimit: a.rateLimit === undefined ? { requestsPerMinute: 1000 } : checkRateLimit(`${at}.rateLimit`, a.rateLimit),
    latency: a.latencyMs === undefined ? base.latency : latencyRange(`${at}.latencyMs`, a.latencyMs),
  };
  if (resolved.subscriptions > 0 && (resolved.companies === 0 || resolved.products === 0)) throw new Pax8SimulatorError(`${at}.subscriptions`, 'needs at least one company and one product');
  return resolved;
}

/** Resolves the `accounts` option; without it, the simulator is one account built from its top-level options (no limit of its own). */
export function resolveAccounts(accounts: number | readonly Pax8SimulatorAccountOptions[] | undefined, base: AccountBase, count: (field: string, value: unknown) => number): ResolvedAccount[] {
  if (accounts === undefined) {
    return [{ ...base, id: undefined, name: 'partner-0', credentials: base.credentials ?? defaultCredentials(base.seed, 0), rateLimit: undefined }];
  }
  const list = typeof accounts === 'number' ? Array.from({ length: count('accounts', accounts) }, () => ({})) : accounts;
  if (list.length === 0) throw new Pax8SimulatorError('accounts', 'must hold at least one account');
  const resolved = list.map((a, k) => resolveAccount(a, k, base, count));
  checkUnique(resolved.map((a) => a.credentials.clientId), 'credentials.clientId');
  checkUnique(resolved.map((a) => a.name), 'name');
  return resolved;
}

/** Throws naming the second account that repeats a value of the first. */
export function checkUnique(values: readonly (string | undefined)[], field: string, offset = 0): void {
  values.forEach((value, k) => {
    const first = values.indexOf(value);
    if (value !== undefined && first !== k) throw new Pax8SimulatorError(`accounts[${k + offset}].${field}`, `'${value}' is already used by accounts[${first + offset}]; each account needs its own`);
  });
}

/** A sliding 60 s window of request times for one account's enforced limit. */
export class RateWindow {
  private readonly hits: number[] = [];

  /** Counts a request at `now`; returns undefined when allowed, else the seconds until a slot frees up. */
  take(now: number, requestsPerMinute: number): number | undefined {
    while (this.hits.length > 0 && (this.hits[0] as number) <= now - 60_000) this.hits.shift();
    if (this.hits.length >= requestsPerMinute) return Math.max(1, Math.ceil(((this.hits[0] as number) + 60_000 - now) / 1000));
    this.hits.push(now);
    return undefined;
  }
}

/** A live account of a running simulator. */
export interface AccountState {
  /** Position. */
  readonly index: number;
  /** Partner account UUID. */
  readonly id: string;
  /** Name. */
  readonly name: string;
  /** World seed. */
  readonly seed: number;
  /** Credentials. */
  readonly credentials: Pax8SimulatorCredentials;
  /** World. */
  readonly world: World;
  /** Own limit (undefined: `faults.rateLimit` applies). */
  rateLimit: Pax8RateLimit | undefined;
  /** Latency range. */
  latency: readonly [number, number];
  /** Its sliding window. */
  readonly window: RateWindow;
  /** Latency draws made (seeds the next). */
  draws: number;
}

/** The latency of an account's next request, drawn from its range. */
export function nextLatency(account: AccountState): number {
  const [min, max] = account.latency;
  if (max === 0) return 0;
  account.draws += 1;
  return min === max ? min : min + createRandom(hash32(account.seed, 0x1a7e, account.draws)).next() * (max - min);
}
