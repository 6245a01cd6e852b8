import { compileStatusMapper } from './compile-status-mapper';
import { SUBSCRIPTION_STATUS_ALIASES } from './status-aliases';
import type { MapStatusOptions } from './status-mapper-options';
import type { StatusMapping } from './status-mapping';
import { SUBSCRIPTION_STATUS_TABLE } from './subscription-status-table';

/**
 * Maps a Pax8 subscription status, in any spelling, to the PSA state.
 * An unknown or missing status never throws: it follows `options.unknownStatusPolicy`
 * (default `'inactive'`), is flagged `known: false` and is reported to `options.onUnknownStatus`.
 * @throws {@link StatusOptionsError} when `options` is invalid (a bad override or policy).
 * @example
 * mapSubscriptionStatus('Pending Activation').state; // 'active'
 * mapSubscriptionStatus('PendingManual', { overrides: { PendingManual: 'active' } }).state; // 'active'
 */
export function mapSubscriptionStatus(status: string | null | undefined, options: MapStatusOptions = {}): StatusMapping {
  return compileStatusMapper(SUBSCRIPTION_STATUS_TABLE, SUBSCRIPTION_STATUS_ALIASES, options, {
    overrides: 'overrides',
    policy: 'unknownStatusPolicy',
  })(status);
}
