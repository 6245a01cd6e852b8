import { accountView, createAccountState, type Pax8SimulatorAccount } from './account-view';
import { type AccountState, checkUnique, type Pax8SimulatorAccountOptions, resolveAccount } from './accounts';
import { Pax8SimulatorError } from './errors';
import { type ResolvedOptions, whole } from './options';
import type { Pax8RequestLogEntry } from './request-log';
import type { World } from './world';

/** The accounts of a simulator: their live states, public views, lookups and additions. */
export interface AccountRegistry {
  /** Live states, by position (the array grows with `add`). */
  readonly states: AccountState[];
  /** Public views, by position. */
  readonly views: Pax8SimulatorAccount[];
  /** Position of the account with this id, name or client id, or -1. */
  indexOf(key: string): number;
  /** The view of the account with this id, name or client id (typed error otherwise). */
  get(key: string): Pax8SimulatorAccount;
  /** Adds an account at the next position. */
  add(options: Pax8SimulatorAccountOptions): Pax8SimulatorAccount;
}

/** What accounts need from the rest of the simulator, resolved when used. */
export interface AccountDeps {
  /** Wires a world when it is first generated (webhook deliveries). */
  onWorld(state: AccountState, world: World): void;
  /** Revokes an account's tokens. */
  revoke(index: number): void;
  /** The request log. */
  requests(): Pax8RequestLogEntry[];
}

/** Builds the accounts the options ask for. */
export function createAccountRegistry(resolved: ResolvedOptions, deps: AccountDeps): AccountRegistry {
  const states = resolved.accounts.map((a, k) => createAccountState(a, k, resolved, deps.onWorld));
  checkUnique(states.map((a) => a.id), 'id');
  const view = (state: AccountState): Pax8SimulatorAccount => accountView(state, { revoke: deps.revoke, requests: deps.requests });
  const views = states.map(view);
  const indexOf = (key: string): number => states.findIndex((a) => a.id === key || a.name === key || a.credentials.clientId === key);
  return {
    states,
    views,
    indexOf,
    get(key) {
      const found = views[indexOf(key)];
      if (!found) throw new Pax8SimulatorError('account', `no account has id, name or client id '${key}'; accounts: ${views.map((a) => a.name).join(', ')}`);
      return found;
    },
    add(options) {
      const state = createAccountState(resolveAccount(options, states.length, resolved.accountBase, whole), states.length, resolved, deps.onWorld);
      for (const field of ['id', 'name'] as const) checkUnique([...states.map((a) => a[field]), state[field]], field);
      checkUnique([...states.map((a) => a.credentials.clientId), state.credentials.clientId], 'credentials.clientId');
      states.push(state);
      views.push(view(state));
      return views.at(-1) as Pax8SimulatorAccount;
    },
  };
}
