import { type AccountState, checkRateLimit, latencyRange, type Pax8Latency, type Pax8RateLimit, RateWindow, type ResolvedAccount } from './accounts';
import type { Pax8SimulatorCredentials } from './auth';
import type { ResolvedOptions } from './options';
import type { Pax8RequestLogEntry } from './request-log';
import { billingView, type Pax8SimulatorBilling } from './billing-view';
import { createIdCodec } from './ids';
import { createWorld, type Pax8SimulatorWorld, type World } from './world';

/** One partner account of a simulator, with its own world, credentials, rate limit and latency. */
export interface Pax8SimulatorAccount {
  /** Partner account UUID (the `accountId` of its webhook registrations and deliveries). */
  readonly id: string;
  /** Name given in the options (default `partner-<position>`). */
  readonly name: string;
  /** Seed its world was generated from. */
  readonly seed: number;
  /** Client credentials its token requests use. */
  readonly credentials: Pax8SimulatorCredentials;
  /** Its world and scripting API. */
  readonly world: Pax8SimulatorWorld;
  /** Its billing discrepancies (invoices and draft items follow its world). */
  readonly billing: Pax8SimulatorBilling;
  /** Its own enforced limit (undefined: none of its own; `faults.rateLimit` applies if set). */
  readonly rateLimit: Pax8RateLimit | undefined;
  /** Changes its limit from now on (`false`: none of its own). */
  setRateLimit(limit: Pax8RateLimit | false): void;
  /** Its added latency, as `[min, max]` ms. */
  readonly latencyMs: readonly [number, number];
  /** Changes its latency from now on. */
  setLatency(latency: Pax8Latency): void;
  /** Invalidates every token issued to it (the next call gets 401); other accounts keep theirs. */
  revokeTokens(): void;
  /** Copies of the logged requests made for it, oldest first. */
  readonly requests: Pax8RequestLogEntry[];
}

/** Creates the live state of a resolved account; its world is generated on first use, so 1,000 accounts cost little until used. */
export function createAccountState(account: ResolvedAccount, index: number, options: Pick<ResolvedOptions, 'reference' | 'now'>, onWorld?: (state: AccountState, world: World) => void): AccountState {
  // The same id the world derives for its webhooks, known without generating the world.
  const id = account.id ?? createIdCodec(account.seed, 'user').encode(0);
  let world: World | undefined;
  const state: AccountState = {
    index,
    id,
    name: account.name,
    seed: account.seed,
    credentials: { ...account.credentials },
    get world() {
      if (!world) {
        world = createWorld({ ...account, accountId: id, reference: options.reference, now: options.now });
        onWorld?.(state, world);
      }
      return world;
    },
    rateLimit: account.rateLimit,
    latency: account.latency,
    window: new RateWindow(),
    draws: 0,
  };
  return state;
}

/** The public view of an account. */
export function accountView(state: AccountState, deps: { revoke: (index: number) => void; requests: () => Pax8RequestLogEntry[] }): Pax8SimulatorAccount {
  return {
    id: state.id,
    name: state.name,
    seed: state.seed,
    credentials: { ...state.credentials },
    get world() {
      return state.world.api;
    },
    billing: billingView(() => state.world.billing),
    get rateLimit() {
      return state.rateLimit ? { ...state.rateLimit } : undefined;
    },
    setRateLimit(limit) {
      state.rateLimit = checkRateLimit(`accounts['${state.name}'].setRateLimit`, limit);
    },
    get latencyMs() {
      return state.latency;
    },
    setLatency(latency) {
      state.latency = latencyRange(`accounts['${state.name}'].setLatency`, latency);
    },
    revokeTokens: () => deps.revoke(state.index),
    get requests() {
      return deps.requests().filter((r) => r.account === state.id);
    },
  };
}
